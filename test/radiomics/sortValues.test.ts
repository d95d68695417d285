import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { sortValuesInPlace } from '../../src/radiomics/sortValues.js';

const same = (a: Float64Array, b: Float64Array): void => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `index ${i}: ${a[i]} vs ${b[i]}`);
};

test('sortValuesInPlace() gives what TypedArray sort() gives: whole numbers (counting path), negatives, fractions, NaN, −0', () => {
  const rng = createRng(9);
  const cases: Float64Array[] = [
    Float64Array.from({ length: 5000 }, () => Math.floor(rng.uniform() * 256)), // 8-bit grey values
    Float64Array.from({ length: 3000 }, () => 1 + Math.floor(rng.uniform() * 32)), // FBN 32 levels
    Float64Array.from({ length: 2000 }, () => Math.floor(rng.uniform() * 2000) - 1000), // HU-like
    Float64Array.from({ length: 500 }, () => rng.uniform() * 10), // fractions: comparison sort
    Float64Array.from({ length: 500 }, () => Math.floor(rng.uniform() * 1e7)), // range too wide
    Float64Array.from({ length: 100 }, (_, i) => (i === 50 ? Number.NaN : i % 7)),
    Float64Array.from({ length: 100 }, (_, i) => (i === 50 ? -0 : i % 7)),
    Float64Array.from([4, 2, 9]),
  ];
  for (const c of cases) same(sortValuesInPlace(Float64Array.from(c)), Float64Array.from(c).sort());
});
