import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeImage } from '../../src/io/writeImage.js';
import { readImage } from '../../src/io/readImage.js';
import { fundusPhantom } from './phantom.js';

let dir = '';
const ph = fundusPhantom(192, 8);

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/vesselprint.mjs', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vp-seg-cli-'));
  await writeImage(join(dir, 'img.png'), ph.image);
  const to255 = (d: Uint8Array): Uint8Array => d.map((v) => (v ? 255 : 0));
  await writeImage(join(dir, 'truth.png'), { data: to255(ph.truth.data), width: 192, height: 192, channels: 1 });
  await writeImage(join(dir, 'fov.png'), { data: to255(ph.fov.data), width: 192, height: 192, channels: 1 });
  await writeImage(join(dir, 'small.png'), { data: new Uint8Array(100), width: 10, height: 10, channels: 1 });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('vesselprint segment IMAGE --method frangi --out MASK.png --prob PROB.tiff writes a 0/255 mask and a float32 map in [0, 1]', async () => {
  const r = cli('segment', join(dir, 'img.png'), '--method', 'frangi', '--out', join(dir, 'mask.png'), '--prob', join(dir, 'prob.tiff'));
  assert.equal(r.status, 0, r.stderr);
  const mask = await readImage(join(dir, 'mask.png'));
  assert.equal(mask.width, 192);
  assert.ok(Array.from(mask.data).every((v) => v === 0 || v === 255));
  assert.ok(Array.from(mask.data).some((v) => v === 255));
  const prob = await readImage(join(dir, 'prob.tiff'));
  assert.ok(prob.data instanceof Float32Array);
  assert.ok(Array.from(prob.data).every((v) => v >= 0 && v <= 1));
});

test('vesselprint evaluate-seg --pred PROB --truth T --fov F --json prints the listed keys with AUC ≥ 0.95 on the phantom', () => {
  const r = cli(
    'evaluate-seg',
    '--pred',
    join(dir, 'prob.tiff'),
    '--truth',
    join(dir, 'truth.png'),
    '--fov',
    join(dir, 'fov.png'),
    '--json',
  );
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, number>;
  for (const k of ['auc', 'auc_pr', 'dice', 'accuracy', 'sensitivity', 'specificity', 'mcc', 'cldice'])
    assert.equal(typeof out[k], 'number', k);
  assert.ok(out.auc! >= 0.95, `auc ${out.auc}`);
  assert.ok(out.dice! > 0.6, `dice ${out.dice}`);
  // the mask thresholded at 0.5 scores like the probability map thresholded at 0.5 (calibration)
  const m = cli(
    'evaluate-seg',
    '--pred',
    join(dir, 'mask.png'),
    '--truth',
    join(dir, 'truth.png'),
    '--fov',
    join(dir, 'fov.png'),
    '--json',
    '--threshold',
    '0.5',
  );
  const mo = JSON.parse(m.stdout) as Record<string, number>;
  assert.ok(Math.abs(mo.dice! - out.dice!) < 0.05, `mask dice ${mo.dice} vs prob dice ${out.dice}`);
});

test('vesselprint segment: unknown method, FOV of another size and a missing file exit 2 with a clear message', () => {
  const a = cli('segment', join(dir, 'img.png'), '--method', 'sato', '--out', join(dir, 'x.png'));
  assert.equal(a.status, 2);
  assert.match(a.stderr, /expected one of "frangi", "line", "unet", got "sato"/);
  const b = cli('segment', join(dir, 'img.png'), '--fov', join(dir, 'small.png'), '--out', join(dir, 'x.png'));
  assert.equal(b.status, 2);
  assert.match(b.stderr, /small\.png.*10x10/);
  const c = cli('evaluate-seg', '--pred', join(dir, 'nope.tiff'), '--truth', join(dir, 'truth.png'), '--json');
  assert.equal(c.status, 2);
  assert.match(c.stderr, /nope\.tiff.*does not exist/);
  const d = cli('segment', join(dir, 'img.png'), '--method', 'unet', '--model', join(dir, 'no-model'), '--out', join(dir, 'x.png'));
  assert.equal(d.status, 2);
  assert.match(d.stderr, /no-model.*model\.json missing/);
  assert.ok(!existsSync(join(dir, 'x.png')));
});

test('vesselprint segment IMAGE --modality skin uses the skin defaults (the one Modality of core/modality.ts)', () => {
  const r = cli('segment', join(dir, 'img.png'), '--modality', 'skin', '--fov', join(dir, 'fov.png'), '--out', join(dir, 'skin.png'));
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'skin.png')));
  const bad = cli('segment', join(dir, 'img.png'), '--modality', 'capillary', '--out', join(dir, 'cap.png'));
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--modality: expected one of "fundus", "skin", got "capillary"/);
});

test('vesselprint evaluate-seg: an all-zero truth and --threshold 2 are clear errors, not silent NaN / all-background metrics', async () => {
  await writeImage(join(dir, 'zero.png'), { data: new Uint8Array(192 * 192), width: 192, height: 192, channels: 1 });
  const a = cli(
    'evaluate-seg',
    '--pred',
    join(dir, 'truth.png'),
    '--truth',
    join(dir, 'zero.png'),
    '--fov',
    join(dir, 'fov.png'),
    '--json',
  );
  assert.equal(a.status, 2, a.stdout);
  assert.match(a.stderr, /zero\.png: the truth has no vessel pixels inside the FOV/);
  const b = cli('evaluate-seg', '--pred', join(dir, 'truth.png'), '--truth', join(dir, 'truth.png'), '--threshold', '2', '--json');
  assert.equal(b.status, 2, b.stdout);
  assert.match(b.stderr, /--threshold: expected a threshold in \[0, 1\].*got 2/);
});

test('vesselprint segment --fov ALL_ZERO.png names the file and the empty FOV, not an internal function (maskedGaussianBlur)', async () => {
  await writeImage(join(dir, 'emptyfov.png'), { data: new Uint8Array(192 * 192), width: 192, height: 192, channels: 1 });
  const a = cli('segment', join(dir, 'img.png'), '--fov', join(dir, 'emptyfov.png'), '--out', join(dir, 'e.png'));
  assert.equal(a.status, 2);
  assert.match(a.stderr, /emptyfov\.png: field --fov: the FOV mask is empty/);
  assert.doesNotMatch(a.stderr, /maskedGaussianBlur/);
});
