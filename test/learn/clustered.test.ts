import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { clusterIndex } from '../../src/learn/stats/cluster.js';
import { geeFit } from '../../src/learn/stats/gee.js';
import { olsFit } from '../../src/learn/stats/ols.js';
import { logisticFit } from '../../src/learn/stats/logistic.js';
import { close, py } from './pyOracle.js';

/** Two-eye data: 90 subjects (every 9th has one eye), a subject effect shared by both eyes. */
export function twoEyes(seed: number): { x: Float64Array; n: number; p: number; y: Float64Array; d: Float64Array; g: string[] } {
  const rng = createRng(seed);
  const xs: number[] = [],
    y: number[] = [],
    d: number[] = [],
    g: string[] = [];
  for (let s = 0; s < 90; s++) {
    const u = rng.normal(0, 1),
      age = rng.range(40, 80),
      male = rng.bernoulli(0.5) ? 1 : 0;
    for (let e = 0; e < (s % 9 === 0 ? 1 : 2); e++) {
      const vd = 0.5 * u + 0.02 * age + rng.normal();
      xs.push(1, vd, age, male);
      y.push(2 + 0.8 * vd + 0.03 * age + 0.5 * male + u + rng.normal());
      d.push(rng.bernoulli(1 / (1 + Math.exp(-(-3 + 0.7 * vd + 0.04 * age + 0.8 * u)))) ? 1 : 0);
      g.push(`s${s}`);
    }
  }
  return { x: Float64Array.from(xs), n: y.length, p: 4, y: Float64Array.from(y), d: Float64Array.from(d), g };
}

interface Ref {
  ols: number[][];
  logit: number[][];
  geeG: number[][];
  geeB: number[][];
}

test('cluster-robust OLS/logistic and exchangeable GEE (gaussian, binomial) match statsmodels (1e-6 coef, 1e-5 SE)', (t) => {
  const dt = twoEyes(11);
  const rows = Array.from({ length: dt.n }, (_, i) => Array.from(dt.x.subarray(i * 4, i * 4 + 4)));
  const ref = py<Ref>(
    t,
    `
import statsmodels.api as sm
X = np.array(data['x']); y = np.array(data['y']); d = np.array(data['d'])
codes = {k: i for i, k in enumerate(dict.fromkeys(data['g']))}
g = np.array([codes[k] for k in data['g']])
o = sm.OLS(y, X).fit(cov_type='cluster', cov_kwds={'groups': g})
l = sm.Logit(d, X).fit(disp=0, method='newton', tol=1e-12, maxiter=200, cov_type='cluster', cov_kwds={'groups': g})
ex = dict(maxiter=200, ctol=1e-12)
gg = sm.GEE(y, X, groups=g, family=sm.families.Gaussian(), cov_struct=sm.cov_struct.Exchangeable()).fit(**ex)
gb = sm.GEE(d, X, groups=g, family=sm.families.Binomial(), cov_struct=sm.cov_struct.Exchangeable()).fit(**ex)
def pack(r, extra=[]):
    ci = np.asarray(r.conf_int())
    return [list(r.params), list(r.bse), list(r.pvalues), list(ci[:, 0]), list(ci[:, 1]), extra]
result = {'ols': pack(o), 'logit': pack(l), 'geeG': pack(gg, [float(gg.model.cov_struct.dep_params), float(gg.scale)]), 'geeB': pack(gb, [float(gb.model.cov_struct.dep_params)])}
`,
    { x: rows, y: Array.from(dt.y), d: Array.from(dt.d), g: dt.g },
  );
  if (!ref) return;
  const cl = clusterIndex(dt.g);
  const check = (
    f: { coef: Float64Array; se: Float64Array; p: Float64Array; ciLow: Float64Array; ciHigh: Float64Array },
    r: number[][],
    what: string,
  ): void => {
    close(f.coef, r[0]!, 1e-6, `${what} coef`);
    close(f.se, r[1]!, 1e-5, `${what} se`);
    close(f.p, r[2]!, 1e-5, `${what} p`);
    close(f.ciLow, r[3]!, 1e-5, `${what} ci_low`);
    close(f.ciHigh, r[4]!, 1e-5, `${what} ci_high`);
  };
  const o = olsFit(dt.x, dt.n, 4, dt.y, { covType: 'cluster', clusters: cl });
  check(o, ref.ols, 'OLS cluster');
  assert.equal(o.nClusters, 90);
  check(logisticFit(dt.x, dt.n, 4, dt.d, { covType: 'cluster', clusters: cl }), ref.logit, 'Logit cluster');
  const gg = geeFit(dt.x, dt.n, 4, dt.y, cl);
  check(gg, ref.geeG, 'GEE gaussian');
  close([gg.alpha, gg.scale], ref.geeG[5]!, 1e-6, 'GEE gaussian alpha/scale');
  const gb = geeFit(dt.x, dt.n, 4, dt.d, cl, { family: 'binomial' });
  check(gb, ref.geeB, 'GEE binomial');
  close([gb.alpha], ref.geeB[5]!, 1e-6, 'GEE binomial alpha');
});

test('cluster-robust SE with one row per cluster equal HC0 × n/(n−1)·(n−1)/(n−p) (definition)', () => {
  const dt = twoEyes(2);
  const ids = dt.g.map((_, i) => `r${i}`);
  const c = olsFit(dt.x, dt.n, 4, dt.y, { covType: 'cluster', clusters: clusterIndex(ids) });
  const h = olsFit(dt.x, dt.n, 4, dt.y, { covType: 'HC0' });
  const k = (dt.n / (dt.n - 1)) * ((dt.n - 1) / (dt.n - 4));
  close(
    c.se,
    Array.from(h.se, (s) => s * Math.sqrt(k)),
    1e-10,
    'se',
  );
});

test('clusterIndex()/geeFit() reject a missing cluster id and clusters without pairs', () => {
  assert.throws(() => clusterIndex(['a', null, 'b']), /row 2/);
  const dt = twoEyes(3);
  assert.throws(
    () => geeFit(dt.x, dt.n, 4, dt.y, clusterIndex(dt.g.map((_, i) => i))),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /pairs/.test(e.message),
  );
  // a subject-level outcome (identical in both eyes) drives α past 1: told to analyse one row per subject
  const pairs = dt.g.map((_, i) => i).filter((i) => dt.g.filter((h) => h === dt.g[i]).length === 2);
  const xp = Float64Array.from(pairs.flatMap((i) => Array.from(dt.x.subarray(i * 4, i * 4 + 4))));
  const subjectLevel = Float64Array.from(pairs, (i) => (Number(dt.g[i]!.slice(1)) % 3 === 0 ? 1 : 0));
  assert.throws(
    () => geeFit(xp, pairs.length, 4, subjectLevel, clusterIndex(pairs.map((i) => dt.g[i]!)), { family: 'binomial' }),
    /subject-level outcome/,
  );
});
