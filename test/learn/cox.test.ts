import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { clusterIndex } from '../../src/learn/stats/cluster.js';
import { coxFit, coxPartialLikelihood } from '../../src/learn/survival/cox.js';
import { close, py } from './pyOracle.js';

/** Survival data with heavy ties (times rounded to whole years), 2 strata, 2 rows per cluster. */
function survData(seed: number, n = 240): { x: Float64Array; time: Float64Array; event: Float64Array; strata: Int32Array; g: string[] } {
  const rng = createRng(seed);
  const x: number[] = [],
    time: number[] = [],
    event: number[] = [],
    strata: number[] = [],
    g: string[] = [];
  for (let i = 0; i < n; i++) {
    const vd = rng.normal(),
      age = rng.normal(),
      male = rng.bernoulli(0.5) ? 1 : 0;
    const rate = 0.1 * Math.exp(0.5 * vd + 0.3 * age + 0.4 * male);
    const t = -Math.log(1 - rng.uniform()) / rate,
      c = rng.range(2, 12);
    x.push(vd, age, male);
    time.push(Math.ceil(Math.min(t, c)));
    event.push(t <= c ? 1 : 0);
    strata.push(i % 3 === 0 ? 1 : 0);
    g.push(`s${Math.floor(i / 2)}`);
  }
  return { x: Float64Array.from(x), time: Float64Array.from(time), event: Float64Array.from(event), strata: Int32Array.from(strata), g };
}

test('coxFit() matches statsmodels PHReg (Breslow, Efron, strata, robust by cluster) to 1e-6', (t) => {
  const dt = survData(4);
  const n = dt.time.length;
  const X = Array.from({ length: n }, (_, i) => Array.from(dt.x.subarray(i * 3, i * 3 + 3)));
  const ref = py<Record<string, number[][]>>(
    t,
    `
from statsmodels.duration.hazard_regression import PHReg
X = np.array(data['x']); tm = np.array(data['time']); ev = np.array(data['event']); st = np.array(data['strata'])
codes = {k: i for i, k in enumerate(dict.fromkeys(data['g']))}
g = np.array([codes[k] for k in data['g']])
result = {}
for ties in ['breslow', 'efron']:
    for strat in [False, True]:
        kw = {'strata': st} if strat else {}
        m = PHReg(tm, X, status=ev, ties=ties, **kw)
        r = m.fit(gtol=1e-12, maxiter=200)
        result[ties + ('-strata' if strat else '')] = [list(r.params), list(r.bse), [r.llf, m.loglike(np.zeros(3))]]
    m = PHReg(tm, X, status=ev, ties=ties)
    r = m.fit(groups=g, gtol=1e-12, maxiter=200)
    result[ties + '-robust'] = [list(r.params), list(r.bse), [r.llf]]
`,
    { x: X, time: Array.from(dt.time), event: Array.from(dt.event), strata: Array.from(dt.strata), g: dt.g },
  );
  if (!ref) return;
  for (const ties of ['breslow', 'efron'] as const) {
    for (const strat of [false, true]) {
      const f = coxFit(dt.x, n, 3, dt.time, dt.event, { ties, ...(strat ? { strata: dt.strata } : {}) });
      const r = ref[ties + (strat ? '-strata' : '')]!;
      close(f.coef, r[0]!, 1e-6, `${ties}${strat ? ' strata' : ''} coef`);
      close(f.se, r[1]!, 1e-6, `${ties}${strat ? ' strata' : ''} se`);
      close([f.logLik, f.logLik0], r[2]!, 1e-8, `${ties} loglik`);
    }
    const f = coxFit(dt.x, n, 3, dt.time, dt.event, { ties, clusters: clusterIndex(dt.g) });
    close(f.coef, ref[`${ties}-robust`]![0]!, 1e-6, `${ties} robust coef`);
    close(f.se, ref[`${ties}-robust`]![1]!, 1e-5, `${ties} robust se`);
    assert.equal(f.nClusters, n / 2);
  }
});

test('coxPartialLikelihood() at β=0 equals the hand computation for Breslow and Efron ties', () => {
  // times [1, 1, 2], all events, x = [1, 0, 0]. At β = 0 every e^η = 1.
  // Breslow: ℓ = −2·log 3 − log 1; score = (1 − 2·1/3) + 0 = 1/3.
  // Efron:   ℓ = −log 3 − log(3 − ½·2) = −log 3 − log 2; score = 1 − 1/3 − (1 − ½)/(3 − 1) = 5/12.
  const x = Float64Array.from([1, 0, 0]),
    time = Float64Array.from([1, 1, 2]),
    ev = Float64Array.from([1, 1, 1]);
  const order = [[2, 0, 1]];
  const b = coxPartialLikelihood(x, 3, 1, time, ev, new Float64Array(1), 'breslow', order);
  const e = coxPartialLikelihood(x, 3, 1, time, ev, new Float64Array(1), 'efron', order);
  close([b.ll, b.grad[0]!], [-2 * Math.log(3), 1 / 3], 1e-14, 'breslow');
  close([e.ll, e.grad[0]!], [-Math.log(3) - Math.log(2), 5 / 12], 1e-14, 'efron');
  // Breslow information at 0: 2·(1/3 − 1/9) = 4/9.
  close([b.hess[0]!], [4 / 9], 1e-14, 'breslow information');
});

test('coxFit() rejects data without events and a bad event code, naming the row', () => {
  const x = Float64Array.from([1, 0, 1]);
  assert.throws(
    () => coxFit(x, 3, 1, Float64Array.from([1, 2, 3]), Float64Array.from([0, 0, 0])),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /no(ne)? /.test(e.message),
  );
  assert.throws(() => coxFit(x, 3, 1, Float64Array.from([1, 2, 3]), Float64Array.from([0, 2, 1])), /row 2/);
});
