import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { levelWidthPx } from '../../src/retina/levelWidth.js';
import { analyzeRetina } from '../../src/retina/analyzeRetina.js';
import { avMapsFromLabels } from '../../src/retina/avMapsFromLabels.js';
import { modelCalibration } from '../../src/retina/predictArteryVeinAdapter.js';
import type { ArteryVeinMaps } from '../../src/segment/arteryVeinMaps.js';
import type { Image2D, Mask2D } from '../../src/core/image.js';

/** A straight vessel through (r0, c0) at angle `a` (direction (sin a, cos a)): p = clamp(1 − (|across| − core)/ramp, 0, 1). */
function ridge(n: number, r0: number, c0: number, a: number, core: number, ramp: number): Float32Array {
  const p = new Float32Array(n * n);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const across = Math.abs(-(r - r0) * Math.cos(a) + (c - c0) * Math.sin(a));
      p[r * n + c] = Math.min(1, Math.max(0, 1 - (across - core) / ramp));
    }
  return p;
}

test('levelWidthPx: a piecewise-linear ridge has width 2·(core + ramp·(1 − L)) at level L, axis-parallel and oblique', () => {
  const n = 64;
  // horizontal vessel (direction along the columns), normal along the rows: kinks on pixel centres → exact
  const h = ridge(n, 32, 32, 0, 3, 4);
  for (const L of [0.5, 0.9, 0.95]) {
    const w = levelWidthPx(h, n, n, 32, 20, 1, 0, L);
    assert.ok(Math.abs(w - 2 * (3 + 4 * (1 - L))) < 1e-9, `L=${L}: ${w}`);
  }
  // the normal's sign and length do not matter
  assert.ok(Math.abs(levelWidthPx(h, n, n, 32, 20, -3, 0, 0.9) - 6.8) < 1e-9);
  // 30° oblique: bilinear interpolation is exact where the ridge is linear (the crossing lies 2 px inside a 6 px ramp)
  const a = Math.PI / 6;
  const o = ridge(n, 32.3, 31.7, a, 2, 6);
  for (const L of [0.5, 0.7]) {
    const w = levelWidthPx(o, n, n, 32.3, 31.7, -Math.cos(a), Math.sin(a), L);
    assert.ok(Math.abs(w - 2 * (2 + 6 * (1 - L))) < 0.01, `oblique L=${L}: ${w}`);
  }
});

test('levelWidthPx: a binary run of n pixels measures n at level ½ (border to border); NaN below the level, for no edge or a zero normal', () => {
  const n = 40;
  for (const k of [1, 4, 7]) {
    const p = new Float32Array(n * n);
    for (let r = 10; r < 10 + k; r++) for (let c = 0; c < n; c++) p[r * n + c] = 1;
    const centre = 10 + (k - 1) / 2;
    assert.ok(Math.abs(levelWidthPx(p, n, n, centre, 20, 1, 0, 0.5) - k) < 1e-9, `run of ${k}`);
  }
  const p = ridge(n, 20, 20, 0, 2, 2);
  assert.ok(Number.isNaN(levelWidthPx(p, n, n, 5, 20, 1, 0, 0.5)), 'centre outside the vessel');
  assert.ok(Number.isNaN(levelWidthPx(p, n, n, 20, 20, 0, 0, 0.5)), 'zero normal');
  assert.ok(Number.isNaN(levelWidthPx(p, n, n, 20, 20, 1, 0, 0.5, { maxHalfPx: 2 })), 'edge beyond maxHalfPx');
  assert.ok(Number.isFinite(levelWidthPx(p, n, n, 20, 20, 1, 0, 0.5, { maxHalfPx: 4 })));
});

// The bar phantom of vesselMask.test.ts, with soft (probability-like) vessel maps.
const N = 200;
const disc = { row: 100, col: 100, radiusPx: 10 };
const fov: Mask2D = { data: new Uint8Array(N * N).fill(1), width: N, height: N };
const image: Image2D = { data: new Float32Array(N * N), width: N, height: N, channels: 1 };
/** Radial bars 12–45 px from the disc centre: [angle, core half-width, artery?]; p ramps from 1 to 0 over 4 px outside the core. */
function softBars(list: [number, number, boolean][]): ArteryVeinMaps {
  const artery = new Float32Array(N * N),
    vein = new Float32Array(N * N);
  for (const [a, core, isArtery] of list) {
    const m = isArtery ? artery : vein;
    const [sa, ca] = [Math.sin(a), Math.cos(a)];
    for (let i = 0; i < N * N; i++) {
      const dr = Math.floor(i / N) - disc.row,
        dc = (i % N) - disc.col;
      const radius = Math.hypot(dr, dc);
      if (radius < 12 || radius > 45 || dr * sa + dc * ca <= 0) continue;
      const p = Math.min(1, Math.max(0, 1 - (Math.abs(-dr * ca + dc * sa) - core) / 4));
      m[i] = Math.max(m[i]!, p);
    }
  }
  const vessel = new Float32Array(N * N);
  for (let i = 0; i < vessel.length; i++) vessel[i] = artery[i]! + vein[i]!;
  return { artery, vein, vessel, width: N, height: N };
}
const SOFT: [number, number, boolean][] = [
  [0, 2, true],
  [Math.PI / 2, 2, true],
  [Math.PI, 3, false],
  [-Math.PI / 2, 3, false],
];

