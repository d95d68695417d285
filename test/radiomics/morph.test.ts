import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marchingSquares } from '../../src/radiomics/morph/contour.js';
import { extractFromRoi, prepareRoi } from '../../src/radiomics/extract.js';

function morphOf(mask: Uint8Array, w: number, h: number, values?: Float64Array, spacingMm?: number): Record<string, number> {
  const v = values ?? new Float64Array(w * h).fill(1);
  const opts = spacingMm === undefined ? {} : { spacingMm };
  const recs = extractFromRoi(prepareRoi(v, w, h, mask, opts), ['morph']);
  return Object.fromEntries(recs.map((r) => [r.name, r.value]));
}

function square(k: number, pad: number): { m: Uint8Array; w: number } {
  const w = k + 2 * pad;
  const m = new Uint8Array(w * w);
  for (let r = pad; r < pad + k; r++) for (let c = pad; c < pad + k; c++) m[r * w + c] = 1;
  return { m, w };
}

test('marchingSquares(k x k square) has area k² − 0.5 and perimeter 4k − 4 + 2√2 (corner cells cut diagonally)', () => {
  for (const k of [1, 2, 5, 17]) {
    const { m, w } = square(k, 3);
    const c = marchingSquares(m, w, w);
    assert.ok(Math.abs(c.area - (k * k - 0.5)) < 1e-12, `area k=${k}: ${c.area}`);
    assert.ok(Math.abs(c.perimeter - (4 * k - 4 + 2 * Math.SQRT2)) < 1e-12, `perimeter k=${k}: ${c.perimeter}`);
  }
});

test('marchingSquares of a square touching the image border treats outside pixels as background', () => {
  const { m, w } = square(6, 0);
  const c = marchingSquares(m, w, w);
  assert.ok(Math.abs(c.area - 35.5) < 1e-12);
});

test('morph features of a digital disc of radius 40 px approach the circle: area πr², perimeter 2πr, elongation 1', () => {
  const R = 40,
    w = 101,
    cr = 50;
  const m = new Uint8Array(w * w);
  for (let r = 0; r < w; r++) for (let c = 0; c < w; c++) m[r * w + c] = (r - cr) ** 2 + (c - cr) ** 2 <= R * R ? 1 : 0;
  const f = morphOf(m, w, w);
  assert.ok(Math.abs(f.area_mesh! / (Math.PI * R * R) - 1) < 0.01, `area ${f.area_mesh}`);
  assert.ok(Math.abs(f.area_pixel_count! / (Math.PI * R * R) - 1) < 0.01);
  // The midpoint contour of a digitised circle is a polygon of unit and √½ steps: it is longer
  // than the circle (about 6 % at this radius), as IBSI's mesh is for 3D surfaces.
  const pr = f.perimeter! / (2 * Math.PI * R);
  assert.ok(pr > 1 && pr < 1.07, `perimeter ${f.perimeter}`);
  assert.ok(Math.abs(f.elongation! - 1) < 1e-9, `elongation ${f.elongation}`);
  // major axis 4 sqrt(λ) with λ = R²/4 for a uniform disc → 2R
  assert.ok(Math.abs(f.major_axis_length! / (2 * R) - 1) < 0.01, `major ${f.major_axis_length}`);
  assert.ok(Math.abs(f.maximum_diameter! / (2 * R) - 1) < 0.02, `diameter ${f.maximum_diameter}`);
  assert.ok(f.area_density_convex_hull! > 0.98 && f.area_density_convex_hull! <= 1);
  // the contour of a digital disc spans 2R + 1 pixels (midpoints beyond the outermost centres)
  assert.ok(Math.abs(f.area_density_aabb! / ((Math.PI * R * R) / (2 * R + 1) ** 2) - 1) < 0.01, `aabb ${f.area_density_aabb}`);
  assert.ok(f.sphericity! > 0.93 && f.sphericity! < 1);
  assert.ok(f.centre_of_mass_shift! < 1e-9);
});

test('morph features of a 10 x 40 rectangle: elongation sqrt(λ_minor/λ_major) = (10² − 1)^½/(40² − 1)^½ (discrete uniform), area 400 − 0.5, AABB density 399.5/400', () => {
  const h = 14,
    w = 44;
  const m = new Uint8Array(w * h);
  for (let r = 2; r < 12; r++) for (let c = 2; c < 42; c++) m[r * w + c] = 1;
  const f = morphOf(m, w, h);
  // variance of a discrete uniform over n integers is (n² − 1)/12
  assert.ok(Math.abs(f.elongation! - Math.sqrt((100 - 1) / (1600 - 1))) < 1e-12);
  assert.ok(Math.abs(f.area_mesh! - (400 - 0.5)) < 1e-12);
  assert.ok(Math.abs(f.area_density_aabb! - 399.5 / 400) < 1e-12);
});

test('morph features scale with the pixel size: area by s², lengths by s, ratios unchanged', () => {
  const { m, w } = square(9, 2);
  const a = morphOf(m, w, w);
  const b = morphOf(m, w, w, undefined, 0.02);
  assert.ok(Math.abs(b.area_mesh! - a.area_mesh! * 0.0004) < 1e-12);
  assert.ok(Math.abs(b.perimeter! - a.perimeter! * 0.02) < 1e-12);
  assert.ok(Math.abs(b.circularity! - a.circularity!) < 1e-12);
});

test('centre_of_mass_shift of a bright left half in a 2-column ROI is the intensity-weighted offset', () => {
  // 1 row, 2 pixels, intensities 3 and 1: geometric centre 0.5, weighted centre (0*3 + 1*1)/4 = 0.25
  const f = morphOf(new Uint8Array([1, 1]), 2, 1, new Float64Array([3, 1]));
  assert.ok(Math.abs(f.centre_of_mass_shift! - 0.25) < 1e-12);
});
