import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { rocAuc, averagePrecision } from '../../src/learn/metrics/ranking.js';
import { confusionCounts, metricsFromCounts } from '../../src/segment/metrics/confusion.js';
import { clDice } from '../../src/segment/metrics/clDice.js';
import { evaluateSegmentation } from '../../src/segment/metrics/evaluate.js';
import { py } from './pyOracle.js';

function randomCase(seed: number, n: number, decimals: number) {
  const rng = createRng(seed);
  const scores: number[] = [];
  const labels: number[] = [];
  const mask: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = rng.bernoulli(0.3) ? 1 : 0;
    const s = rng.normal(y ? 0.8 : 0, 1);
    scores.push(decimals >= 0 ? Math.round(s * 10 ** decimals) / 10 ** decimals : s);
    labels.push(y);
    mask.push(rng.bernoulli(0.8) ? 1 : 0);
  }
  return { scores, labels, mask };
}

test('rocAuc / averagePrecision / threshold metrics match scikit-learn to 1e-9 on random inputs (with and without ties, inside a mask)', (t) => {
  const cases = [randomCase(1, 3000, -1), randomCase(2, 3000, 1), randomCase(3, 500, 0), randomCase(4, 2000, 2)];
  const ref = py<Array<Record<string, number>>>(
    t,
    'sklearn',
    `from sklearn import metrics as M
result = []
for c in data:
    m = np.array(c['mask']) == 1
    s = np.array(c['scores'])[m]; y = np.array(c['labels'])[m]
    p = (s >= 0.5).astype(int)
    result.append(dict(auc=M.roc_auc_score(y, s), ap=M.average_precision_score(y, s), f1=M.f1_score(y, p),
      acc=M.accuracy_score(y, p), sens=M.recall_score(y, p), spec=M.recall_score(1 - y, 1 - p),
      mcc=M.matthews_corrcoef(y, p), iou=M.jaccard_score(y, p), prec=M.precision_score(y, p)))`,
    cases,
  );
  if (!ref) return;
  cases.forEach((c, k) => {
    const r = ref[k]!;
    const auc = rocAuc(c.labels, c.scores, { mask: c.mask });
    const ap = averagePrecision(c.labels, c.scores, { mask: c.mask });
    const pred = c.scores.map((s) => (s >= 0.5 ? 1 : 0));
    const m = metricsFromCounts(confusionCounts(pred, c.labels, c.mask));
    const pairs: Array<[string, number, number]> = [
      ['auc', auc, r.auc!],
      ['ap', ap, r.ap!],
      ['f1', m.dice, r.f1!],
      ['acc', m.accuracy, r.acc!],
      ['sens', m.sensitivity, r.sens!],
      ['spec', m.specificity, r.spec!],
      ['mcc', m.mcc, r.mcc!],
      ['iou', m.iou, r.iou!],
      ['prec', m.precision, r.prec!],
    ];
    for (const [name, a, b] of pairs) assert.ok(Math.abs(a - b) <= 1e-9, `case ${k} ${name}: ${a} vs sklearn ${b}`);
  });
});

test('rocAuc of a hand-computed example with a tie is 0.8125 (Mann–Whitney with ½ per tie)', () => {
  // pos {0.5, 0.9}, neg {0.1, 0.5, 0.7, 0.2}:
  // 0.5 vs {0.1 win, 0.5 tie, 0.7 lose, 0.2 win} = 2.5 ; 0.9 vs all = 4 → 6.5 / 8 = 0.8125
  assert.equal(rocAuc([1, 1, 0, 0, 0, 0], [0.5, 0.9, 0.1, 0.5, 0.7, 0.2]), 0.8125);
});

