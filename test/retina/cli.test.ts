import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthFundus } from '../../src/synth/fundus.js';
import { createRng } from '../../src/core/rng.js';
import { writeImage } from '../../src/io/writeImage.js';
import { readImage } from '../../src/io/readImage.js';

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/vesselprint.mjs', 'retina', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('vesselprint retina IMAGE --av-maps LABELS --out-dir DIR --json: the issue\'s fields and the four images; without maps NOT_IMPLEMENTED', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-retina-cli-'));
  try {
    const s = synthFundus(createRng(5));
    const fov = Uint8Array.from(s.fovMask.data, (v) => v * 255);
    await writeImage(join(dir, 'img.png'), { ...s.image, spacingUm: undefined });
    await writeImage(join(dir, 'fov.png'), { data: fov, width: s.image.width, height: s.image.height, channels: 1 });
    await writeImage(join(dir, 'av.png'), { data: s.avLabel, width: s.image.width, height: s.image.height, channels: 1 });
    const out = join(dir, 'out');
    const r = cli(join(dir, 'img.png'), '--fov', join(dir, 'fov.png'), '--av-maps', join(dir, 'av.png'), '--out-dir', out, '--json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    for (const k of ['disc_row', 'disc_col', 'disc_radius_px', 'avr', 'n_arterioles_zone_b', 'n_venules_zone_b']) assert.equal(typeof j[k], 'number', k);
    // no spacing in the file and none given: µm values absent with a reason, AVR still there
    assert.equal(j.crae_um, null);
    assert.equal(typeof j.crae_um_absent_reason, 'string');
    for (const f of ['vessel_prob.tiff', 'vessels.png', 'av.png', 'overlay.png']) assert.ok(existsSync(join(out, f)), f);
    const av = await readImage(join(out, 'av.png'));
    assert.ok(av.data.every((v) => v === 0 || v === 1 || v === 2));
    const prob = await readImage(join(out, 'vessel_prob.tiff'));
    assert.ok(prob.data instanceof Float32Array);
    const withSpacing = cli(join(dir, 'img.png'), '--fov', join(dir, 'fov.png'), '--av-maps', join(dir, 'av.png'), '--spacing-um', String(s.spacingUm), '--out-dir', out, '--json');
    assert.equal(typeof (JSON.parse(withSpacing.out) as Record<string, unknown>).crae_um, 'number');
    const none = cli(join(dir, 'img.png'), '--out-dir', out, '--json');
    assert.notEqual(none.code, 0);
    assert.match(none.err, /NOT_IMPLEMENTED/);
    assert.match(none.err, /--av-maps/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
