import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFingerprint, analyzeVessels } from '../../src/vascular/fingerprint.js';
import { fractalDimension } from '../../src/vascular/fractalDimension.js';
import { knudtson } from '../../src/vascular/knudtson.js';
import { murrayExponent } from '../../src/vascular/branching.js';
import { tortuosity } from '../../src/vascular/tortuosity.js';
import type { Mask2D } from '../../src/core/image.js';
import {
  maskFrom,
  drawCapsule,
  drawPolyline,
  sinusoidPoints,
  sinusoidArcLength,
  sierpinskiCarpet,
  kochCurve,
  pixelScale,
} from './shapes.js';

const near = (actual: number | null, expected: number, tol: number, what: string): void => {
  assert.ok(actual !== null && Math.abs(actual - expected) <= tol, `${what}: got ${actual}, expected ${expected} ± ${tol}`);
};

test('computeFingerprint(straight bar W×160 px) gives width W, length 159–160 px, tortuosity 1, no branch point', () => {
  for (const W of [3, 4, 5, 6, 7, 8, 9, 12]) {
    const bar = maskFrom(220, 60, (r, c) => r >= 20 && r < 20 + W && c >= 30 && c < 190);
    const f = computeFingerprint(bar, { spacingUm: 2, scale: pixelScale(2) });
    near(f.vessel_width_mean_um, W * 2, 0.01, `width of bar ${W}`);
    near(f.vessel_width_sd_um, 0, 0.01, `width SD of bar ${W}`);
    // 160 px between the outer pixel borders, 159 px between the end pixel centres; ± 1 px per end
    near(f.vessel_length_mm, 0.3195, 0.002, `length of bar ${W}`);
    assert.equal(f.tortuosity_arc_chord, 1);
    assert.equal(f.tortuosity_density, 0);
    assert.equal(f.inflection_count, 0);
    assert.equal(f.branch_point_count, 0);
    assert.equal(f.end_point_count, 2);
    assert.equal(f.segment_count, 1);
    assert.equal(f.vessel_area_fraction, (W * 160) / (220 * 60));
    near(f.vessel_length_density_mm_per_mm2, 0.3195 / (220 * 60 * 4e-6), 0.002 / (220 * 60 * 4e-6), 'length density');
  }
});

test('computeFingerprint(sinusoid) arc/chord matches the exact arc-length integral within 1.5 %', () => {
  for (const [A, lambda, inflections] of [
    [10, 100, 7],
    [20, 100, 7],
    [30, 120, 6],
    [15, 60, 13],
    [5, 200, 3],
  ] as const) {
    const m: Mask2D = { data: new Uint8Array(480 * 200), width: 480, height: 200 };
    drawPolyline(m, sinusoidPoints(100, 40, A, lambda, 400), 2.5);
    const f = computeFingerprint(m, { spacingUm: 1000, scale: pixelScale(1000) });
    const exact = sinusoidArcLength(A, lambda, 400) / Math.hypot(400, A * Math.sin((2 * Math.PI * 400) / lambda));
    assert.ok(Math.abs(f.tortuosity_arc_chord! - exact) / exact < 0.015, `A=${A} λ=${lambda}: ${f.tortuosity_arc_chord} vs exact ${exact}`);
    assert.equal(f.inflection_count, inflections, `A=${A} λ=${lambda} inflections`);
    assert.equal(f.segment_count, 1);
    // Grisan: whole half-waves between inflections, chord λ/2 each; (n−1)/n · 1/L · n·(L½/(λ/2) − 1)
    const n = inflections + 1;
    const half = sinusoidArcLength(A, lambda, lambda / 2);
    const L = sinusoidArcLength(A, lambda, 400);
    if (400 % (lambda / 2) === 0) {
      const td = ((n - 1) / n) * (1 / L) * n * (half / (lambda / 2) - 1);
      assert.ok(Math.abs(f.tortuosity_density! - td) / td < 0.1, `A=${A} λ=${lambda}: TD ${f.tortuosity_density} vs ${td} per px`);
    }
  }
});

test('tortuosity(semicircle of radius 60) has SOAM ≈ 1/R and no inflection; a straight polyline has SOAM 0', () => {
  const pts = Array.from({ length: 400 }, (_, i) => (Math.PI * i) / 399);
  const line = { rows: Float64Array.from(pts, (t) => 100 - 60 * Math.sin(t)), cols: Float64Array.from(pts, (t) => 100 + 60 * Math.cos(t)) };
  const t = tortuosity(line);
  near(t.soamRadPerPx, 1 / 60, 0.0005, 'SOAM');
  near(t.arcChord, Math.PI / 2, 0.001, 'arc/chord');
  assert.equal(t.inflections, 0);
  assert.equal(t.densityPerPx, 0);
  const straight = tortuosity({
    rows: Float64Array.from({ length: 50 }, (_, i) => i * 0.6),
    cols: Float64Array.from({ length: 50 }, (_, i) => i * 0.8),
  });
  near(straight.soamRadPerPx, 0, 1e-12, 'straight SOAM');
  near(straight.arcChord, 1, 1e-12, 'straight arc/chord');
});

