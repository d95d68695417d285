import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hubbard } from '../../src/vascular/hubbard.js';
import { knudtson } from '../../src/vascular/knudtson.js';
import { zoneBMask, zoneCMask } from '../../src/vascular/regions.js';
import { downsampleMask } from '../../src/vascular/resample.js';
import { computeFingerprint } from '../../src/vascular/fingerprint.js';
import { countOn, maskFrom, pixelScale } from './shapes.js';

test('hubbard(widths) follows the Parr–Hubbard recursion (hand-computed)', () => {
  // one pair: √(0.87·80² + 1.01·120² − 0.22·80·120 − 10.76)
  assert.ok(Math.abs(hubbard([120, 80], 'artery') - Math.sqrt(0.87 * 6400 + 1.01 * 14400 - 0.22 * 9600 - 10.76)) < 1e-12);
  assert.ok(Math.abs(hubbard([80, 120], 'vein') - Math.sqrt(0.72 * 6400 + 0.91 * 14400 + 450.02)) < 1e-12);
  // three: (150 with 90), 100 carried; then the two results paired (wider = Wb)
  const a = Math.sqrt(0.72 * 90 * 90 + 0.91 * 150 * 150 + 450.02);
  const [hi, lo] = a > 100 ? [a, 100] : [100, a];
  assert.ok(Math.abs(hubbard([100, 150, 90], 'vein') - Math.sqrt(0.72 * lo * lo + 0.91 * hi * hi + 450.02)) < 1e-9);
  // all vessels enter (Knudtson stops at six)
  const eight = [200, 190, 180, 170, 160, 150, 60, 50];
  assert.notEqual(hubbard(eight, 'artery'), hubbard(eight.slice(0, 6), 'artery'));
  assert.equal(knudtson(eight, 'artery'), knudtson(eight.slice(0, 6), 'artery'));
  assert.throws(() => hubbard([], 'artery'), /no artery widths/);
});

test('zoneCMask is the ring 2R–5R around the disc and contains zone B', () => {
  const disc = { row: 100, col: 100, radiusPx: 15 };
  const c = zoneCMask(200, 200, disc),
    b = zoneBMask(200, 200, disc);
  const area = Math.PI * (75 ** 2 - 30 ** 2);
  assert.ok(Math.abs(countOn(c) - area) / area < 0.01, `zone C ${countOn(c)} px vs ${area.toFixed(0)}`);
  for (let i = 0; i < b.data.length; i++) if (b.data[i]) assert.equal(c.data[i], 1);
});

test('computeFingerprint: vessel perimeter of a disk ≈ 2πr, of a bar ≈ 2(L + W); diameter index of a bar = its width', () => {
  const disk = maskFrom(200, 200, (r, c) => Math.hypot(r - 100, c - 100) < 60);
  const f = computeFingerprint(disk, { spacingUm: 10, regions: false });
  const p = 2 * Math.PI * 60 * 0.01;
  assert.ok(Math.abs(f.vessel_perimeter_mm! - p) / p < 0.03, `disk perimeter ${f.vessel_perimeter_mm} vs ${p}`);
  const bar = maskFrom(240, 60, (r, c) => r >= 20 && r < 28 && c >= 20 && c < 220);
  const g = computeFingerprint(bar, { spacingUm: 1, scale: pixelScale(1), regions: false });
  // an axis-parallel bar: crack length 2(200 + 8) = 416 px, times π/4 (the estimator assumes random orientation)
  assert.ok(Math.abs(g.vessel_perimeter_mm! - (Math.PI / 4) * 416 * 0.001) < 1e-12);
  assert.ok(Math.abs(g.vessel_diameter_index_um! - 8) / 8 < 0.01, `diameter index ${g.vessel_diameter_index_um}`);
});

test('downsampleMask keeps the area of a random-orientation mask, drops partial blocks and scales the spacing', () => {
  const m = maskFrom(403, 301, (r, c) => Math.hypot(r - 150, c - 200) < 90 || Math.abs(r - 0.4 * c - 20) < 3);
  m.spacingUm = 5;
  for (const k of [2, 4]) {
    const d = downsampleMask(m, k);
    assert.equal(d.width, Math.floor(403 / k));
    assert.equal(d.height, Math.floor(301 / k));
    assert.equal(d.spacingUm, 5 * k);
    const a0 = countOn(m),
      a1 = countOn(d) * k * k;
    assert.ok(Math.abs(a1 - a0) / a0 < 0.01, `×${k}: area ${a1} vs ${a0}`);
  }
  assert.throws(() => downsampleMask(m, 1.5), /integer/);
});

test('computeFingerprint with A/V labels: per-type widths and area fractions of an artery bar and a vein bar; zone C area', () => {
  const W = 300,
    H = 200;
  const m = maskFrom(W, H, (r, c) => (r >= 40 && r < 46 && c >= 20 && c < 280) || (r >= 140 && r < 150 && c >= 20 && c < 280));
  const av = new Uint8Array(W * H).map((_, i) => (m.data[i] ? (Math.floor(i / W) < 100 ? 1 : 2) : 0));
  const f = computeFingerprint(m, { spacingUm: 2, scale: pixelScale(2), arteryVein: av, disc: { row: 100, col: 150, radiusPx: 10 } });
  assert.ok(Math.abs(f.artery_vessel_width_mean_um! - 12) < 0.05, `artery width ${f.artery_vessel_width_mean_um}`);
  assert.ok(Math.abs(f.vein_vessel_width_mean_um! - 20) < 0.05, `vein width ${f.vein_vessel_width_mean_um}`);
  assert.equal(f.artery_vessel_area_fraction, (6 * 260) / (W * H));
  assert.equal(f.vein_vessel_area_fraction, (10 * 260) / (W * H));
  assert.equal(f.artery_tortuosity_arc_chord, 1);
  // zone C: 2R–5R = 20–50 px around the disc, inside the image
  const area = Math.PI * (50 ** 2 - 20 ** 2) * 4e-6;
  assert.ok(Math.abs(f.zone_c_area_mm2! - area) / area < 0.01, `zone C area ${f.zone_c_area_mm2} vs ${area}`);
  // without labels: the per-type and CRAE features are null, not missing
  const g = computeFingerprint(m, { spacingUm: 2, scale: pixelScale(2) });
  assert.equal(g.artery_vessel_width_mean_um, null);
  assert.equal(g.crae_hubbard_um, null);
});
