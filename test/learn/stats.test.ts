import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { associate } from '../../src/learn/stats/associate.js';
import { exposureWide } from '../../src/learn/stats/exposureWide.js';
import { parseFormula } from '../../src/learn/stats/formula.js';
import { buildDesign } from '../../src/learn/stats/designMatrix.js';
import { benjaminiHochberg, bonferroni, holm } from '../../src/learn/stats/multipleTesting.js';
import type { Row } from '../../src/learn/types.js';
import { close, py } from './pyOracle.js';

/** A small synthetic cohort: age, sex (F/M), site (A/B/C), exposure x, continuous y and binary d. */
function cohort(n: number, seed: number): Row[] {
  const rng = createRng(seed);
  const sites = ['A', 'B', 'C'];
  return Array.from({ length: n }, () => {
    const age = rng.range(40, 80);
    const sex = rng.bernoulli(0.5) ? 'M' : 'F';
    const site = sites[rng.int(0, 2)]!;
    const x = 0.02 * age + (sex === 'M' ? 0.3 : 0) + rng.normal();
    const y = 120 + 0.5 * age + 4 * x + (sex === 'M' ? 5 : 0) + (site === 'B' ? 2 : site === 'C' ? -1 : 0) + rng.normal(0, 8);
    const eta = -4 + 0.05 * age + 0.6 * x + (sex === 'M' ? 0.4 : 0);
    const d = rng.bernoulli(1 / (1 + Math.exp(-eta))) ? 1 : 0;
    return { age, sex, site, x, y, d };
  });
}

const SM = `
import statsmodels.api as sm
import pandas as pd
df = pd.DataFrame(data['rows'])
from statsmodels.formula.api import ols, logit
res = {}
for key, spec in data['specs'].items():
    f = (ols if spec['family']=='gaussian' else logit)(spec['formula'], df)
    kw = {} if spec['cov']=='nonrobust' else {'cov_type': spec['cov']}
    r = f.fit(**kw) if spec['family']=='gaussian' else f.fit(disp=0, method='newton', tol=1e-12, maxiter=200, **kw)
    ci = r.conf_int()
    out = {'names': list(r.params.index), 'coef': list(r.params), 'se': list(r.bse), 'p': list(r.pvalues),
           'lo': list(ci[0]), 'hi': list(ci[1]), 'llf': r.llf, 'aic': r.aic, 'bic': r.bic, 'n': r.nobs}
    if spec['family']=='gaussian':
        out.update({'r2': r.rsquared, 'adj': r.rsquared_adj, 'f': float(r.fvalue), 'fp': float(r.f_pvalue)})
    else:
        out.update({'llnull': r.llnull, 'pr2': r.prsquared, 'llrp': r.llr_pvalue})
    res[key] = out
result = res
`;

test('associate(rows, "y ~ x + age + C(sex) + C(site)") matches statsmodels OLS (coef, SE, p, CI, R², F, AIC) to 1e-6', (t) => {
  const rows = cohort(300, 1);
  const specs = {
    ols: { family: 'gaussian', formula: 'y ~ x + age + C(sex) + C(site)', cov: 'nonrobust' },
    hc3: { family: 'gaussian', formula: 'y ~ x + age + C(sex) + C(site)', cov: 'HC3' },
    logit: { family: 'binomial', formula: 'd ~ x + age + C(sex) + C(site)', cov: 'nonrobust' },
    logitHC0: { family: 'binomial', formula: 'd ~ x + age + C(sex)', cov: 'HC0' },
  } as const;
  const ref = py<Record<string, Record<string, number[] & number & string[]>>>(t, SM, { rows, specs });
  if (!ref) return;
  for (const [key, s] of Object.entries(specs)) {
    const r = associate(rows, s.formula, { family: s.family, covType: s.cov });
    const f = r.fit;
    const o: Record<string, number[] & number & string[]> = ref[key]!;
    // patsy names categorical columns C(col)[T.level] and lists them first: align by name.
    const order = f.names.map((nm) => (o.names as string[]).indexOf(nm.replace(/^(.+)\[T\.(.+)\]$/, 'C($1)[T.$2]')));
    assert.ok(order.every((i) => i >= 0) && order.length === (o.names as string[]).length, `${key} names ${f.names} vs ${o.names}`);
    const pick = (v: number[]): number[] => order.map((i) => v[i]!);
    close(f.coef, pick(o.coef), 1e-6, `${key} coef`);
    close(f.se, pick(o.se), 1e-6, `${key} se`);
    close(f.p, pick(o.p), 1e-6, `${key} p`);
    close(f.ciLow, pick(o.lo), 1e-6, `${key} ci low`);
    close(f.ciHigh, pick(o.hi), 1e-6, `${key} ci high`);
    close([f.logLik, f.aic, f.bic, f.n], [o.llf, o.aic, o.bic, o.n] as number[], 1e-8, `${key} fit stats`);
    if (s.family === 'gaussian') close([f.r2!, f.adjR2!, f.fStat!, f.fPValue!], [o.r2, o.adj, o.f, o.fp] as number[], 1e-6, `${key} r2/F`);
    else close([f.llNull!, f.pseudoR2!, f.llrPValue!], [o.llnull, o.pr2, o.llrp] as number[], 1e-6, `${key} llnull/pr2`);
  }
});