test('computeFingerprint(Y junction) gives the branching angle 2θ within 2.5°, 1 branch point, 3 end points', () => {
  for (const [theta, w0, w1] of [
    [20, 11, 8],
    [30, 7, 7],
    [45, 9, 7],
    [60, 7, 5],
  ] as const) {
    const t = (theta * Math.PI) / 180;
    const m: Mask2D = { data: new Uint8Array(300 * 300), width: 300, height: 300 };
    drawCapsule(m, 290, 150, 150, 150, w0 / 2);
    drawCapsule(m, 150, 150, 150 - 120 * Math.cos(t), 150 + 120 * Math.sin(t), w1 / 2);
    drawCapsule(m, 150, 150, 150 - 120 * Math.cos(t), 150 - 120 * Math.sin(t), w1 / 2);
    const f = computeFingerprint(m, { spacingUm: 1, scale: pixelScale(1) });
    near(f.branching_angle_mean_deg, 2 * theta, 2.5, `θ=${theta}`);
    assert.equal(f.branch_point_count, 1);
    assert.equal(f.end_point_count, 3);
    assert.equal(f.segment_count, 3);
  }
});

test('murrayExponent: d0 = ∛2, d1 = d2 = 1 gives 3; d0 = 1, d1 = d2 = ½ gives 1; a child as wide as the parent gives NaN', () => {
  near(murrayExponent(Math.cbrt(2), 1, 1), 3, 1e-9, 'Murray cube law');
  near(murrayExponent(1, 0.5, 0.5), 1, 1e-9, 'area-preserving');
  assert.ok(Number.isNaN(murrayExponent(1, 1, 0.5)));
});

test('Y junction drawn with Murray widths (d0³ = d1³ + d2³) gives a junction exponent near 3', () => {
  const m: Mask2D = { data: new Uint8Array(400 * 400), width: 400, height: 400 };
  // the parent's axis lies between two pixel columns, so its digital width is exactly d0 = 16 px
  const d0 = 16,
    d1 = d0 / Math.cbrt(2);
  drawCapsule(m, 390, 200.5, 200, 200.5, d0 / 2);
  drawCapsule(m, 200, 200.5, 40, 300.5, d1 / 2);
  drawCapsule(m, 200, 200.5, 40, 100.5, d1 / 2);
  const a = analyzeVessels(m, { spacingUm: 1, scale: pixelScale(1) });
  assert.equal(a.bifurcations.length, 1);
  const b = a.bifurcations[0]!;
  near(b.parentWidthPx, d0, 0.6, 'parent width');
  near(b.childWidthsPx[0], d1, 0.6, 'child width');
  near(b.murrayExponent, 3, 0.6, 'junction exponent');
});

test('fractalDimension: filled image → 2, line → 1, Sierpinski carpet → log 8/log 3, Koch curve → log 4/log 3', () => {
  near(fractalDimension(maskFrom(512, 512, () => true)).dimension, 2, 0.001, 'filled image');
  near(
    fractalDimension(
      maskFrom(512, 512, (r, c) => r >= 56 && r < 456 && c >= 56 && c < 456),
      { maxBoxPx: 50 },
    ).dimension,
    2,
    0.05,
    'filled square 400 px',
  );
  near(fractalDimension(maskFrom(512, 512, (r, c) => r === 200 && c >= 20 && c < 490)).dimension, 1, 0.03, 'horizontal line');
  near(fractalDimension(maskFrom(512, 512, (r, c) => r === c)).dimension, 1, 0.03, 'diagonal line');
  near(fractalDimension(sierpinskiCarpet(6)).dimension, Math.log(8) / Math.log(3), 0.015, 'Sierpinski carpet');
  near(fractalDimension(kochCurve(7, 2187)).dimension, Math.log(4) / Math.log(3), 0.035, 'Koch curve');
});

test('computeFingerprint(skin, N disks) counts N capillaries, density N/area exactly, nearest-neighbour distance and diameter', () => {
  const W = 400,
    H = 300,
    spacing = 2;
  const centres: [number, number][] = [];
  for (let i = 0; i < 5; i++) for (let j = 0; j < 4; j++) centres.push([40 + j * 70 + (i % 2) * 10, 40 + i * 80]);
  const m = maskFrom(W, H, (r, c) => centres.some(([cr, cc]) => Math.hypot(r - cr, c - cc) < 10));
  const f = computeFingerprint(m, { spacingUm: spacing, scale: pixelScale(spacing), modality: 'skin' });
  assert.equal(f.capillary_count, 20);
  near(f.capillary_density_per_mm2, 20 / (W * H * spacing * spacing * 1e-6), 1e-9, 'density');
  const nn = centres.map(([r, c], i) => Math.min(...centres.filter((_, j) => j !== i).map(([r2, c2]) => Math.hypot(r - r2, c - c2))));
  const nnMean = (nn.reduce((a, b) => a + b, 0) / nn.length) * spacing;
  near(f.intercapillary_distance_mean_um, nnMean, 1e-6, 'nearest-neighbour distance');
  near(f.capillary_diameter_mean_um, 20 * spacing, 0.03 * 20 * spacing, 'diameter');
});