test('analyzeRetina: maps with a calibrated widthLevel are measured at that level (known Knudtson value); "mask" measures the thresholded mask', () => {
  const maps = { ...softBars(SOFT), vesselThreshold: 0.5, widthLevel: 0.9 };
  const level = analyzeRetina(image, maps, { fov, disc, spacingUm: 1 });
  assert.equal(level.record.width_method, 'level');
  assert.equal(level.record.width_level, 0.9);
  // width at 0.9: 2·(core + 4·0.1) = 4.8 (arterioles), 6.8 (venules)
  assert.ok(Math.abs((level.record.crae_um as number) / (0.88 * Math.hypot(4.8, 4.8)) - 1) < 0.02, `CRAE ${level.record.crae_um}`);
  assert.ok(Math.abs((level.record.crve_um as number) / (0.95 * Math.hypot(6.8, 6.8)) - 1) < 0.02, `CRVE ${level.record.crve_um}`);
  // an explicit level overrides the maps'
  const l5 = analyzeRetina(image, maps, { fov, disc, spacingUm: 1, widthLevel: 0.5 }).record;
  assert.ok(Math.abs((l5.crae_um as number) / (0.88 * Math.hypot(8, 8)) - 1) < 0.02, `CRAE at 0.5 ${l5.crae_um}`);
  // the mask at 0.5 (border to border of the pixels with p ≥ 0.5): about 2·(core + 2) + 1
  const mask = analyzeRetina(image, maps, { fov, disc, spacingUm: 1, widthMethod: 'mask' }).record;
  assert.equal(mask.width_method, 'mask');
  assert.equal(mask.width_level, null);
  assert.ok((mask.crae_um as number) > 0.88 * Math.hypot(8, 8), `mask CRAE ${mask.crae_um}`);
  // label maps (no widthLevel) keep the mask width by default
  const plain = analyzeRetina(image, softBars(SOFT), { fov, disc, spacingUm: 1 }).record;
  assert.equal(plain.width_method, 'mask');
});

test('analyzeRetina "level": at a level equal to the vessel threshold the free edges keep the background p (no inward pull)', () => {
  // the class masks hold p ≥ 0.85; the first pixel outside has p < 0.85, which must not read as 0
  const maps = { ...softBars(SOFT), vesselThreshold: 0.85, widthLevel: 0.85 };
  const a = analyzeRetina(image, maps, { fov, disc, spacingUm: 1 });
  // width at 0.85: 2·(core + 4·0.15) = 5.2 (arterioles), 7.2 (venules)
  for (const v of a.calibre.vessels) {
    const want = v.kind === 'artery' ? 5.2 : 7.2;
    assert.ok(Math.abs(v.widthPx - want) < 0.05, `${v.kind} ${v.widthPx} vs ${want}`);
  }
  assert.equal(a.calibre.vessels.length, 4);
});

test('analyzeRetina "level": an arteriole lying against a venule is measured on its own class (not across both)', () => {
  // one radial direction: artery rows 96..100 (5 px) and vein rows 101..107 (7 px), touching, columns 112..145
  const labels = new Uint8Array(N * N);
  for (let r = 96; r <= 107; r++) for (let c = 112; c <= 145; c++) labels[r * N + c] = r <= 100 ? 1 : 2;
  const maps = avMapsFromLabels({ data: labels, width: N, height: N, channels: 1 });
  const a = analyzeRetina(image, maps, { fov, disc, spacingUm: 1, widthMethod: 'level', widthLevel: 0.5 });
  const w = (kind: 'artery' | 'vein') => a.calibre.vessels.filter((v) => v.kind === kind).map((v) => v.widthPx);
  assert.deepEqual(
    w('artery').map((x) => Math.round(x * 100) / 100),
    [5],
  );
  assert.deepEqual(
    w('vein').map((x) => Math.round(x * 100) / 100),
    [7],
  );
  // the vessel probability alone runs across both: 12 px
  assert.ok(Math.abs(levelWidthPx(maps.vessel, N, N, 98, 130, 1, 0, 0.5) - 12) < 1e-9);
});

test('modelCalibration: widthLevel.level read from metadata.json; outside (0, 1) or not a number → CORRUPT_FILE naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-wlevel-'));
  try {
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ widthLevel: { level: 0.9, source: 'test' } }));
    assert.deepEqual(modelCalibration(dir), { widthLevel: 0.9 });
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ widthLevel: { level: '0.9' } }));
    assert.throws(() => modelCalibration(dir), /metadata\.json: widthLevel\.level must be a number in \(0, 1\), got "0\.9"/);
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ widthLevel: {} }));
    assert.throws(() => modelCalibration(dir), /widthLevel\.level must be a number in \(0, 1\), got undefined/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('levelWidthPx angleTolDeg: a normal 15° off the vessel reads w / cos 15°; searching ±20° finds the true width again', () => {
  const n = 64;
  const h = ridge(n, 32, 32, 0, 4, 4); // width 2·(4 + 4·0.5) = 12 at level ½
  const t = (15 * Math.PI) / 180;
  const off = levelWidthPx(h, n, n, 32, 32, Math.cos(t), Math.sin(t), 0.5);
  assert.ok(Math.abs(off - 12 / Math.cos(t)) < 0.02, `tilted: ${off}`);
  const found = levelWidthPx(h, n, n, 32, 32, Math.cos(t), Math.sin(t), 0.5, { angleTolDeg: 20, angleStepDeg: 5 });
  assert.ok(Math.abs(found - 12) < 1e-6, `searched: ${found}`);
  // never wider than the given normal's cut
  assert.ok(levelWidthPx(h, n, n, 32, 32, 1, 0, 0.5, { angleTolDeg: 20 }) <= 12 + 1e-9);
});
