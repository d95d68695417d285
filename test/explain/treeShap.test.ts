import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { ensembleRaw } from '../../src/learn/models/treeEnsemble.js';
import { fitRandomForest } from '../../src/learn/models/forest.js';
import { fitGradientBoosting } from '../../src/learn/models/gradientBoosting.js';
import { exactShapley, exactShapleyInteractions } from '../../src/explain/exactShapley.js';
import { ensemblePathValue, interventionalValue } from '../../src/explain/valueFunctions.js';
import { treeShap, treeShapInteractions } from '../../src/explain/treeShap.js';
import { maxAbsDiff, randomEnsemble, randomMatrix, row } from './randomTrees.js';

test('exactShapley() of a hand-computed 2-player game: v = 2·x0 + x0·x1 gives [2.5, 0.5], v = x0·x1 gives interactions [[0, ½], [½, 0]]', () => {
  const phi = exactShapley((s) => 2 * s[0]! + s[0]! * s[1]!, 2);
  assert.ok(maxAbsDiff(phi, [2.5, 0.5]) < 1e-15);
  const inter = exactShapleyInteractions((s) => s[0]! * s[1]!, 2); // pure interaction: all of it off-diagonal, split evenly
  assert.ok(maxAbsDiff(inter, [0, 0.5, 0.5, 0]) < 1e-15);
});

test('treeShap(path-dependent) equals enumeration of E[f|x_S] on 40 random forests/boosted ensembles to 1e-9', () => {
  const rng = createRng(11);
  for (let trial = 0; trial < 40; trial++) {
    const m = 2 + (trial % 5);
    const e = randomEnsemble(rng, m, 1 + (trial % 4), 2 + (trial % 4), trial % 2 === 0 ? 'mean' : 'sum');
    const x = randomMatrix(rng, 4, m);
    const shap = treeShap(e, x);
    const raw = ensembleRaw(e, x);
    for (let r = 0; r < x.nRows; r++) {
      const xr = row(x, r);
      const exact = exactShapley((s) => ensemblePathValue(e, xr, s), m);
      assert.ok(maxAbsDiff(row({ data: shap.values, nRows: x.nRows, nCols: m }, r), exact) < 1e-9, `trial ${trial} row ${r}`);
      // local accuracy: E + Σφ = f(x)
      const sum = shap.values.subarray(r * m, (r + 1) * m).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(shap.expectedValue + sum - raw[r]!) < 1e-9, `local accuracy trial ${trial}`);
    }
    assert.ok(Math.abs(shap.expectedValue - ensemblePathValue(e, row(x, 0), new Uint8Array(m))) < 1e-9);
  }
});

test('treeShap(interventional) equals enumeration of mean_b f(x_S, b_S̄) to 1e-9, with local accuracy', () => {
  const rng = createRng(12);
  for (let trial = 0; trial < 25; trial++) {
    const m = 2 + (trial % 4);
    const e = randomEnsemble(rng, m, 1 + (trial % 3), 3, trial % 2 === 0 ? 'mean' : 'sum');
    const x = randomMatrix(rng, 3, m),
      bg = randomMatrix(rng, 7, m);
    const shap = treeShap(e, x, { featurePerturbation: 'interventional', background: bg });
    const raw = ensembleRaw(e, x);
    for (let r = 0; r < x.nRows; r++) {
      const xr = row(x, r);
      const exact = exactShapley((s) => interventionalValue((mm) => ensembleRaw(e, mm), xr, bg, s), m);
      assert.ok(maxAbsDiff(shap.values.subarray(r * m, (r + 1) * m), exact) < 1e-9, `trial ${trial}`);
      const sum = shap.values.subarray(r * m, (r + 1) * m).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(shap.expectedValue + sum - raw[r]!) < 1e-9);
    }
  }
  assert.throws(
    () => treeShap(randomEnsemble(rng, 2, 1, 2, 'mean'), randomMatrix(rng, 1, 2), { featurePerturbation: 'interventional' }),
    /needs background rows/,
  );
});

