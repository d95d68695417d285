import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFromRoi, extractRadiomics, prepareRoi } from '../../src/radiomics/extract.js';
import { laplacianOfGaussian } from '../../src/radiomics/filters/log.js';
import { isVesselprintError } from '../../src/core/errors.js';
import type { FeatureRecord } from '../../src/radiomics/types.js';

const get = (rs: FeatureRecord[], fam: string, name: string, aggr: string | null = null) =>
  rs.find((r) => r.family === fam && r.name === name && (aggr === null || r.aggregation === aggr))!.value;

test('extractFromRoi(constant 6x5 ROI): valid; undefined ratios are NaN, IBSI conventions give coarseness 1e6 and strength 0', () => {
  const recs = extractFromRoi(prepareRoi(new Float64Array(30).fill(42), 6, 5, new Uint8Array(30).fill(1)));
  assert.equal(get(recs, 'stat', 'mean'), 42);
  assert.ok(Number.isNaN(get(recs, 'stat', 'skewness')));
  assert.ok(Number.isNaN(get(recs, 'glcm', 'correlation', 'BTW3')));
  assert.ok(Number.isNaN(get(recs, 'glcm', 'information_correlation_1', 'SUJT')));
  assert.equal(get(recs, 'glcm', 'joint_maximum', 'SUJT'), 1);
  assert.equal(get(recs, 'glcm', 'contrast', 'BTW3'), 0);
  assert.equal(get(recs, 'ngtdm', 'coarseness'), 1e6);
  assert.equal(get(recs, 'ngtdm', 'strength'), 0);
  assert.ok(Number.isNaN(get(recs, 'ngtdm', 'busyness')));
  assert.ok(Number.isNaN(get(recs, 'ivh', 'volume_fraction_at_10pct_intensity')));
  assert.equal(get(recs, 'glszm', 'zone_percentage'), 1 / 30);
});

test('extractFromRoi(one-pixel ROI): texture matrices without pairs give NaN, zone features are defined', () => {
  const m = new Uint8Array(25);
  m[12] = 1;
  const recs = extractFromRoi(
    prepareRoi(
      Float64Array.from({ length: 25 }, (_, i) => i),
      5,
      5,
      m,
    ),
  );
  assert.ok(Number.isNaN(get(recs, 'glcm', 'contrast', 'BTW3')));
  assert.ok(Number.isNaN(get(recs, 'glcm', 'contrast', 'SUJT')));
  assert.equal(get(recs, 'glszm', 'small_zone_emphasis'), 1);
  assert.equal(get(recs, 'gldzm', 'small_distance_emphasis'), 1);
  assert.ok(Number.isNaN(get(recs, 'ngtdm', 'coarseness')));
  assert.equal(get(recs, 'morph', 'area_pixel_count'), 1);
});

test('extractRadiomics applies the filter before masking and uses the green channel of RGB images', () => {
  const w = 20,
    h = 16,
    rgb = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) {
    rgb[3 * i] = (i * 7) % 251;
    rgb[3 * i + 1] = (i * 13) % 97;
    rgb[3 * i + 2] = 3;
  }
  const mask = { data: new Uint8Array(w * h).fill(1), width: w, height: h };
  mask.data[0] = 0;
  const image = { data: rgb, width: w, height: h, channels: 3 };
  const a = extractRadiomics(image, mask, { filter: { kind: 'log', sigmaMm: 1.5 }, families: ['stat', 'glcm'] });
  const green = Float64Array.from({ length: w * h }, (_, i) => rgb[3 * i + 1]!);
  const b = extractFromRoi(prepareRoi(laplacianOfGaussian(green, w, h, 1.5), w, h, mask.data), ['stat', 'glcm']);
  assert.deepEqual(a, b);
});

test('extractRadiomics rejects a mask of another size, an empty mask and unknown families', () => {
  const image = { data: new Uint8Array(12), width: 4, height: 3, channels: 1 };
  assert.throws(
    () => extractRadiomics(image, { data: new Uint8Array(9), width: 3, height: 3 }),
    (e) => isVesselprintError(e, 'SHAPE_MISMATCH'),
  );
  assert.throws(() => extractRadiomics(image, { data: new Uint8Array(12), width: 4, height: 3 }), /ROI is empty/);
  assert.throws(
    () => extractRadiomics(image, { data: new Uint8Array(12).fill(1), width: 4, height: 3 }, { families: ['shape' as 'glcm'] }),
    /unknown feature family/,
  );
});
