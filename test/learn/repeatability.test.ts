import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { iccWithCi, twoWayAnova } from '../../src/learn/stats/icc.js';
import { blandAltman } from '../../src/learn/stats/blandAltman.js';
import { repeatability } from '../../src/learn/stats/repeatability.js';
import { blandAltmanFigure } from '../../src/plot/blandAltman.js';
import { fromRows, type Row } from '../../src/learn/types.js';
import { close, py } from './pyOracle.js';

// Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges.
const SF = fromRows([
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
]);

test('iccWithCi(Shrout & Fleiss 1979 Table 2) gives the published ICC(2,1)=.29 and ICC(3,1)=.71', () => {
  const r = iccWithCi(SF);
  assert.equal(r.icc2.toFixed(2), '0.29');
  assert.equal(r.icc3.toFixed(2), '0.71');
  // Table 2 (ANOVA): BMS 11.24, JMS 32.49, EMS 1.02 (published, two decimals).
  assert.equal(r.msr.toFixed(2), '11.24');
  assert.equal(r.msc.toFixed(2), '32.49');
  assert.equal(r.mse.toFixed(2), '1.02');
  assert.ok(r.icc2CiLow < r.icc2 && r.icc2 < r.icc2CiHigh && r.icc3CiLow < r.icc3 && r.icc3 < r.icc3CiHigh);
});

test('iccWithCi() CIs equal McGraw & Wong (1996) formulas evaluated with scipy F quantiles', (t) => {
  const rng = createRng(3);
  const cases = [
    SF,
    fromRows(
      Array.from({ length: 25 }, () => {
        const s = rng.normal(0, 2);
        return [s + rng.normal(), s + 0.5 + rng.normal()];
      }),
    ),
  ];
  const ref = py<number[][]>(
    t,
    `
from scipy.stats import f
result = []
for c in data:
    m = np.array(c); n, k = m.shape; g = m.mean()
    ssr = k*((m.mean(1)-g)**2).sum(); ssc = n*((m.mean(0)-g)**2).sum(); sst = ((m-g)**2).sum()
    msr, msc = ssr/(n-1), ssc/(k-1); mse = (sst-ssr-ssc)/((n-1)*(k-1))
    icc3 = (msr-mse)/(msr+(k-1)*mse); f0 = msr/mse
    fl = f0/f.ppf(.975, n-1, (n-1)*(k-1)); fu = f0*f.ppf(.975, (n-1)*(k-1), n-1)
    icc2 = (msr-mse)/(msr+(k-1)*mse+k*(msc-mse)/n)
    a = k*icc2/(n*(1-icc2)); b = 1+k*icc2*(n-1)/(n*(1-icc2))
    v = (a*msc+b*mse)**2/((a*msc)**2/(k-1)+(b*mse)**2/((n-1)*(k-1)))
    fs = f.ppf(.975, n-1, v); fss = f.ppf(.975, v, n-1)
    lo2 = n*(msr-fs*mse)/(fs*(k*msc+(k*n-k-n)*mse)+n*msr); hi2 = n*(fss*msr-mse)/(k*msc+(k*n-k-n)*mse+n*fss*msr)
    result.append([icc2, lo2, hi2, icc3, (fl-1)/(fl+k-1), (fu-1)/(fu+k-1)])
`,
    cases.map((m) => Array.from({ length: m.nRows }, (_, i) => Array.from(m.data.subarray(i * m.nCols, (i + 1) * m.nCols)))),
  );
  if (!ref) return;
  cases.forEach((m, c) => {
    const r = iccWithCi(m);
    close([r.icc2, r.icc2CiLow, r.icc2CiHigh, r.icc3, r.icc3CiLow, r.icc3CiHigh], ref[c]!, 1e-9, `case ${c}`);
  });
});

test('iccWithCi() brute force: 95% CIs cover the true ICC(2,1) and ICC(3,1) in ≈95% of 400 simulated studies', () => {
  const rng = createRng(17);
  const sS = 1.5,
    sO = 0.7,
    sE = 1; // subject, occasion (random), error SDs
  const true2 = sS ** 2 / (sS ** 2 + sO ** 2 + sE ** 2),
    true3 = sS ** 2 / (sS ** 2 + sE ** 2);
  let cov2 = 0,
    cov3 = 0,
    mean2 = 0;
  const reps = 400,
    n = 30,
    k = 3;
  for (let r = 0; r < reps; r++) {
    const occ = Array.from({ length: k }, () => rng.normal(0, sO));
    const data = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      const s = rng.normal(0, sS);
      for (let j = 0; j < k; j++) data[i * k + j] = 10 + s + occ[j]! + rng.normal(0, sE);
    }
    const e = iccWithCi({ data, nRows: n, nCols: k });
    if (e.icc2CiLow <= true2 && true2 <= e.icc2CiHigh) cov2++;
    if (e.icc3CiLow <= true3 && true3 <= e.icc3CiHigh) cov3++;
    mean2 += e.icc2 / reps;
  }
  assert.ok(cov3 / reps > 0.92 && cov3 / reps < 0.98, `ICC(3,1) coverage ${cov3 / reps}`);
  assert.ok(cov2 / reps > 0.9 && cov2 / reps < 0.995, `ICC(2,1) coverage ${cov2 / reps}`);
  assert.ok(Math.abs(mean2 - true2) < 0.05, `mean ICC(2,1) ${mean2} vs true ${true2}`);
});

