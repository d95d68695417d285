import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { fitDecisionTree, fitRandomForest } from '../../src/learn/models/forest.js';
import { fitGradientBoosting } from '../../src/learn/models/gradientBoosting.js';
import { leafIndex, predictTree, treeDepth, validateTree } from '../../src/learn/models/tree.js';
import { binFeatures, binOf, featureEdges } from '../../src/learn/models/binning.js';
import { rocAuc } from '../../src/learn/metrics/ranking.js';
import { r2Score } from '../../src/learn/metrics/regression.js';
import { takeRows, takeVec, type Matrix } from '../../src/learn/types.js';
import { close, py } from './pyOracle.js';

function data(n: number, p: number, seed: number): { x: Matrix; rows: number[][]; y: Float64Array; d: Float64Array } {
  const rng = createRng(seed);
  const rows: number[][] = [];
  const y = new Float64Array(n),
    d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = Array.from({ length: p }, () => rng.normal());
    rows.push(r);
    y[i] = (r[0]! > 0 ? 2 : -1) + r[1]! * r[2]! + 0.3 * rng.normal();
    d[i] = rng.bernoulli(1 / (1 + Math.exp(-(2 * r[0]! - r[1]! + (r[2]! > 0.5 ? 1 : 0))))) ? 1 : 0;
  }
  return { x: { data: Float64Array.from(rows.flat()), nRows: n, nCols: p }, rows, y, d };
}

test('featureEdges()/binOf(): few distinct values give midpoints, and bin(x) ≤ b ⇔ x ≤ edges[b]', () => {
  const e = featureEdges(Float64Array.from([3, 1, 2, 2, 5]), 256);
  assert.deepEqual(Array.from(e), [1.5, 2.5, 4]);
  const rng = createRng(1);
  const v = Float64Array.from({ length: 5000 }, () => rng.normal());
  const q = featureEdges(v, 16);
  assert.ok(q.length <= 15 && q.length >= 14);
  for (const x of v) for (let b = 0; b < q.length; b++) assert.equal(binOf(q, x) <= b, x <= q[b]!);
  assert.throws(() => binFeatures({ data: Float64Array.from([1, NaN]), nRows: 2, nCols: 1 }), /impute missing values first/);
});

test('fitDecisionTree() (depth 3) reproduces scikit-learn DecisionTree{Regressor,Classifier} splits and predictions exactly', (t) => {
  const { x, rows, y, d } = data(200, 5, 2);
  const test = data(100, 5, 3);
  const reg = fitDecisionTree(x, y, 'regression', { maxDepth: 3 });
  const cls = fitDecisionTree(x, d, 'classification', { maxDepth: 3 });
  const ref = py<{ reg: number[]; cls: number[]; thr: number[]; feat: number[] }>(
    t,
    `
from sklearn.tree import DecisionTreeRegressor, DecisionTreeClassifier
X, y, d, Xt = np.array(data[0]), np.array(data[1]), np.array(data[2]), np.array(data[3])
r = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y)
c = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, d)
result = {'reg': list(r.predict(Xt)), 'cls': list(c.predict_proba(Xt)[:, 1]), 'thr': list(r.tree_.threshold[r.tree_.feature >= 0]), 'feat': [int(f) for f in r.tree_.feature[r.tree_.feature >= 0]]}`,
    [rows, Array.from(y), Array.from(d), test.rows],
  );
  if (!ref) return;
  close(reg.predict(test.x), ref.reg, 1e-12, 'regression tree');
  close(cls.predict(test.x), ref.cls, 1e-12, 'classification tree');
  const tr = reg.ensemble.trees[0]!;
  const internal = Array.from(tr.feature)
    .map((f, k) => [f, tr.threshold[k]!] as const)
    .filter(([f]) => f >= 0);
  assert.deepEqual(internal.map(([f]) => f).sort(), [...ref.feat].sort());
  close(
    internal.map(([, th]) => th).sort((a, b) => a - b),
    [...ref.thr].sort((a, b) => a - b),
    1e-7,
    'thresholds',
  ); // sklearn stores float32-rounded features
});

test('tree node arrays: covers add up, leaf values are the mean of their training rows, depth is bounded', () => {
  const { x, y } = data(300, 4, 4);
  const m = fitDecisionTree(x, y, 'regression', { maxDepth: 4, minSamplesLeaf: 5 });
  const tr = m.ensemble.trees[0]!;
  validateTree(tr);
  assert.ok(treeDepth(tr) <= 4);
  assert.equal(tr.cover[0], 300);
  const sums = new Map<number, number[]>();
  for (let r = 0; r < x.nRows; r++) {
    const l = leafIndex(tr, x, r);
    sums.set(l, [...(sums.get(l) ?? []), y[r]!]);
  }
  for (const [l, v] of sums) {
    assert.equal(v.length, tr.cover[l]);
    assert.ok(v.length >= 5);
    close([tr.value[l]!], [v.reduce((a, b) => a + b, 0) / v.length], 1e-12, `leaf ${l}`);
  }
});

