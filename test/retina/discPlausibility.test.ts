import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectOpticDisc } from '../../src/retina/opticDisc.js';
import { analyzeRetina, DEFAULT_ANALYZE_RETINA } from '../../src/retina/analyzeRetina.js';
import { avMapsFromLabels } from '../../src/retina/avMapsFromLabels.js';
import { retinaOverlay } from '../../src/retina/retinaOverlay.js';
import type { Image2D, Mask2D } from '../../src/core/image.js';

const N = 240;
const fov: Mask2D = { data: new Uint8Array(N * N), width: N, height: N };
for (let i = 0; i < N * N; i++) fov.data[i] = Math.hypot(Math.floor(i / N) - N / 2, (i % N) - N / 2) < 110 ? 1 : 0;

/** RGB image of value `bg`, with (when `disc`) a flat disc of twice that brightness at (120, 80), radius 10. */
function fundus(bg: number, disc: boolean): Image2D {
  const data = new Float32Array(N * N * 3);
  for (let i = 0; i < N * N; i++) {
    const inDisc = disc && Math.hypot(Math.floor(i / N) - 120, (i % N) - 80) < 10;
    for (let c = 0; c < 3; c++) data[i * 3 + c] = fov.data[i] ? (inDisc ? 2 * bg : bg) : 0;
  }
  return { data, width: N, height: N, channels: 3 };
}

/** Manual-style A/V labels: four radial bars from (120, 80), artery (1) or vein (2), 3 px wide, 15–70 px out. */
function labels(): Image2D {
  const data = new Uint8Array(N * N);
  for (const [a, cls] of [
    [0, 1],
    [Math.PI / 2, 2],
    [Math.PI, 1],
    [-Math.PI / 2, 2],
  ] as const) {
    for (let t = 15; t <= 70; t += 0.25)
      for (let k = -1; k <= 1; k++) {
        const r = Math.round(120 + t * Math.sin(a) + k * Math.cos(a)),
          c = Math.round(80 + t * Math.cos(a) - k * Math.sin(a));
        if (r >= 0 && r < N && c >= 0 && c < N) data[r * N + c] = cls;
      }
  }
  return { data, width: N, height: N, channels: 1 };
}

test('detectOpticDisc reports the brightness relative to the surroundings: ≈ 1 on a uniform field, > 1.25 on a disc twice as bright', () => {
  const flat = detectOpticDisc(fundus(100, false), { fov });
  assert.ok(Math.abs(flat.brightness - 1) < 0.01, `uniform: ${flat.brightness}`);
  const withDisc = detectOpticDisc(fundus(100, true), { fov });
  assert.ok(withDisc.brightness > 1.25, `disc: ${withDisc.brightness}`);
  assert.ok(Math.hypot(withDisc.row - 120, withDisc.col - 80) < 5, `centre ${withDisc.row}, ${withDisc.col}`);
  assert.ok(Number.isNaN(withDisc.vesselDensityRatio), 'no vessel map: NaN');
});

test('analyzeRetina: a detected disc fainter than minDiscBrightness is not found, and every disc-relative value is null with the reason; a given disc is always used', () => {
  const maps = avMapsFromLabels(labels());
  const none = analyzeRetina(fundus(100, false), maps, { fov, spacingUm: 1 });
  assert.equal(none.discFound, false);
  const r = none.record;
  assert.equal(r['disc_found'], 0);
  assert.equal(r['disc_detected'], 1);
  for (const k of [
    'crae_um',
    'crve_um',
    'avr',
    'n_arterioles_zone_b',
    'n_venules_zone_b',
    'zone_b_visible_fraction',
    'artery_tortuosity_zone_c',
    'vein_fractal_dimension_zone_c',
  ]) {
    assert.equal(r[k], null, k);
    assert.match(String(r[`${k}_absent_reason`]), /no optic disc found: .* 1\.00 x as bright .*>= 1\.25/, k);
  }
  // segment counts do not depend on the disc's position
  assert.equal(typeof r['n_segments'], 'number');
  // the same image with its disc: found, and the four bars measured (3 px each)
  const found = analyzeRetina(fundus(100, true), maps, { fov, spacingUm: 1 });
  assert.equal(found.record['disc_found'], 1);
  assert.ok((found.record['disc_brightness'] as number) >= DEFAULT_ANALYZE_RETINA.minDiscBrightness);
  assert.equal(found.record['n_arterioles_zone_b'], 2);
  assert.equal(found.record['n_venules_zone_b'], 2);
  // zones B and C (≤ 50 px from the disc, 40 px from the field's centre) lie wholly in the 110 px field
  assert.equal(found.record['zone_b_visible_fraction'], 1);
  assert.equal(found.record['zone_c_visible_fraction'], 1);
  // a disc given at the field's edge: part of zone B is outside it
  const edge = analyzeRetina(fundus(100, true), maps, { fov, spacingUm: 1, disc: { row: 120, col: 20, radiusPx: 10 } }).record;
  const shown = edge['zone_b_visible_fraction'] as number;
  assert.ok(shown > 0.3 && shown < 0.8, `zone B shown ${shown}`);
  // the threshold is an option, and a given disc bypasses it
  assert.equal(analyzeRetina(fundus(100, false), maps, { fov, spacingUm: 1, minDiscBrightness: 0.5 }).record['disc_found'], 1);
  const given = analyzeRetina(fundus(100, false), maps, { fov, spacingUm: 1, disc: { row: 120, col: 80, radiusPx: 10 } }).record;
  assert.equal(given['disc_found'], 1);
  assert.equal(given['disc_score'], null);
  assert.equal(given['n_arterioles_zone_b'], 2);
});

test('retinaOverlay: no disc found → the candidate as a dashed orange circle, no zone borders (cyan)', () => {
  const maps = avMapsFromLabels(labels());
  const count = (img: { data: Uint8Array }, rgb: readonly number[]): number => {
    let n = 0;
    for (let i = 0; i < img.data.length; i += 3)
      if (img.data[i] === rgb[0] && img.data[i + 1] === rgb[1] && img.data[i + 2] === rgb[2]) n++;
    return n;
  };
  const none = retinaOverlay(fundus(100, false), analyzeRetina(fundus(100, false), maps, { fov, spacingUm: 1 }));
  assert.ok(count(none, [255, 140, 0]) > 10);
  assert.equal(count(none, [0, 230, 230]), 0);
  const found = retinaOverlay(fundus(100, true), analyzeRetina(fundus(100, true), maps, { fov, spacingUm: 1 }));
  assert.equal(count(found, [255, 140, 0]), 0);
  assert.ok(count(found, [0, 230, 230]) > 100);
});
