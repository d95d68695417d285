import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { alphaGrid, elasticNetPath, linearAlphaMax } from '../../src/learn/models/elasticNetLinear.js';
import { lambdaFromC, logisticLambdaMax, penalizedLogisticPath } from '../../src/learn/models/elasticNetLogistic.js';
import type { Matrix } from '../../src/learn/types.js';
import { close, py } from './pyOracle.js';

/** n×p standard-normal design with correlated columns, a sparse truth, and y / binary d. */
function data(n: number, p: number, seed: number): { x: Matrix; rows: number[][]; y: Float64Array; d: Float64Array } {
  const rng = createRng(seed);
  const rows: number[][] = [];
  const y = new Float64Array(n),
    d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const common = rng.normal();
    const r = Array.from({ length: p }, (_, j) => (j < 3 ? 0.5 * common : 0) + rng.normal());
    rows.push(r);
    const eta = 1.5 * r[0]! - 1 * r[1]! + 0.5 * r[4]!;
    y[i] = 2 + eta + rng.normal();
    d[i] = rng.bernoulli(1 / (1 + Math.exp(-(eta - 0.3)))) ? 1 : 0;
  }
  return { x: { data: Float64Array.from(rows.flat()), nRows: n, nCols: p }, rows, y, d };
}

test('elasticNetPath() matches scikit-learn ElasticNet along a warm-started 20-α path (l1_ratio 1 and 0.5) to 1e-6', (t) => {
  const { x, rows, y } = data(120, 8, 1);
  for (const l1 of [1, 0.5]) {
    const alphas = alphaGrid(linearAlphaMax(x, y, l1), 20, 1e-3);
    const path = elasticNetPath(x, y, alphas, { l1Ratio: l1 });
    const ref = py<{ coef: number[][]; b: number[] }>(
      t,
      `
from sklearn.linear_model import ElasticNet
X, y, alphas, l1 = np.array(data[0]), np.array(data[1]), data[2], data[3]
cs, bs = [], []
for a in alphas:
    m = ElasticNet(alpha=a, l1_ratio=l1, tol=1e-12, max_iter=1000000).fit(X, y)
    cs.append(list(m.coef_)); bs.append(float(m.intercept_))
result = {'coef': cs, 'b': bs}`,
      [rows, Array.from(y), alphas, l1],
    );
    if (!ref) return;
    path.forEach((pt, k) => close([pt.intercept, ...pt.coef], [ref.b[k]!, ...ref.coef[k]!], 1e-6, `l1=${l1} alpha#${k}`));
    // the largest α zeroes every slope; the smallest keeps the true signals
    assert.ok(path[0]!.coef.every((v) => Math.abs(v) < 1e-12));
    assert.ok(path[19]!.coef[0]! > 1);
  }
});

test('penalizedLogisticPath() matches scikit-learn LogisticRegression (L1 saga, elastic-net saga, L2 lbfgs) to 1e-4', (t) => {
  const { x, rows, d } = data(200, 6, 2);
  const cases = [
    { penalty: 'l1', l1: 1, C: 0.05 },
    { penalty: 'l1', l1: 1, C: 0.5 },
    { penalty: 'elasticnet', l1: 0.5, C: 0.1 },
    { penalty: 'l2', l1: 0, C: 0.3 },
  ];
  const ref = py<{ coef: number[]; b: number }[]>(
    t,
    `
from sklearn.linear_model import LogisticRegression
X, y, cases = np.array(data[0]), np.array(data[1]), data[2]
out = []
for c in cases:
    kw = dict(penalty=c['penalty'], C=c['C'], tol=1e-12, max_iter=1000000)
    if c['penalty'] == 'l2': kw['solver'] = 'lbfgs'
    else: kw['solver'] = 'saga'
    if c['penalty'] == 'elasticnet': kw['l1_ratio'] = c['l1']
    m = LogisticRegression(**kw).fit(X, y)
    out.append({'coef': list(m.coef_[0]), 'b': float(m.intercept_[0])})
result = out`,
    [rows, Array.from(d), cases],
  );
  if (!ref) return;
  cases.forEach((c, k) => {
    const [pt] = penalizedLogisticPath(x, d, [lambdaFromC(c.C, x.nRows)], { l1Ratio: c.l1, tol: 1e-12 });
    close([pt!.intercept, ...pt!.coef], [ref[k]!.b, ...ref[k]!.coef], 1e-4, `${c.penalty} C=${c.C}`);
  });
});

test('penalizedLogisticPath(): λ ≥ λ_max zeroes every slope and the intercept is the logit of the prevalence', () => {
  const { x, d } = data(150, 5, 3);
  const lmax = logisticLambdaMax(x, d, 1);
  const [a, b] = penalizedLogisticPath(x, d, [lmax * 1.0001, lmax * 0.5], { l1Ratio: 1 });
  const prev = d.reduce((s, v) => s + v, 0) / d.length;
  assert.ok(a!.coef.every((v) => v === 0));
  close([a!.intercept], [Math.log(prev / (1 - prev))], 1e-9, 'intercept');
  assert.ok(b!.coef.some((v) => v !== 0));
});