test('associate(..., {standardize: true}) gives β per SD: equal to the per-unit β times SD(x), same p', (t) => {
  const rows = cohort(200, 2);
  const raw = associate(rows, 'd ~ x + age', { family: 'binomial' });
  const z = associate(rows, 'd ~ x + age', { family: 'binomial', standardize: true });
  const xs = rows.map((r) => r.x as number);
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  close([z.beta, z.se, z.p, z.exposure_sd!], [raw.beta * sd, raw.se * sd, raw.p, sd], 1e-9, 'per-SD');
  close([z.or!, z.or_ci_low!, z.or_ci_high!], [Math.exp(z.beta), Math.exp(z.ci_low), Math.exp(z.ci_high)], 1e-12, 'OR');
  // Independent check of the per-SD estimate: statsmodels on a pre-standardised column.
  const ref = py<{ b: number; lo: number }>(
    t,
    `
import pandas as pd
from statsmodels.formula.api import logit
df = pd.DataFrame(data)
df['xz'] = df['x'] / df['x'].std(ddof=1)
r = logit('d ~ xz + age', df).fit(disp=0, method='newton', tol=1e-12)
result = {'b': r.params['xz'], 'lo': r.conf_int().loc['xz', 0]}`,
    rows,
  );
  if (ref) close([z.beta, z.ci_low], [ref.b, ref.lo], 1e-6, 'vs statsmodels');
});

test('associate() with complete-case policy drops rows with missing values and counts them; policy "error" names the row', () => {
  const rows: Row[] = cohort(100, 3).map((r, i) => (i % 10 === 0 ? { ...r, age: null } : i === 5 ? { ...r, x: '' } : r));
  const r = associate(rows, 'y ~ x + age');
  assert.equal(r.n, 89);
  assert.equal(r.n_dropped, 11);
  const complete = rows.filter((_, i) => i % 10 !== 0 && i !== 5);
  close([associate(complete, 'y ~ x + age').beta], [r.beta], 1e-12, 'same as pre-filtered');
  assert.throws(
    () => associate(rows, 'y ~ x + age', { missing: 'error', source: 't.csv' }),
    (e: unknown) => isVesselprintError(e, 'MANIFEST_FIELD') && /t\.csv: row 1: field age/.test(e.message),
  );
});

test('associate() rejects bad input with clear errors', () => {
  const rows = cohort(50, 4);
  assert.throws(() => associate(rows, 'y ~ nope'), /column "nope" does not exist/);
  assert.throws(() => associate(rows, 'y ~ x', { family: 'binomial' }), /binary outcome must be 0 or 1/);
  assert.throws(() => associate(rows, 'y x'), /exactly one "~"/);
  assert.throws(
    () => associate(rows, 'y ~ x + age^2'),
    (e: unknown) => isVesselprintError(e, 'NOT_IMPLEMENTED'),
  );
  assert.throws(() => associate(rows, 'y ~ sex + x'), /categorical/);
  assert.throws(() => associate(rows, 'y ~ x', { family: 'poisson' as 'gaussian' }), /expected one of "gaussian", "binomial"/);
  const sep = Array.from({ length: 40 }, (_, i) => ({ x: i, d: i < 20 ? 0 : 1 }));
  assert.throws(() => associate(sep, 'd ~ x', { family: 'binomial' }), /separation/);
});

