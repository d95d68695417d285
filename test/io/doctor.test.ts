import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runDoctor, checkNode, checkTfjsBackends, checkChromium, checkFfmpeg, packageVersion } from '../../src/cli/commands/doctor.js';
import { findChromium } from '../../src/plot/export.js';
import type { DoctorCheck } from '../../src/cli/commands/doctor.js';

const root = join(import.meta.dirname, '..', '..');

test('doctor checkNode() reports this Node version as ok (>= 20)', () => {
  const r = checkNode();
  assert.equal(r.status, 'ok');
  assert.equal(r.detail, process.versions.node);
});

test('doctor checkTfjsBackends() matches what node_modules holds, with an install hint for each missing backend', () => {
  const pj = (p: string): string | undefined => {
    try {
      return (JSON.parse(readFileSync(join(root, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return undefined;
    }
  };
  const byName = Object.fromEntries(checkTfjsBackends().map((r) => [r.name, r]));
  assert.deepEqual(Object.keys(byName), ['tfjs-node-gpu', 'tfjs-node', 'tfjs-wasm', 'tfjs-cpu']);
  for (const [name, pkg] of [
    ['tfjs-wasm', '@tensorflow/tfjs-backend-wasm'],
    ['tfjs-cpu', '@tensorflow/tfjs'],
    ['tfjs-node', '@tensorflow/tfjs-node'],
  ] as const) {
    const v = pj(pkg);
    if (v === undefined) {
      assert.equal(byName[name]!.status, 'missing');
      assert.match(byName[name]!.fix!, new RegExp(`npm install ${pkg.replace('/', '\\/')}`));
    } else {
      assert.notEqual(byName[name]!.status, 'missing');
      assert.ok(byName[name]!.detail.includes(v));
    }
  }
});

test('packageVersion(not installed) is undefined; runDoctor reports a throwing check as broken and keeps going', async () => {
  assert.equal(packageVersion('vesselprint-no-such-package-xyz'), undefined);
  const boom: DoctorCheck = () => {
    throw new Error('probe exploded');
  };
  const results = await runDoctor([boom, checkNode]);
  assert.equal(results.length, 2);
  assert.equal(results[0]!.status, 'broken');
  assert.match(results[0]!.detail, /probe exploded/);
  assert.equal(results[1]!.name, 'node');
});

test('doctor checkChromium() finds Chromium where figure export finds it (VESSELPRINT_CHROMIUM), not only at /usr/bin/chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-chromium-'));
  const old = process.env.VESSELPRINT_CHROMIUM;
  try {
    const fake = join(dir, 'my-chromium');
    writeFileSync(fake, '#!/bin/sh\necho "Chromium 123.0.0.0 (test double)"\n');
    chmodSync(fake, 0o755);
    process.env.VESSELPRINT_CHROMIUM = fake;
    assert.equal(findChromium(), fake);
    const r = checkChromium();
    assert.equal(r.status, 'ok', r.detail);
    assert.equal(r.detail, `Chromium 123.0.0.0 (test double) (${fake})`);
    process.env.VESSELPRINT_CHROMIUM = join(dir, 'absent');
    const m = checkChromium();
    assert.equal(m.status, 'missing');
    assert.match(m.detail, /VESSELPRINT_CHROMIUM points to .*absent, which does not exist/);
  } finally {
    if (old === undefined) delete process.env.VESSELPRINT_CHROMIUM;
    else process.env.VESSELPRINT_CHROMIUM = old;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('doctor checkFfmpeg() reports the ffmpeg on PATH with the version `ffmpeg -version` prints, and says what to install when absent or half-installed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-ffmpeg-'));
  try {
    const fake = (name: string, out: string, code = 0): string => {
      const p = join(dir, name);
      writeFileSync(p, `#!/bin/sh\necho "${out}"\nexit ${code}\n`);
      chmodSync(p, 0o755);
      return p;
    };
    const ff = fake('ffmpeg', 'ffmpeg version 9.9-test Copyright (c) 2000 the FFmpeg developers');
    const fp = fake('ffprobe', 'ffprobe version 9.9-test Copyright (c) 2000 the FFmpeg developers');
    const ok = checkFfmpeg({ ffmpeg: ff, ffprobe: fp });
    assert.equal(ok.status, 'ok');
    assert.equal(ok.name, 'ffmpeg');
    assert.match(ok.detail, /^ffmpeg version 9\.9-test; ffprobe version 9\.9-test /);
    const none = checkFfmpeg({ ffmpeg: join(dir, 'absent'), ffprobe: join(dir, 'absent2') });
    assert.equal(none.status, 'missing');
    assert.match(none.fix!, /apt-get install -y ffmpeg/);
    const half = checkFfmpeg({ ffmpeg: ff, ffprobe: fake('ffprobe-bad', 'crash', 1) });
    assert.equal(half.status, 'broken');
    assert.match(half.detail, /ffprobe-bad does not run/);
    // the real one, as `vesselprint capillaroscopy` would call it
    const real = spawnSync('ffmpeg', ['-version'], { encoding: 'utf8' });
    const r = checkFfmpeg();
    if (real.error) assert.equal(r.status, 'missing');
    else assert.ok(r.detail.startsWith(real.stdout.split('\n')[0]!.replace(/ Copyright.*$/, '')), r.detail);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
