import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRetina } from '../../src/retina/analyzeRetina.js';
import { avMapsFromLabels } from '../../src/retina/avMapsFromLabels.js';
import { modelArteryFraction, modelCalibration, modelVesselThreshold } from '../../src/retina/predictArteryVeinAdapter.js';
import { DEFAULT_AV_MODEL_DIR } from '../../src/segment/unet/predictArteryVein.js';
import type { Image2D, Mask2D } from '../../src/core/image.js';

const N = 200;
const disc = { row: 100, col: 100, radiusPx: 10 };
const fov: Mask2D = { data: new Uint8Array(N * N).fill(1), width: N, height: N };
const image: Image2D = { data: new Float32Array(N * N), width: N, height: N, channels: 1 };

/** Labels (1 artery, 2 vein) of straight radial bars from 12 to 45 px off the disc centre: [angle, width px, label]. */
function bars(list: [number, number, number][]): Uint8Array {
  const labels = new Uint8Array(N * N);
  for (let r = 0; r < N; r++)
    for (let c = 0; c < N; c++) {
      const dr = r - disc.row,
        dc = c - disc.col,
        d = Math.hypot(dr, dc);
      if (d < 12 || d > 45) continue;
      for (const [a, w, l] of list) {
        const along = dr * Math.sin(a) + dc * Math.cos(a),
          across = -dr * Math.cos(a) + dc * Math.sin(a);
        if (along > 0 && Math.abs(across) <= (w - 1) / 2 + 1e-9) labels[r * N + c] = l;
      }
    }
  return labels;
}
const RADIAL: [number, number, number][] = [
  [0, 5, 1],
  [Math.PI / 2, 5, 1],
  [Math.PI, 7, 2],
  [-Math.PI / 2, 7, 2],
];

test('analyzeRetina drops vessel components smaller than minComponentAreaDiscR2 · R² (specks) and nothing else', () => {
  const clean = bars(RADIAL);
  const specky = clean.slice();
  // four 3×3 specks (9 px) in zone C, away from the bars; 0.5 · R² = 50 px
  for (const [r0, c0] of [
    [60, 60],
    [60, 135],
    [135, 60],
    [135, 135],
  ])
    for (let r = r0; r < r0 + 3; r++) for (let c = c0; c < c0 + 3; c++) specky[r * N + c] = 1;
  const run = (labels: Uint8Array, minArea: number) =>
    analyzeRetina(image, avMapsFromLabels({ data: labels, width: N, height: N, channels: 1 }), {
      fov,
      disc,
      spacingUm: 1,
      minComponentAreaDiscR2: minArea,
    });
  const ref = run(clean, 0),
    kept = run(specky, 0),
    removed = run(specky, 0.5);
  const sum = (m: Mask2D): number => m.data.reduce((s, x) => s + x, 0);
  assert.equal(sum(kept.vesselMask), sum(ref.vesselMask) + 36);
  assert.deepEqual(removed.vesselMask.data, ref.vesselMask.data);
  assert.equal(removed.record.crae_um, ref.record.crae_um);
  assert.equal(removed.record.crve_um, ref.record.crve_um);
  // 0.88·√(5² + 5²) and 0.95·√(7² + 7²) (Knudtson over the two bars of each kind)
  assert.ok(Math.abs((removed.record.crae_um as number) - 0.88 * Math.hypot(5, 5)) < 0.01);
  assert.ok(Math.abs((removed.record.crve_um as number) - 0.95 * Math.hypot(7, 7)) < 0.01);
});