test('buildDesign() one-hot encodes labels with the first sorted level as reference (patsy order)', () => {
  const d = buildDesign(
    [
      { y: 1, s: 'b', z: 3 },
      { y: 2, s: 'a', z: 1 },
      { y: 3, s: 'c', z: 2 },
    ],
    parseFormula('y ~ s + C(z)'),
  );
  assert.deepEqual(d.names, ['Intercept', 's[T.b]', 's[T.c]', 'z[T.2]', 'z[T.3]']);
  assert.deepEqual(Array.from(d.x), [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0]);
});

test('benjaminiHochberg/bonferroni/holm match statsmodels multipletests', (t) => {
  const rng = createRng(5);
  const p = Array.from({ length: 40 }, (_, i) => (i < 8 ? rng.uniform() * 0.01 : rng.uniform()));
  p[3] = p[7]!; // a tie
  const ref = py<{ bh: number[]; bon: number[]; holm: number[] }>(
    t,
    `
from statsmodels.stats.multitest import multipletests
p = np.array(data)
result = {k: list(multipletests(p, method=m)[1]) for k, m in [('bh','fdr_bh'),('bon','bonferroni'),('holm','holm')]}`,
    p,
  );
  if (!ref) return;
  close(benjaminiHochberg(p), ref.bh, 1e-12, 'BH');
  close(bonferroni(p), ref.bon, 1e-12, 'Bonferroni');
  close(holm(p), ref.holm, 1e-12, 'Holm');
});

test('benjaminiHochberg() hand example: [0.01, 0.04, 0.03] → [0.03, 0.04, 0.04]; NaN stays NaN', () => {
  close(benjaminiHochberg([0.01, 0.04, 0.03]), [0.03, 0.04, 0.04], 1e-15, 'bh');
  const q = benjaminiHochberg([0.01, NaN, 0.02]);
  assert.ok(Number.isNaN(q[1]));
  close([q[0]!, q[2]!], [0.02, 0.02], 1e-15, 'bh with NaN');
});

test('exposureWide() recovers the true exposure among noise features, keeps failures, and gives a forest structure', () => {
  const rng = createRng(6);
  const rows: Row[] = cohort(400, 6).map((r) => ({ ...r, n1: rng.normal(), n2: rng.normal(), n3: rng.normal(), flat: 1 }));
  const res = exposureWide(rows, 'y', ['x', 'n1', 'n2', 'n3', 'flat'], { covariates: ['age', 'C(sex)'], standardize: true });
  assert.equal(res.rows.length, 5);
  const x = res.rows[0]!;
  assert.ok(x.q_bh < 1e-6 && x.beta > 0);
  assert.match(res.rows[4]!.error!, /constant/);
  assert.equal(res.forest.length, 4);
  assert.equal(res.forest[0]!.nullValue, 0);
  // q-values are BH over the 4 fitted p-values only
  close(
    res.rows.slice(0, 4).map((r) => r.q_bh),
    benjaminiHochberg(res.rows.slice(0, 4).map((r) => r.p)),
    1e-15,
    'q',
  );
});

test('associate() recovers the generative effect of the synthetic cohort: the 95% CI covers the truth in most seeds', () => {
  let coverLin = 0,
    coverLog = 0;
  const seeds = 20;
  for (let s = 0; s < seeds; s++) {
    const rows = cohort(400, 100 + s);
    const lin = associate(rows, 'y ~ x + age + C(sex) + C(site)');
    const lg = associate(rows, 'd ~ x + age + C(sex)', { family: 'binomial' });
    assert.ok(lin.beta > 0 && lg.beta > 0);
    if (lin.ci_low <= 4 && 4 <= lin.ci_high) coverLin++;
    if (lg.ci_low <= 0.6 && 0.6 <= lg.ci_high) coverLog++;
  }
  assert.ok(coverLin >= 16, `linear coverage ${coverLin}/${seeds}`);
  assert.ok(coverLog >= 16, `logistic coverage ${coverLog}/${seeds}`);
});
