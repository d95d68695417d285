import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { associate } from '../../src/learn/stats/associate.js';
import { parseFormula } from '../../src/learn/stats/formula.js';
import { buildDesign } from '../../src/learn/stats/designMatrix.js';
import { rcsBasis, rcsKnots } from '../../src/learn/stats/rcs.js';
import { splineDoseResponse } from '../../src/learn/stats/doseResponse.js';
import { doseResponseFigure } from '../../src/plot/doseResponse.js';
import type { Row } from '../../src/learn/types.js';
import { close, py } from './pyOracle.js';

function cohort(n: number, seed: number): Row[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const age = rng.range(40, 80),
      sex = rng.bernoulli(0.5) ? 'M' : 'F',
      site = ['A', 'B', 'C'][rng.int(0, 2)]!;
    const dm = rng.bernoulli(0.3) ? 1 : 0,
      x = 0.02 * age + rng.normal();
    const y =
      100 +
      0.4 * age +
      3 * x +
      (sex === 'M' ? 4 : 0) +
      (sex === 'M' ? 2.5 * x : 0) -
      1.5 * dm * x +
      8 * Math.sin(age / 10) +
      rng.normal(0, 5);
    const d = rng.bernoulli(1 / (1 + Math.exp(-(-2 + 0.5 * x + (sex === 'M' ? 0.6 * x : 0) + 0.03 * (age - 60))))) ? 1 : 0;
    return { age, sex, site, dm, x, y, d };
  });
}

test('parseFormula() expands a*b like patsy: main effects first, then interactions by degree, duplicates once', () => {
  assert.deepEqual(
    parseFormula('y ~ x*C(sex) + age + x:age + x').terms.map((t) => t.column),
    ['x', 'sex', 'age', 'x:sex', 'x:age'],
  );
  assert.deepEqual(
    parseFormula('y ~ a*b*c').terms.map((t) => t.column),
    ['a', 'b', 'c', 'a:b', 'a:c', 'b:c', 'a:b:c'],
  );
  assert.deepEqual(parseFormula('y ~ rcs(age, 4) + x').terms[0], { column: 'age', categorical: false, rcs: 4 });
  assert.throws(() => parseFormula('y ~ rcs(age, 4)*x'), /inside an interaction/);
  assert.throws(
    () => parseFormula('y ~ x + age^2'),
    (e) => isVesselprintError(e, 'NOT_IMPLEMENTED'),
  );
  assert.throws(
    () => buildDesign(cohort(20, 1), parseFormula('y ~ x + x:sex')),
    (e) => isVesselprintError(e, 'NOT_IMPLEMENTED') && /main effect/.test(e.message),
  );
});