test('rocAuc(yTrue, yScore) with one class only follows the named policy: an error by default, NaN with oneClass: "nan"', () => {
  assert.throws(() => rocAuc([1, 1], [0.1, 0.2]), /rocAuc: needs both classes, got 2 positives and 0 negatives/);
  assert.throws(() => averagePrecision([0, 0], [0.1, 0.2]), /averagePrecision: needs both classes, got 0 positives/);
  assert.ok(Number.isNaN(rocAuc([1, 1], [0.1, 0.2], { oneClass: 'nan' })));
  assert.ok(Number.isNaN(averagePrecision([0, 0], [0.1, 0.2], { oneClass: 'nan' })));
  assert.equal(averagePrecision([1, 1], [0.1, 0.2]), 1); // all positive: precision 1 at every threshold (scikit-learn)
  assert.throws(() => rocAuc([0, 1], [0.1, 0.2], { oneClass: 'skip' as 'nan' }), /expected one of "error", "nan", got "skip"/);
});

test('metricsFromCounts({tp:1,fp:1,tn:1,fn:1}) gives dice 0.5, mcc 0 and follows zero_division=0', () => {
  const m = metricsFromCounts({ tp: 1, fp: 1, tn: 1, fn: 1 });
  assert.equal(m.dice, 0.5);
  assert.equal(m.mcc, 0);
  assert.equal(m.iou, 1 / 3);
  const z = metricsFromCounts({ tp: 0, fp: 0, tn: 5, fn: 0 });
  assert.equal(z.dice, 0);
  assert.equal(z.sensitivity, 0);
  assert.equal(z.specificity, 1);
});

function barMask(w: number, h: number, rows: [number, number], cols: [number, number]): Uint8Array {
  const d = new Uint8Array(w * h);
  for (let r = rows[0]; r < rows[1]; r++) for (let c = cols[0]; c < cols[1]; c++) d[r * w + c] = 1;
  return d;
}

test('clDice(mask, mask) is 1 and clDice of a prediction covering half of a line is 2/3', () => {
  const W = 40,
    H = 20;
  const truth = { data: barMask(W, H, [8, 11], [5, 35]), width: W, height: H };
  assert.equal(clDice(truth, truth).cldice, 1);
  // prediction: the same bar but only its left half; Tprec = 1 (its skeleton lies in the truth),
  // Tsens ≈ 1/2 (half of the truth skeleton is covered) → clDice ≈ 2/3
  const half = { data: barMask(W, H, [8, 11], [5, 20]), width: W, height: H };
  const r = clDice(half, truth);
  assert.equal(r.tprec, 1);
  assert.ok(Math.abs(r.tsens - 0.5) < 0.06, `tsens ${r.tsens}`);
  assert.ok(Math.abs(r.cldice - 2 / 3) < 0.04, `cldice ${r.cldice}`);
});

test('evaluateSegmentation(): oracle Dice equals the best Dice found by brute force over all thresholds, and FOV pixels are the only ones counted', () => {
  const rng = createRng(11);
  const W = 30,
    H = 20,
    n = W * H;
  const truth = new Uint8Array(n),
    fov = new Uint8Array(n),
    s = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    truth[i] = rng.bernoulli(0.25) ? 1 : 0;
    fov[i] = i % W > 2 ? 1 : 0;
    s[i] = Math.round((truth[i] ? rng.range(0.3, 1) : rng.range(0, 0.7)) * 20) / 20;
  }
  // outside the FOV: perfect "errors" that must not count
  for (let i = 0; i < n; i++) if (!fov[i]) s[i] = truth[i] ? 0 : 1;
  const ev = evaluateSegmentation(
    { data: s, width: W, height: H, channels: 1 },
    { data: truth, width: W, height: H },
    { data: fov, width: W, height: H },
  );
  let best = 0;
  for (const t of new Set(Array.from(s))) {
    const m = metricsFromCounts(
      confusionCounts(
        Array.from(s, (v) => (v >= t ? 1 : 0)),
        truth,
        fov,
      ),
    );
    best = Math.max(best, m.dice);
  }
  assert.ok(Math.abs(ev.oracleDice - best) < 1e-12, `${ev.oracleDice} vs ${best}`);
  assert.equal(
    ev.nPixels,
    fov.reduce((a, b) => a + b, 0),
  );
  assert.equal(ev.auc, rocAuc(truth, s, { mask: fov }));
  const at = metricsFromCounts(
    confusionCounts(
      Array.from(s, (v) => (v >= 0.5 ? 1 : 0)),
      truth,
      fov,
    ),
  );
  assert.equal(ev.dice, at.dice);
});
