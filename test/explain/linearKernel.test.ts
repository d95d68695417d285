import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { ensembleRaw } from '../../src/learn/models/treeEnsemble.js';
import type { Matrix } from '../../src/learn/types.js';
import { exactShapley } from '../../src/explain/exactShapley.js';
import { interventionalValue } from '../../src/explain/valueFunctions.js';
import { linearShap } from '../../src/explain/linearShap.js';
import { kernelShap } from '../../src/explain/kernelShap.js';
import { maxAbsDiff, randomEnsemble, randomMatrix, row } from './randomTrees.js';

test('linearShap() of a logistic model equals enumeration of the interventional log-odds game to 1e-9', () => {
  const rng = createRng(21);
  const coef = [1.5, -2, 0, 0.7];
  const model = { intercept: -0.3, coef, link: 'logit' as const };
  const eta = (m: Matrix): Float64Array =>
    Float64Array.from({ length: m.nRows }, (_, r) => model.intercept + coef.reduce((s, w, j) => s + w * m.data[r * 4 + j]!, 0));
  const x = randomMatrix(rng, 5, 4),
    bg = randomMatrix(rng, 30, 4);
  const shap = linearShap(model, x, bg);
  assert.equal(shap.outputScale, 'log-odds');
  for (let r = 0; r < 5; r++) {
    const exact = exactShapley((s) => interventionalValue(eta, row(x, r), bg, s), 4);
    assert.ok(maxAbsDiff(shap.values.subarray(r * 4, r * 4 + 4), exact) < 1e-9);
    const sum = shap.values.subarray(r * 4, r * 4 + 4).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(shap.expectedValue + sum - shap.output[r]!) < 1e-9); // local accuracy on log-odds
    assert.ok(shap.values[r * 4 + 2] === 0); // missingness: zero coefficient → zero attribution
  }
});

test('kernelShap() with a budget ≥ 2^M − 2 enumerates coalitions and is exact (1e-9) for a nonlinear model', () => {
  const rng = createRng(22);
  const e = randomEnsemble(rng, 5, 3, 3, 'sum');
  const f = (m: Matrix): Float64Array => ensembleRaw(e, m).map((v) => 1 / (1 + Math.exp(-v)));
  const x = randomMatrix(rng, 3, 5),
    bg = randomMatrix(rng, 10, 5);
  const shap = kernelShap(f, x, bg, { nSamples: 30 });
  for (let r = 0; r < 3; r++) {
    const exact = exactShapley((s) => interventionalValue(f, row(x, r), bg, s), 5);
    assert.ok(
      maxAbsDiff(shap.values.subarray(r * 5, r * 5 + 5), exact) < 1e-9,
      `row ${r}: ${maxAbsDiff(shap.values.subarray(r * 5, r * 5 + 5), exact)}`,
    );
  }
});

test('kernelShap() sampled estimates converge to the exact values as nSamples grows; local accuracy is exact; seeded', () => {
  const rng = createRng(23);
  const m = 10;
  const e = randomEnsemble(rng, m, 4, 4, 'sum');
  const f = (mm: Matrix): Float64Array => ensembleRaw(e, mm);
  const x = randomMatrix(rng, 1, m),
    bg = randomMatrix(rng, 5, m);
  const exact = exactShapley((s) => interventionalValue(f, row(x, 0), bg, s), m);
  const err = (n: number): number => {
    let tot = 0;
    for (let seed = 0; seed < 6; seed++) {
      const s = kernelShap(f, x, bg, { nSamples: n, seed });
      const sum = s.values.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(s.expectedValue + sum - s.output[0]!) < 1e-9);
      let se = 0;
      for (let j = 0; j < m; j++) se += (s.values[j]! - exact[j]!) ** 2;
      tot += Math.sqrt(se);
    }
    return tot / 6;
  };
  const e40 = err(40),
    e160 = err(160),
    e800 = err(800);
  assert.ok(e160 < e40 && e800 < e160 && e800 < e40 / 2.5, `errors ${e40} ${e160} ${e800}`);
  assert.deepEqual(kernelShap(f, x, bg, { nSamples: 100, seed: 3 }).values, kernelShap(f, x, bg, { nSamples: 100, seed: 3 }).values);
  assert.ok(maxAbsDiff(kernelShap(f, x, bg, { nSamples: 1022 }).values, exact) < 1e-9); // full enumeration
});
