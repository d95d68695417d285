import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { rocAuc, averagePrecision } from '../../src/learn/metrics/ranking.js';
import { aucDelongCi, delongCovariance, delongTest } from '../../src/learn/metrics/delong.js';
import { aucBootstrapCi } from '../../src/learn/metrics/bootstrap.js';
import { atThreshold, brierScore, calibration } from '../../src/learn/metrics/classification.js';
import { meanAbsoluteError, r2Score, rootMeanSquaredError } from '../../src/learn/metrics/regression.js';
import { close, py } from './pyOracle.js';

/** Hanley & McNeil (1982) Table 1: 5-point CT ratings of 58 normal and 51 abnormal patients. */
function hanleyMcNeil(): { y: number[]; s: number[] } {
  const neg = [33, 6, 6, 11, 2],
    pos = [3, 2, 2, 11, 33];
  const y: number[] = [],
    s: number[] = [];
  neg.forEach((c, r) => {
    for (let i = 0; i < c; i++) {
      y.push(0);
      s.push(r + 1);
    }
  });
  pos.forEach((c, r) => {
    for (let i = 0; i < c; i++) {
      y.push(1);
      s.push(r + 1);
    }
  });
  return { y, s };
}

/** DeLong covariance by its definition (O(n₊n₋) ψ kernel), independent of the midrank algorithm. */
function bruteDelong(y: number[], scores: number[][]): { auc: number[]; cov: number[] } {
  const pos = y.map((v, i) => (v === 1 ? i : -1)).filter((i) => i >= 0),
    neg = y.map((v, i) => (v === 0 ? i : -1)).filter((i) => i >= 0);
  const psi = (a: number, b: number): number => (a > b ? 1 : a === b ? 0.5 : 0);
  const v10 = scores.map((s) => pos.map((i) => neg.reduce((acc, j) => acc + psi(s[i]!, s[j]!), 0) / neg.length));
  const v01 = scores.map((s) => neg.map((j) => pos.reduce((acc, i) => acc + psi(s[i]!, s[j]!), 0) / pos.length));
  const auc = v10.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
  const cv = (u: number[], w: number[], mu: number, mw: number): number =>
    u.reduce((a, _, i) => a + (u[i]! - mu) * (w[i]! - mw), 0) / (u.length - 1);
  const k = scores.length,
    cov: number[] = [];
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++)
      cov.push(cv(v10[r]!, v10[c]!, auc[r]!, auc[c]!) / pos.length + cv(v01[r]!, v01[c]!, auc[r]!, auc[c]!) / neg.length);
  return { auc, cov };
}

function simulated(n: number, seed: number): { y: number[]; s1: number[]; s2: number[] } {
  const rng = createRng(seed);
  const y: number[] = [],
    s1: number[] = [],
    s2: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = rng.bernoulli(0.4) ? 1 : 0;
    const latent = rng.normal();
    y.push(c);
    s1.push(Math.round((c * 1.2 + latent + 0.5 * rng.normal()) * 4) / 4); // coarse: ties
    s2.push(c * 0.6 + latent + 0.8 * rng.normal());
  }
  return { y, s1, s2 };
}