test('twoWayAnova() rejects a single occasion and a non-finite value', () => {
  assert.throws(
    () => twoWayAnova(fromRows([[1], [2]])),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT'),
  );
  assert.throws(
    () =>
      twoWayAnova(
        fromRows([
          [1, 2],
          [NaN, 3],
        ]),
      ),
    /subject 2, occasion 1/,
  );
});

test('blandAltman([10,12,11,13], [9,12,10,12]) matches the hand computation', () => {
  const r = blandAltman([10, 12, 11, 13], [9, 12, 10, 12]);
  // d = 1,0,1,1: bias 0.75, SD 0.5; LoA 0.75 ± 1.959964·0.5; CI bias ± t(3)·0.5/2, LoA ± t(3)·√(3·0.25/4).
  const t3 = 3.182446305284263,
    z = 1.959963984540054;
  assert.equal(r.n, 4);
  close([r.bias, r.sd, r.loaLow, r.loaHigh], [0.75, 0.5, 0.75 - z * 0.5, 0.75 + z * 0.5], 1e-12, 'bias/sd/loa');
  close(r.biasCi, [0.75 - t3 * 0.25, 0.75 + t3 * 0.25], 1e-9, 'biasCi');
  const se = Math.sqrt(0.75 / 4);
  close([...r.loaLowCi, ...r.loaHighCi], [r.loaLow - t3 * se, r.loaLow + t3 * se, r.loaHigh - t3 * se, r.loaHigh + t3 * se], 1e-9, 'loaCi');
  assert.throws(
    () => blandAltman([1, 2], [1, 2, 3]),
    (e) => isVesselprintError(e, 'SHAPE_MISMATCH'),
  );
  assert.throws(
    () => blandAltman([1, 2, NaN], [1, 2, 3]),
    (e) => isVesselprintError(e, 'EMPTY_INPUT'),
  );
});

test('blandAltman() brute force: 95% CI of the bias covers the true offset in ≈95% of 400 simulations, LoA cover ≈95% of new pairs', () => {
  const rng = createRng(5);
  let cover = 0,
    inside = 0,
    total = 0;
  for (let r = 0; r < 400; r++) {
    const a: number[] = [],
      b: number[] = [];
    for (let i = 0; i < 40; i++) {
      const s = rng.normal(100, 10);
      a.push(s + 2 + rng.normal(0, 1));
      b.push(s + rng.normal(0, 1));
    }
    const ba = blandAltman(a, b);
    if (ba.biasCi[0] <= 2 && 2 <= ba.biasCi[1]) cover++;
    for (let j = 0; j < 20; j++) {
      const d = 2 + rng.normal(0, 1) - rng.normal(0, 1);
      if (d >= ba.loaLow && d <= ba.loaHigh) inside++;
      total++;
    }
  }
  assert.ok(cover / 400 > 0.92 && cover / 400 < 0.98, `bias CI coverage ${cover / 400}`);
  assert.ok(inside / total > 0.93 && inside / total < 0.96, `LoA coverage ${inside / total}`);
});

test('repeatability(rows) pivots by subject × occasion, ranks features by ICC and reports per-feature failures', () => {
  const rng = createRng(9);
  const rows: Row[] = [];
  for (let s = 0; s < 30; s++) {
    const good = rng.normal(0, 3),
      bad = rng.normal(0, 1);
    for (const visit of ['v1', 'v2'])
      rows.push({
        id: `s${s}`,
        visit,
        good: good + rng.normal(0, 0.3) + (visit === 'v2' ? 0.5 : 0),
        noisy: bad + rng.normal(0, 2),
        label: 'x',
      });
  }
  const r = repeatability(rows, { id: 'id', by: 'visit', features: ['noisy', 'good', 'label'] });
  assert.deepEqual(r.levels, ['v1', 'v2']);
  assert.deepEqual(
    r.rows.map((x) => x.feature),
    ['good', 'noisy', 'label'],
  );
  assert.equal(r.rows[0]!.n, 30);
  assert.ok(r.rows[0]!.icc2 > 0.9 && r.rows[1]!.icc2 < 0.4);
  assert.ok(r.rows[0]!.ba_bias > 0.3 && r.rows[0]!.ba_bias < 0.7, 'v2 − v1 offset ≈ 0.5');
  assert.ok(r.rows[0]!.icc3 >= r.rows[0]!.icc2, 'consistency ignores the offset');
  assert.match(r.rows[2]!.error ?? '', /expected a number/);
  assert.throws(
    () => repeatability([...rows, { id: 's0', visit: 'v1', good: 1, noisy: 1 }], { id: 'id', by: 'visit', features: ['good'] }),
    /two rows for visit = "v1"/,
  );
});

test('blandAltmanFigure(a, b) draws one point per pair and bias/LoA lines at the computed values', () => {
  const fig = blandAltmanFigure([10, 12, 11, 13], [9, 12, 10, 12], { xLabel: 'CRAE (µm)', title: 'agreement' });
  const tr = fig.data[0]!;
  assert.deepEqual(tr.x, [9.5, 12, 10.5, 12.5]);
  assert.deepEqual(tr.y, [1, 0, 1, 1]);
  const shapes = fig.layout.shapes as { type: string; y0: number }[];
  const lines = shapes.filter((s) => s.type === 'line').map((s) => s.y0);
  assert.deepEqual(lines, [0.75, Number((0.75 - 0.979982).toPrecision(6)), Number((0.75 + 0.979982).toPrecision(6))]);
  assert.equal((fig.layout.xaxis as { title: { text: string } }).title.text, 'CRAE (µm)');
});