test('rcsBasis() is linear beyond the outer knots and continuous with continuous slope at every knot', () => {
  const knots = [1, 2, 4, 8];
  const second = (v: number, j: number): number => rcsBasis(v + 1, knots)[j]! - 2 * rcsBasis(v, knots)[j]! + rcsBasis(v - 1, knots)[j]!;
  for (const j of [1, 2]) {
    assert.ok(Math.abs(second(20, j)) < 1e-9 && Math.abs(second(30, j)) < 1e-9, 'linear right of the last knot');
    assert.equal(rcsBasis(0.5, knots)[j], 0, 'zero left of the first knot');
    for (const t of knots) {
      const h = 1e-6,
        l = rcsBasis(t - h, knots)[j]!,
        m = rcsBasis(t, knots)[j]!,
        r = rcsBasis(t + h, knots)[j]!;
      assert.ok(Math.abs(r - m - (m - l)) < 1e-9, `slope continuous at knot ${t}`);
    }
  }
  assert.deepEqual(
    rcsKnots([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3).map((v) => Number(v.toFixed(10))),
    [1.9, 5.5, 9.1],
  );
});

interface Fit {
  names: string[];
  coef: number[];
  se: number[];
}

test('associate() with interactions and rcs() matches statsmodels formulas (patsy a*b) and the same spline basis built in numpy (1e-6)', (t) => {
  const rows = cohort(300, 7);
  const specs = [
    { f: 'y ~ x*sex + age + C(site)', fam: 'gaussian' },
    { f: 'y ~ x*dm + x:age + age + sex', fam: 'gaussian' },
    { f: 'd ~ x*sex + age', fam: 'binomial' },
    { f: 'y ~ x + sex*C(site) + age', fam: 'gaussian' },
  ];
  const ref = py<{ formulas: Fit[]; rcs: Fit[] }>(
    t,
    `
import pandas as pd, re
import statsmodels.api as sm
from statsmodels.formula.api import ols, logit
df = pd.DataFrame(data['rows'])
out = []
for s in data['specs']:
    m = (ols if s['fam'] == 'gaussian' else logit)(s['f'], df)
    r = m.fit() if s['fam'] == 'gaussian' else m.fit(disp=0, method='newton', tol=1e-12, maxiter=100)
    out.append({'names': [re.sub(r'C\\((\\w+)\\)', r'\\1', n) for n in r.params.index], 'coef': list(r.params), 'se': list(r.bse)})
def rcs(x, k):
    probs = {3: [.1, .5, .9], 4: [.05, .35, .65, .95], 5: [.05, .275, .5, .725, .95]}[k]
    t = np.quantile(x, probs)
    cols = [x]
    for j in range(k - 2):
        c = np.maximum(x - t[j], 0)**3 - np.maximum(x - t[k-2], 0)**3 * (t[k-1] - t[j]) / (t[k-1] - t[k-2]) + np.maximum(x - t[k-1], 0)**3 * (t[k-2] - t[j]) / (t[k-1] - t[k-2])
        cols.append(c / (t[k-1] - t[0])**2)
    return np.column_stack(cols)
X = np.column_stack([np.ones(len(df)), df['x'], rcs(df['age'].values, 4), (df['sex'] == 'M').astype(float)])
r1 = sm.OLS(df['y'], X).fit()
X2 = np.column_stack([np.ones(len(df)), rcs(df['x'].values, 5), df['age']])
r2 = sm.Logit(df['d'], X2).fit(disp=0, method='newton', tol=1e-12)
rc = [{'names': [], 'coef': list(r1.params), 'se': list(r1.bse)}, {'names': [], 'coef': list(r2.params), 'se': list(r2.bse)}]
result = {'formulas': out, 'rcs': rc}
`,
    { rows, specs },
  );
  if (!ref) return;
  specs.forEach((s, k) => {
    const r = associate(rows, s.f, { family: s.fam as 'gaussian' | 'binomial' });
    const byName = new Map(r.coefficients.map((c) => [c.term, c]));
    const want = ref.formulas[k]!;
    assert.equal(
      r.coefficients.length,
      want.names.length,
      `${s.f}: ${r.coefficients.map((c) => c.term).join(',')} vs ${want.names.join(',')}`,
    );
    want.names.forEach((name, j) => {
      const c = byName.get(name);
      assert.ok(c, `${s.f}: missing column ${name} (have ${[...byName.keys()].join(', ')})`);
      close([c.estimate, c.se], [want.coef[j]!, want.se[j]!], 1e-6, `${s.f} ${name}`);
    });
  });
  const r1 = associate(rows, 'y ~ x + rcs(age, 4) + sex');
  close(r1.fit.coef, ref.rcs[0]!.coef, 1e-6, 'rcs(age, 4) coef');
  close(r1.fit.se, ref.rcs[0]!.se, 1e-6, 'rcs(age, 4) se');
  const r2 = associate(rows, 'd ~ rcs(x, 5) + age', { family: 'binomial' });
  close(r2.fit.coef, ref.rcs[1]!.coef, 1e-6, 'rcs(x, 5) logistic coef');
  close(r2.fit.se, ref.rcs[1]!.se, 1e-6, 'rcs(x, 5) logistic se');
  assert.equal(r2.dose_response!.points.length, 50);
  assert.ok(r2.p_nonlinear! > 0 && r2.p_nonlinear! <= 1);
});

test('associate(exposure*M) reports p_interaction and stratum-specific estimates equal to refits within each stratum (saturated model)', () => {
  const rows = cohort(400, 3);
  const r = associate(rows, 'y ~ x*sex');
  const men = associate(
      rows.filter((q) => q.sex === 'M'),
      'y ~ x',
    ),
    women = associate(
      rows.filter((q) => q.sex === 'F'),
      'y ~ x',
    );
  const lv = r.interaction!.modifiers[0]!.levels;
  assert.deepEqual(
    lv.map((l) => l.level),
    ['sex=F', 'sex=M'],
  );
  close([lv[0]!.beta, lv[1]!.beta], [women.beta, men.beta], 1e-9, 'stratum slopes = separate fits');
  const adj = associate(rows, 'y ~ x*sex + rcs(age, 4) + x:dm + dm');
  assert.ok(adj.p_interaction! < 0.001, `true modification: p ${adj.p_interaction}`);
  assert.deepEqual(adj.interaction!.terms, ['x:sex', 'x:dm']);
  const bin = associate(rows, 'y ~ x*dm + sex');
  assert.deepEqual(
    bin.interaction!.modifiers[0]!.levels.map((l) => l.level),
    ['dm=0', 'dm=1'],
  );
  const cont = associate(rows, 'y ~ x*age');
  assert.equal(cont.interaction!.modifiers[0]!.levels.length, 3);
});

test('splineDoseResponse() is 0 at the reference, and doseResponseFigure() exponentiates on the ratio scale', () => {
  const rows = cohort(300, 7);
  const r = associate(rows, 'd ~ rcs(x, 4) + age', { family: 'binomial' });
  const dr = r.dose_response!;
  const atRef = splineDoseResponse(
    r.fit,
    r.fit.names.map((_, j) => j).filter((j) => r.fit.names[j]!.startsWith('x')),
    dr.knots,
    { reference: dr.reference, nGrid: 3 },
  );
  assert.deepEqual(dr.knots.length, 4);
  assert.ok(Math.abs(atRef.points[0]!.estimate - dr.points[0]!.estimate) < 1e-12, 'same curve');
  const mid = splineDoseResponse(
    r.fit,
    [1, 2, 3],
    [dr.knots[0]!, dr.reference, dr.reference + 1e-9 + 1, dr.knots[3]!].sort((a, b) => a - b),
    { reference: dr.knots[0]!, nGrid: 2 },
  );
  assert.ok(
    Math.abs(mid.points[0]!.estimate) < 1e-12 && mid.points[0]!.ciLow === mid.points[0]!.ciHigh,
    'zero effect and zero width at the reference',
  );
  const fig = doseResponseFigure(dr, { scale: 'ratio', xLabel: 'x' });
  assert.deepEqual(
    fig.data[2]!.y,
    dr.points.map((p) => Number(Math.exp(p.estimate).toPrecision(6))),
  );
  assert.equal((fig.layout.yaxis as { type: string }).type, 'log');
});