test('analyzeRetina counts segments shorter than minSegmentLengthDiscRadii · R apart (n_short_segments), not in n_segments', () => {
  const labels = bars(RADIAL); // four bars ≈ 33 px long
  for (let r = 150; r < 153; r++) for (let c = 140; c < 155; c++) labels[r * N + c] = 1; // one bar 15 px long
  const run = (minLen: number) =>
    analyzeRetina(image, avMapsFromLabels({ data: labels, width: N, height: N, channels: 1 }), {
      fov,
      disc,
      spacingUm: 1,
      minComponentAreaDiscR2: 0,
      minSegmentLengthDiscRadii: minLen,
    }).record;
  const all = run(0),
    some = run(2); // 2 R = 20 px: between 15 and 33
  assert.equal(all.n_short_segments, 0);
  assert.equal(all.n_segments, 5);
  assert.equal(some.n_short_segments, 1);
  assert.equal(some.n_segments, 4);
  assert.equal(some.crae_um, all.crae_um);
});

test("analyzeRetina thresholds the vessel probability at the maps' vesselThreshold (a calibrated model), an explicit option overriding it", () => {
  // one arteriole 5 px wide (p = 0.95) with a 1 px rim on each side at p = 0.7 (a miscalibrated border)
  const core = bars([[0, 5, 1]]),
    wide = bars([[0, 7, 1]]);
  const maps = avMapsFromLabels({ data: wide, width: N, height: N, channels: 1 });
  for (let i = 0; i < N * N; i++) {
    if (!wide[i]) continue;
    const p = core[i] ? 0.95 : 0.7;
    maps.vessel[i] = p;
    maps.artery[i] = p;
    maps.vein[i] = 0;
  }
  const opts = { fov, disc, spacingUm: 1 };
  assert.equal(analyzeRetina(image, maps, opts).record.crae_um, 7);
  assert.equal(analyzeRetina(image, { ...maps, vesselThreshold: 0.9 }, opts).record.crae_um, 5);
  assert.equal(analyzeRetina(image, { ...maps, vesselThreshold: 0.9 }, { ...opts, vesselThreshold: 0.5 }).record.crae_um, 7);
  assert.equal(analyzeRetina(image, { ...maps, vesselThreshold: 0.9 }, opts).record.vessel_threshold, 0.9);
});

test("analyzeRetina balances the artery/vein split when the maps carry a model's arteryFraction (or avBalance asks), never for label maps", () => {
  // Two arterioles (5 px) and two venules (7 px) that the "CNN" calls all arterial: artery log-odds
  // rising along each bar (12 → 45 px off the disc centre) from 3 to 3.2 on arterioles, from 0.5 to 1.5 on venules.
  const labels = bars(RADIAL);
  const maps = avMapsFromLabels({ data: labels, width: N, height: N, channels: 1 });
  for (let i = 0; i < N * N; i++) {
    if (!labels[i]) continue;
    const t = (Math.hypot(Math.floor(i / N) - disc.row, (i % N) - disc.col) - 12) / 33;
    const l = labels[i] === 1 ? 3 + 0.2 * t : 0.5 + t;
    maps.vessel[i] = 0.95;
    maps.artery[i] = 0.95 / (1 + Math.exp(-l));
    maps.vein[i] = 0.95 - maps.artery[i]!;
  }
  const opts = { fov, disc, spacingUm: 1, minComponentAreaDiscR2: 0 };
  const raw = analyzeRetina(image, maps, opts);
  assert.equal(raw.record.av_balance_shift, null);
  assert.equal(raw.record.crve_um, null);
  assert.equal(raw.avMaps, maps);
  // Arterioles make 5/12 of the mask pixels; a prior of 0.45 puts the cut in the venules' far ends
  // (outside zone B, 20–30 px from the centre), so zone B sees two arterioles and two venules.
  const balanced = analyzeRetina(image, { ...maps, arteryFraction: 0.45 }, opts);
  const shift = balanced.record.av_balance_shift as number;
  assert.ok(shift > 1.3 && shift < 1.5, `shift ${shift}`);
  assert.equal(balanced.record.n_venules_zone_b, 2);
  assert.ok(Math.abs((balanced.record.crae_um as number) - 0.88 * Math.hypot(5, 5)) < 0.01);
  assert.ok(Math.abs((balanced.record.crve_um as number) - 0.95 * Math.hypot(7, 7)) < 0.01);
  assert.notEqual(balanced.avMaps, maps);
  // Asked for explicitly, or refused explicitly.
  assert.equal(analyzeRetina(image, maps, { ...opts, avBalance: { arteryFraction: 0.45 } }).record.crve_um, balanced.record.crve_um);
  assert.equal(analyzeRetina(image, { ...maps, arteryFraction: 0.45 }, { ...opts, avBalance: false }).record.av_balance_shift, null);
  // An options object without a fraction keeps the maps' own.
  assert.equal(
    analyzeRetina(image, { ...maps, arteryFraction: 0.45 }, { ...opts, avBalance: { minPixels: 10 } }).record.av_balance_shift,
    shift,
  );
  // Manual label maps carry no arteryFraction: left alone.
  assert.equal(
    analyzeRetina(image, avMapsFromLabels({ data: labels, width: N, height: N, channels: 1 }), opts).record.av_balance_shift,
    null,
  );
});

