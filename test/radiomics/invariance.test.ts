import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFromRoi, prepareRoi } from '../../src/radiomics/extract.js';
import { FEATURE_REGISTRY } from '../../src/radiomics/registry.js';
import type { FeatureRecord } from '../../src/radiomics/types.js';
import { syntheticVessels, rotate90, flipH, flipV } from './synthetic.js';

// A real-sized, non-square image (rows != columns) so that a transposition bug would show.
const W = 300,
  H = 240;
const img = syntheticVessels(W, H, 7);
const fbn = { discretization: { method: 'fbn', bins: 32 } } as const;
const base = extractFromRoi(prepareRoi(img.values, W, H, img.mask, fbn));

function compare(a: FeatureRecord[], b: FeatureRecord[], tol: number, filter: (r: FeatureRecord) => boolean): string[] {
  const bad: string[] = [];
  assert.equal(a.length, b.length);
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!,
      y = b[k]!;
    if (!filter(x)) continue;
    const same = (Number.isNaN(x.value) && Number.isNaN(y.value)) || Math.abs(x.value - y.value) <= tol * Math.max(1, Math.abs(x.value));
    if (!same) bad.push(`${x.family}.${x.name}.${x.aggregation}: ${x.value} vs ${y.value}`);
  }
  return bad;
}

const notCom = (r: FeatureRecord) => !(r.family === 'morph' && r.name === 'centre_of_mass_shift');

test('extractFromRoi(rotated 90°) leaves every direction-averaged and merged feature unchanged (300x240 image)', () => {
  const rot = extractFromRoi(prepareRoi(rotate90(img.values, W, H), H, W, rotate90(img.mask, W, H), fbn));
  assert.deepEqual(
    compare(base, rot, 1e-9, () => true),
    [],
  );
});

test('extractFromRoi(flipped left-right and top-bottom) leaves every feature unchanged', () => {
  const h = extractFromRoi(prepareRoi(flipH(img.values, W, H), W, H, flipH(img.mask, W, H), fbn));
  const v = extractFromRoi(prepareRoi(flipV(img.values, W, H), W, H, flipV(img.mask, W, H), fbn));
  assert.deepEqual(
    compare(base, h, 1e-9, () => true),
    [],
  );
  assert.deepEqual(
    compare(base, v, 1e-9, () => true),
    [],
  );
});

test('extractFromRoi(a·X + b) with FBN leaves every texture, histogram and IVH feature unchanged and scales the statistics', () => {
  const a = 2.75,
    b = -40;
  const scaled = img.values.map((x) => a * x + b);
  const s = extractFromRoi(prepareRoi(scaled, W, H, img.mask, fbn));
  const texture = (r: FeatureRecord) => r.family !== 'stat' && notCom(r);
  assert.deepEqual(compare(base, s, 1e-12, texture), []);
  const get = (rs: FeatureRecord[], n: string) => rs.find((r) => r.family === 'stat' && r.name === n)!.value;
  assert.ok(Math.abs(get(s, 'mean') - (a * get(base, 'mean') + b)) < 1e-9);
  assert.ok(Math.abs(get(s, 'variance') / get(base, 'variance') - a * a) < 1e-9);
  assert.ok(Math.abs(get(s, 'skewness') - get(base, 'skewness')) < 1e-9);
});

test('extractFromRoi on the synthetic image gives finite values for every feature', () => {
  const nonFinite = base.filter((r) => !Number.isFinite(r.value)).map((r) => `${r.family}.${r.name}`);
  assert.deepEqual(nonFinite, []);
  assert.equal(base.length, FEATURE_REGISTRY.length);
});