test('rocAuc() on the Hanley & McNeil (1982) rating data is the published 0.893', () => {
  const { y, s } = hanleyMcNeil();
  assert.equal(Math.round(rocAuc(y, s) * 1000) / 1000, 0.893);
  assert.equal(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
});

test('aucDelongCi() on the Hanley & McNeil data matches the published DeLong worked example (Stata roctab, hanley.dta: SE 0.0307, CI 0.83295–0.95339) and the brute-force definition', () => {
  const { y, s } = hanleyMcNeil();
  const ci = aucDelongCi(y, s);
  const b = bruteDelong(y, [s]);
  close([ci.auc, ci.se], [b.auc[0]!, Math.sqrt(b.cov[0]!)], 1e-12, 'delong vs brute force');
  // Stata Base Reference Manual, [R] roctab, example 1 (DeLong SE, asymptotic normal CI)
  assert.equal(ci.se.toFixed(4), '0.0307');
  assert.equal(ci.ciLow.toFixed(5), '0.83295');
  assert.equal(ci.ciHigh.toFixed(5), '0.95339');
  // and close to Hanley & McNeil's own (different) SE formula, 0.032
  assert.ok(Math.abs(ci.se - 0.032) < 0.004, `se ${ci.se}`);
  close([ci.ciLow, ci.ciHigh], [ci.auc - 1.959963984540054 * ci.se, ci.auc + 1.959963984540054 * ci.se], 1e-9, 'wald ci');
});

test('delongTest() of two correlated scores equals the brute-force DeLong covariance computation', () => {
  const { y, s1, s2 } = simulated(150, 1);
  const t = delongTest(y, s1, s2);
  const b = bruteDelong(y, [s1, s2]);
  const d = delongCovariance(y, [s1, s2]);
  close(d.cov, b.cov, 1e-12, 'cov');
  const se = Math.sqrt(b.cov[0]! + b.cov[3]! - 2 * b.cov[1]!);
  close([t.auc1, t.auc2, t.se, t.z], [b.auc[0]!, b.auc[1]!, se, (b.auc[0]! - b.auc[1]!) / se], 1e-12, 'test');
  assert.ok(t.p > 0 && t.p < 1);
  assert.throws(() => delongTest(y, s1, s1), /variance of the difference is 0/);
});

test('delongTest() p-values are roughly uniform under H0 (two exchangeable scores), rejecting in about 5%', () => {
  let rejections = 0;
  const reps = 200;
  for (let r = 0; r < reps; r++) {
    const rng = createRng(1000 + r);
    const y: number[] = [],
      a: number[] = [],
      b: number[] = [];
    for (let i = 0; i < 120; i++) {
      const c = rng.bernoulli(0.5) ? 1 : 0;
      const l = rng.normal();
      y.push(c);
      a.push(c + l + rng.normal());
      b.push(c + l + rng.normal());
    }
    if (delongTest(y, a, b).p < 0.05) rejections++;
  }
  assert.ok(rejections >= 3 && rejections <= 20, `rejections ${rejections}/${reps}`);
});

test('rocAuc(), averagePrecision(), brierScore() and regression metrics match scikit-learn', (t) => {
  const { y, s1, s2 } = simulated(300, 2);
  const p = s2.map((v) => 1 / (1 + Math.exp(-v)));
  const yr = s2.map((v, i) => v * 2 + s1[i]!);
  const ref = py<number[]>(
    t,
    `
from sklearn import metrics as m
y, s1, p, yr, pr = data
result = [m.roc_auc_score(y, s1), m.average_precision_score(y, s1), m.average_precision_score(y, p), m.brier_score_loss(y, p),
          m.r2_score(yr, pr), m.mean_absolute_error(yr, pr), m.mean_squared_error(yr, pr) ** 0.5]`,
    [y, s1, p, yr, s1],
  );
  if (!ref) return;
  close(
    [
      rocAuc(y, s1),
      averagePrecision(y, s1),
      averagePrecision(y, p),
      brierScore(y, p),
      r2Score(yr, s1),
      meanAbsoluteError(yr, s1),
      rootMeanSquaredError(yr, s1),
    ],
    ref,
    1e-12,
    'metrics',
  );
});

test('calibration() slope and intercept match statsmodels GLM (slope model; offset model)', (t) => {
  const rng = createRng(3);
  const y: number[] = [],
    p: number[] = [];
  for (let i = 0; i < 400; i++) {
    const lp = rng.normal(0, 1.5);
    p.push(1 / (1 + Math.exp(-lp)));
    y.push(rng.bernoulli(1 / (1 + Math.exp(-(0.3 + 0.7 * lp)))) ? 1 : 0);
  }
  const c = calibration(y, p);
  const ref = py<number[]>(
    t,
    `
import statsmodels.api as sm
y, p = np.array(data[0]), np.array(data[1])
lp = np.log(p / (1 - p))
a = sm.GLM(y, sm.add_constant(lp), family=sm.families.Binomial()).fit(tol=1e-12)
b = sm.GLM(y, np.ones((len(y), 1)), family=sm.families.Binomial(), offset=lp).fit(tol=1e-12)
result = [a.params[1], a.params[0], b.params[0]]`,
    [y, p],
  );
  if (!ref) return;
  close([c.slope, c.slopeModelIntercept, c.intercept], ref, 1e-7, 'calibration');
});

test('calibration() of perfectly calibrated probabilities has slope ≈ 1 and intercept ≈ 0', () => {
  const rng = createRng(4);
  const y: number[] = [],
    p: number[] = [];
  for (let i = 0; i < 20000; i++) {
    const q = 1 / (1 + Math.exp(-rng.normal(0, 2)));
    p.push(q);
    y.push(rng.bernoulli(q) ? 1 : 0);
  }
  const c = calibration(y, p);
  assert.ok(Math.abs(c.slope - 1) < 0.05 && Math.abs(c.intercept) < 0.05, JSON.stringify(c));
});

test('aucBootstrapCi() is reproducible for a seed and agrees with the DeLong CI on a moderate sample', () => {
  const { y, s2 } = simulated(300, 5);
  const a = aucBootstrapCi(y, s2, { nBoot: 1000, seed: 9 });
  const b = aucBootstrapCi(y, s2, { nBoot: 1000, seed: 9 });
  assert.deepEqual(a, b);
  const d = aucDelongCi(y, s2);
  assert.ok(Math.abs(a.ciLow - d.ciLow) < 0.02 && Math.abs(a.ciHigh - d.ciHigh) < 0.02, `${JSON.stringify(a)} vs ${JSON.stringify(d)}`);
  assert.ok(Math.abs(a.se - d.se) < 0.2 * d.se);
});

test('atThreshold() counts by hand: y=[0,0,1,1,1], s=[.1,.6,.4,.7,.9], t=.5 → sens 2/3, spec 1/2', () => {
  const m = atThreshold([0, 0, 1, 1, 1], [0.1, 0.6, 0.4, 0.7, 0.9], 0.5);
  assert.deepEqual([m.tp, m.fp, m.tn, m.fn], [2, 1, 1, 1]);
  close([m.sensitivity, m.specificity, m.ppv, m.npv], [2 / 3, 0.5, 2 / 3, 0.5], 1e-15, 'threshold');
  assert.throws(() => rocAuc([1, 1], [0.2, 0.3]), /needs both classes/);
  assert.throws(() => rocAuc([0, 2], [0.2, 0.3]), /labels must be 0\/1/);
});