test('modelArteryFraction: read from metadata.json avBalance.arteryFraction; absent → undefined; outside (0, 1) → CORRUPT_FILE naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-avfrac-'));
  // The shipped model carries the fraction chosen on its validation images.
  assert.equal(modelArteryFraction(DEFAULT_AV_MODEL_DIR), 0.47);
  // Both read in one go, as the adapter does.
  assert.deepEqual(modelCalibration(DEFAULT_AV_MODEL_DIR), { vesselThreshold: 0.85, arteryFraction: 0.47, widthLevel: 0.9 });
  try {
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ threshold: 0.5 }));
    assert.equal(modelArteryFraction(dir), undefined);
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ avBalance: { arteryFraction: 0.46 } }));
    assert.equal(modelArteryFraction(dir), 0.46);
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ avBalance: { arteryFraction: 46 } }));
    assert.throws(() => modelArteryFraction(dir), /metadata\.json: avBalance\.arteryFraction must be a number in \(0, 1\), got 46/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('modelVesselThreshold: the shipped A/V model carries its calibrated 0.85; a "default" threshold is not used', () => {
  assert.equal(modelVesselThreshold(DEFAULT_AV_MODEL_DIR), 0.85);
  const dir = mkdtempSync(join(tmpdir(), 'vp-avthr-'));
  try {
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ threshold: 0.5, thresholdSource: 'default' }));
    assert.equal(modelVesselThreshold(dir), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('analyzeRetina widthMethod "profile": half-height widths of the image profile across radial bars give the Knudtson value of the bar widths', () => {
  const labels = bars(RADIAL);
  // the photograph: bright background, each bar a dark box of its width (anti-aliased over 1 px)
  const img: Image2D = { data: new Float32Array(N * N).fill(200), width: N, height: N, channels: 1 };
  for (let r = 0; r < N; r++)
    for (let c = 0; c < N; c++) {
      const dr = r - disc.row,
        dc = c - disc.col;
      for (const [a, w] of RADIAL) {
        const along = dr * Math.sin(a) + dc * Math.cos(a),
          across = Math.abs(-dr * Math.cos(a) + dc * Math.sin(a));
        if (along > 0) img.data[r * N + c] = Math.min(img.data[r * N + c]!, 200 - 120 * Math.min(1, Math.max(0, w / 2 + 0.5 - across)));
      }
    }
  const rec = analyzeRetina(img, avMapsFromLabels({ data: labels, width: N, height: N, channels: 1 }), {
    fov,
    disc,
    spacingUm: 1,
    widthMethod: 'profile',
  }).record;
  assert.ok(Math.abs((rec.crae_um as number) / (0.88 * Math.hypot(5, 5)) - 1) < 0.03, `CRAE ${rec.crae_um}`);
  assert.ok(Math.abs((rec.crve_um as number) / (0.95 * Math.hypot(7, 7)) - 1) < 0.03, `CRVE ${rec.crve_um}`);
});