test('fitGradientBoosting(): raw output equals base + Σ leaf values of every tree (the SHAP contract)', () => {
  const { x, d } = data(200, 4, 5);
  const m = fitGradientBoosting(x, d, 'classification', { nRounds: 20 });
  const e = m.ensemble;
  const p = m.predict(x);
  for (let r = 0; r < 10; r++) {
    let raw = e.base;
    for (const t of e.trees) raw += t.value[leafIndex(t, x, r)]!;
    close([p[r]!], [1 / (1 + Math.exp(-raw))], 1e-12, `row ${r}`);
  }
  e.trees.forEach(validateTree);
  const a = predictTree(e.trees[0]!, x);
  assert.ok(a.some((v) => v > 0) && a.some((v) => v < 0));
});

test('fitRandomForest() and fitGradientBoosting() are deterministic for a seed and learn a nonlinear signal out of sample', () => {
  const tr = data(600, 6, 6),
    te = data(400, 6, 7);
  const rf1 = fitRandomForest(tr.x, tr.d, 'classification', { nTrees: 60, seed: 3 });
  const rf2 = fitRandomForest(tr.x, tr.d, 'classification', { nTrees: 60, seed: 3 });
  assert.deepEqual(rf1.predict(te.x), rf2.predict(te.x));
  assert.ok(rocAuc(te.d, rf1.predict(te.x)) > 0.8);
  const gb = fitGradientBoosting(tr.x, tr.y, 'regression', { nRounds: 150 });
  assert.ok(r2Score(te.y, gb.predict(te.x)) > 0.6);
  const rfr = fitRandomForest(tr.x, tr.y, 'regression', { nTrees: 60, seed: 1 });
  assert.ok(r2Score(te.y, rfr.predict(te.x)) > 0.6);
});

test('random forest and GBM 5-fold CV AUC on the breast-cancer data are within 0.02 of scikit-learn on the same folds', (t) => {
  const ref = py<{ X: number[][]; y: number[]; folds: number[]; rf: number; gb: number }>(
    t,
    `
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier, GradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import roc_auc_score
X, y = load_breast_cancer(return_X_y=True)
folds = np.zeros(len(y), dtype=int)
for k, (_, te) in enumerate(StratifiedKFold(5, shuffle=True, random_state=0).split(X, y)): folds[te] = k
rf, gb = [], []
for k in range(5):
    tr, te = folds != k, folds == k
    rf.append(roc_auc_score(y[te], RandomForestClassifier(100, random_state=0).fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]))
    gb.append(roc_auc_score(y[te], GradientBoostingClassifier(random_state=0).fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]))
result = {'X': X.tolist(), 'y': y.tolist(), 'folds': folds.tolist(), 'rf': float(np.mean(rf)), 'gb': float(np.mean(gb))}`,
    null,
  );
  if (!ref) return;
  const x: Matrix = { data: Float64Array.from(ref.X.flat()), nRows: ref.y.length, nCols: ref.X[0]!.length };
  const y = Float64Array.from(ref.y);
  const rf: number[] = [],
    gb: number[] = [];
  for (let k = 0; k < 5; k++) {
    const tr = ref.folds.map((f, i) => (f !== k ? i : -1)).filter((i) => i >= 0),
      te = ref.folds.map((f, i) => (f === k ? i : -1)).filter((i) => i >= 0);
    const xtr = takeRows(x, tr),
      ytr = takeVec(y, tr),
      xte = takeRows(x, te),
      yte = takeVec(y, te);
    rf.push(rocAuc(yte, fitRandomForest(xtr, ytr, 'classification', { nTrees: 100, seed: k }).predict(xte)));
    gb.push(rocAuc(yte, fitGradientBoosting(xtr, ytr, 'classification').predict(xte)));
  }
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  t.diagnostic(`RF ${mean(rf).toFixed(4)} vs sklearn ${ref.rf.toFixed(4)}; GBM ${mean(gb).toFixed(4)} vs sklearn ${ref.gb.toFixed(4)}`);
  assert.ok(Math.abs(mean(rf) - ref.rf) <= 0.02, `RF ${mean(rf)} vs ${ref.rf}`);
  assert.ok(Math.abs(mean(gb) - ref.gb) <= 0.02, `GBM ${mean(gb)} vs ${ref.gb}`);
});