test('treeShap() missingness and symmetry: an unused feature gets 0; two interchangeable features get equal values', () => {
  // f = 1[x0 > 0] + 1[x1 > 0] written as one tree; x2 is never split on
  const tree = {
    feature: Int32Array.of(0, 1, -1, -1, 1, -1, -1),
    threshold: Float64Array.of(0, 0, 0, 0, 0, 0, 0),
    left: Int32Array.of(1, 2, -1, -1, 5, -1, -1),
    right: Int32Array.of(4, 3, -1, -1, 6, -1, -1),
    value: Float64Array.of(0, 0, 0, 1, 0, 1, 2),
    cover: Float64Array.of(100, 50, 25, 25, 50, 25, 25),
  };
  const e = {
    kind: 'tree' as const,
    task: 'regression' as const,
    nFeatures: 3,
    trees: [tree],
    base: 0,
    aggregation: 'mean' as const,
    link: 'identity' as const,
  };
  const shap = treeShap(e, { data: Float64Array.of(1, 1, 5), nRows: 1, nCols: 3 });
  assert.equal(shap.expectedValue, 1);
  assert.ok(Math.abs(shap.values[0]! - 0.5) < 1e-12 && Math.abs(shap.values[1]! - 0.5) < 1e-12); // hand-computed
  assert.equal(shap.values[2], 0);
});

test('treeShapInteractions() equals the enumerated Shapley interaction index to 1e-9; rows sum to φ', () => {
  const rng = createRng(13);
  for (let trial = 0; trial < 20; trial++) {
    const m = 2 + (trial % 4);
    const e = randomEnsemble(rng, m, 1 + (trial % 3), 3, trial % 2 === 0 ? 'mean' : 'sum');
    const x = randomMatrix(rng, 2, m);
    const inter = treeShapInteractions(e, x);
    const shap = treeShap(e, x);
    for (let r = 0; r < x.nRows; r++) {
      const xr = row(x, r);
      const exact = exactShapleyInteractions((s) => ensemblePathValue(e, xr, s), m);
      const got = inter.values.subarray(r * m * m, (r + 1) * m * m);
      assert.ok(maxAbsDiff(got, exact) < 1e-9, `trial ${trial}: ${maxAbsDiff(got, exact)}`);
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += got[i * m + j]!;
        assert.ok(Math.abs(s - shap.values[r * m + i]!) < 1e-9);
      }
    }
  }
});

test('treeShap() on fitted random forest and gradient boosting (learn/): local accuracy to 1e-9 and agreement with enumeration', () => {
  const rng = createRng(14);
  const n = 120,
    p = 4;
  const x = randomMatrix(rng, n, p);
  const y = Float64Array.from({ length: n }, (_, i) =>
    x.data[i * p]! + x.data[i * p + 1]! * x.data[i * p + 2]! + 0.3 * rng.normal() > 0 ? 1 : 0,
  );
  for (const model of [
    fitRandomForest(x, y, 'classification', { nTrees: 10, maxDepth: 4, seed: 1 }),
    fitGradientBoosting(x, y, 'classification', { nRounds: 15, maxDepth: 3 }),
  ]) {
    const xs = { data: x.data.subarray(0, 10 * p), nRows: 10, nCols: p };
    const shap = treeShap(model.ensemble, xs);
    const raw = ensembleRaw(model.ensemble, xs);
    assert.equal(shap.outputScale, model.ensemble.link === 'logit' ? 'log-odds' : 'probability');
    for (let r = 0; r < 10; r++) {
      const sum = shap.values.subarray(r * p, (r + 1) * p).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(shap.expectedValue + sum - raw[r]!) < 1e-9);
      const exact = exactShapley((s) => ensemblePathValue(model.ensemble, row(xs, r), s), p);
      assert.ok(maxAbsDiff(shap.values.subarray(r * p, (r + 1) * p), exact) < 1e-9);
    }
  }
});