test('knudtson: six arteriole widths combine pairwise (widest with narrowest) with 0.88, venules with 0.95', () => {
  const w = [150, 140, 130, 120, 110, 100];
  const r1 = [0.88 * Math.sqrt(150 ** 2 + 100 ** 2), 0.88 * Math.sqrt(140 ** 2 + 110 ** 2), 0.88 * Math.sqrt(130 ** 2 + 120 ** 2)];
  const r2a = 0.88 * Math.sqrt(r1[0]! ** 2 + r1[2]! ** 2);
  const expected = 0.88 * Math.sqrt(r2a ** 2 + r1[1]! ** 2);
  near(knudtson(w, 'artery'), expected, 1e-9, 'CRAE');
  near(knudtson([100, 100], 'vein'), 0.95 * Math.sqrt(20000), 1e-9, 'CRVE of two');
  near(
    knudtson([300, 150, 140, 130, 120, 110, 100], 'artery'),
    knudtson([300, 150, 140, 130, 120, 110], 'artery'),
    1e-12,
    'only six widest',
  );
});

test('computeFingerprint without artery/vein labels reports CRAE/CRVE as null; with labels and disc it computes them', () => {
  const m: Mask2D = { data: new Uint8Array(300 * 300), width: 300, height: 300 };
  drawCapsule(m, 150, 170, 150, 295, 4.5); // artery, 9 px wide, crossing zone B (40–60 px from (150, 150)) to the right
  drawCapsule(m, 150, 130, 150, 5, 6.5); // vein, 13 px wide, to the left
  const f0 = computeFingerprint(m, { spacingUm: 1, scale: pixelScale(1) });
  assert.equal(f0.crae_um, null);
  assert.equal(f0.crve_um, null);
  const labels = new Uint8Array(300 * 300);
  for (let i = 0; i < labels.length; i++) if (m.data[i]) labels[i] = i % 300 >= 150 ? 1 : 2;
  const f = computeFingerprint(m, { spacingUm: 1, scale: pixelScale(1), disc: { row: 150, col: 150, radiusPx: 20 }, arteryVein: labels });
  near(f.crae_um, 9, 0.3, 'CRAE of a single artery = its width');
  near(f.crve_um, 13, 0.3, 'CRVE of a single vein = its width');
  near(f.zone_b_vessel_area_fraction, (9 * 20 + 13 * 20) / (Math.PI * (60 ** 2 - 40 ** 2)), 0.01, 'zone B area fraction');
});

test('computeFingerprint rejects a bad spacing, an unknown modality and a FOV of another size', () => {
  const m = maskFrom(10, 10, (r) => r === 5);
  assert.throws(() => computeFingerprint(m, { spacingUm: -1 }), /spacing/);
  assert.throws(
    () => computeFingerprint(m, { spacingUm: 1, scale: pixelScale(1), modality: 'oct' as 'skin' }),
    /expected one of "?fundus"?, "?skin"?/,
  );
  assert.throws(() => computeFingerprint(m, { spacingUm: 1, scale: pixelScale(1), fov: maskFrom(5, 5, () => true) }), /FOV is 5x5/);
});

test('computeFingerprint(empty mask) gives zeros and nulls, not errors', () => {
  const f = computeFingerprint(
    maskFrom(64, 64, () => false),
    { spacingUm: 5, scale: pixelScale(5) },
  );
  assert.equal(f.vessel_area_fraction, 0);
  assert.equal(f.vessel_length_density_mm_per_mm2, 0);
  assert.equal(f.segment_count, 0);
  assert.equal(f.fractal_dimension_box, null);
  assert.equal(f.vessel_width_mean_um, null);
  assert.equal(f.tortuosity_arc_chord, null);
});

test('analyzeVessels without a spacing uses the pixel defaults, nulls every feature with a length unit and says so', () => {
  const m = maskFrom(120, 60, (r, c) => r >= 20 && r < 26 && c >= 10 && c < 110);
  const a = analyzeVessels(m);
  assert.equal(a.spacingUm, null);
  assert.match(a.notes.join(' '), /no pixel spacing/);
  assert.equal(a.fingerprint.spacing_um, null);
  assert.equal(a.fingerprint.vessel_width_mean_um, null);
  assert.equal(a.fingerprint.vessel_length_density_mm_per_mm2, null);
  assert.equal(a.fingerprint.tortuosity_density, null);
  // dimensionless features stay, computed with the pixel defaults (the same as at 1 µm/px with pixelScale)
  const withPx = computeFingerprint(m, { spacingUm: 1, scale: pixelScale(1) });
  assert.equal(a.fingerprint.tortuosity_arc_chord, withPx.tortuosity_arc_chord);
  assert.equal(a.fingerprint.vessel_area_fraction, (6 * 100) / (120 * 60));
  assert.equal(a.fingerprint.fractal_dimension_box, withPx.fractal_dimension_box);
});
