import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { selectKthInPlace } from '../../src/segment/classical/threshold.js';

test('selectKthInPlace(a, k) equals a sorted copy at k for every k (random data with many ties, brute force)', () => {
  const rng = createRng(5);
  for (const [n, levels] of [
    [1, 3],
    [2, 2],
    [7, 3],
    [50, 4],
    [333, 1000],
    [1000, 2],
  ] as const) {
    const base = Float64Array.from({ length: n }, () => Math.floor(rng.uniform() * levels) / 3);
    const sorted = Float64Array.from(base).sort();
    for (let k = 0; k < n; k++) assert.equal(selectKthInPlace(Float64Array.from(base), k), sorted[k], `n=${n}, k=${k}`);
  }
});

test('selectKthInPlace() of sorted, reversed and constant arrays, and with NaN (ordered last, as sort does)', () => {
  const up = Float64Array.from({ length: 101 }, (_, i) => i);
  assert.equal(selectKthInPlace(Float64Array.from(up), 37), 37);
  assert.equal(selectKthInPlace(Float64Array.from(up).reverse(), 37), 37);
  assert.equal(selectKthInPlace(new Float64Array(64).fill(2.5), 10), 2.5);
  assert.equal(selectKthInPlace(Float64Array.from([3, Number.NaN, 1, 2]), 2), 3);
  assert.ok(Number.isNaN(selectKthInPlace(Float64Array.from([3, Number.NaN, 1, 2]), 3)));
});
