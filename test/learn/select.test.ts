import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import {
  correlationFilter,
  icc,
  l1Selection,
  nearZeroVariance,
  stabilityFilter,
  univariateFilter,
} from '../../src/learn/select/filters.js';
import { selectColumns, selectingLearner } from '../../src/learn/select/selectingLearner.js';
import { crossValidate } from '../../src/learn/cv/crossValidate.js';
import { logisticLearner } from '../../src/learn/models/linearLearners.js';
import { fromRows, type Matrix, type Row } from '../../src/learn/types.js';
import { close } from './pyOracle.js';

test('icc() on Shrout & Fleiss (1979) Table 2 gives the published ICC(1,1)=.17, ICC(2,1)=.29, ICC(3,1)=.71', () => {
  const m = fromRows([
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
  ]);
  assert.equal(icc(m, 'ICC1').toFixed(2), '0.17');
  assert.equal(icc(m, 'ICC2').toFixed(2), '0.29');
  assert.equal(icc(m, 'ICC3').toFixed(2), '0.71');
});

test('stabilityFilter() keeps a feature re-measured with small error and drops one re-measured as noise', () => {
  const rng = createRng(1);
  const a: number[][] = [],
    b: number[][] = [];
  for (let i = 0; i < 100; i++) {
    const s = rng.normal();
    a.push([s, rng.normal()]);
    b.push([s + 0.1 * rng.normal(), rng.normal()]);
  }
  const r = stabilityFilter(fromRows(a), fromRows(b), { threshold: 0.75 });
  assert.deepEqual(r.keep, [0]);
  assert.ok(r.icc[0]! > 0.95 && Math.abs(r.icc[1]!) < 0.3);
});

test('nearZeroVariance() drops constant and rare-valued columns (caret rule) and keeps a continuous one', () => {
  const rows = Array.from({ length: 100 }, (_, i) => [1, i < 98 ? 0 : 1, i / 7, i % 2]);
  const r = nearZeroVariance(fromRows(rows));
  assert.deepEqual(r.keep, [2, 3]);
  assert.equal(r.freqRatio[1], 49);
});

test('correlationFilter() removes one of a near-duplicate pair and keeps independent columns', () => {
  const rng = createRng(2);
  const rows = Array.from({ length: 200 }, () => {
    const a = rng.normal();
    return [a, a + 0.01 * rng.normal(), rng.normal(), 0.5 * a + rng.normal()];
  });
  const r = correlationFilter(fromRows(rows), 0.9);
  assert.equal(r.keep.length, 3);
  assert.ok(r.keep.includes(2) && r.keep.includes(3));
  assert.equal(r.dropped.length, 1);
  assert.ok(r.dropped[0]!.r > 0.99);
});

test('univariateFilter() and l1Selection() find the informative columns', () => {
  const rng = createRng(3);
  const rows: number[][] = [],
    y: number[] = [],
    z: number[] = [];
  for (let i = 0; i < 300; i++) {
    const r = Array.from({ length: 10 }, () => rng.normal());
    rows.push(r);
    y.push(rng.bernoulli(1 / (1 + Math.exp(-(2 * r[3]! - 2 * r[7]!)))) ? 1 : 0);
    z.push(3 * r[1]! + r[5]! + rng.normal());
  }
  const x = fromRows(rows);
  assert.deepEqual(univariateFilter(x, Float64Array.from(y), 'classification', { top: 2 }).keep, [3, 7]);
  assert.deepEqual(univariateFilter(x, Float64Array.from(z), 'regression', { top: 2 }).keep, [1, 5]);
  const l1 = l1Selection(x, Float64Array.from(y), 'classification', { lambdaRatio: 0.3 });
  assert.ok(l1.keep.includes(3) && l1.keep.includes(7) && l1.keep.length <= 5, JSON.stringify(l1.keep));
  assert.deepEqual(l1Selection(x, Float64Array.from(z), 'regression', { lambdaRatio: 0.5 }).keep, [1]);
});

test('selectingLearner(): selection inside the folds gives honest AUC ≈ 0.5 on pure noise, selection on all rows (the leak) does not', () => {
  const rng = createRng(4);
  const n = 80,
    p = 400;
  const y = Array.from({ length: n }, (_, i) => i % 2);
  const rows: Row[] = y.map((v) => {
    const r: Record<string, number> = { y: v };
    for (let j = 0; j < p; j++) r[`f${j}`] = rng.normal();
    return r;
  });
  const feats = Array.from({ length: p }, (_, j) => `f${j}`);
  const sel = (x: Matrix, yy: Float64Array): number[] => univariateFilter(x, yy, 'classification', { top: 10 }).keep;
  const honest = crossValidate(rows, {
    outcome: 'y',
    preprocess: { numeric: feats },
    learner: selectingLearner(sel, logisticLearner()),
    split: { k: 5, seed: 1 },
  });
  // leak: choose the 10 features on ALL rows, then cross-validate only the model
  const all = fromRows(rows.map((r) => feats.map((f) => r[f] as number)));
  const leakedKeep = sel(all, Float64Array.from(y)).map((j) => feats[j]!);
  const leaked = crossValidate(rows, {
    outcome: 'y',
    preprocess: { numeric: leakedKeep },
    learner: logisticLearner(),
    split: { k: 5, seed: 1 },
  });
  assert.ok(Math.abs(honest.pooled!.auc - 0.5) < 0.15, `honest ${honest.pooled!.auc}`);
  assert.ok(leaked.pooled!.auc > 0.75, `leaked ${leaked.pooled!.auc}`);
  close(Array.from(selectColumns(fromRows([[1, 2, 3]]), [2, 0]).data), [3, 1], 0, 'selectColumns');
});
