import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantileSorted } from '../../src/core/quantile.js';

test('quantileSorted(sorted, q) is Hyndman & Fan type 7 (numpy "linear"): hand-computed values', () => {
  // numpy.quantile([1, 2, 3, 4], 0.5) = 2.5; h = (10 − 1)·0.1 = 0.9 → 1 + 0.9·(2 − 1) = 1.9
  assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.ok(Math.abs(quantileSorted(ten, 0.1) - 1.9) < 1e-12);
  assert.equal(quantileSorted(ten, 0), 1);
  assert.equal(quantileSorted(ten, 1), 10);
  assert.ok(Number.isNaN(quantileSorted([], 0.5)));
});
