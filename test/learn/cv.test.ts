import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { groupedHoldout, groupedStratifiedKFold } from '../../src/learn/cv/splits.js';
import { crossValidate, type Preprocessing } from '../../src/learn/cv/crossValidate.js';
import { nestedCrossValidate } from '../../src/learn/cv/nested.js';
import { compareModels } from '../../src/learn/cv/compareModels.js';
import { delongTest } from '../../src/learn/metrics/delong.js';
import { fitPreprocessor, transform } from '../../src/learn/preprocess/preprocessor.js';
import { elasticNetLearner, logisticLearner } from '../../src/learn/models/linearLearners.js';
import { randomForestLearner } from '../../src/learn/models/forest.js';
import type { Learner } from '../../src/learn/models/types.js';
import type { Row } from '../../src/learn/types.js';
import { close } from './pyOracle.js';

/** Synthetic cohort: 2–3 images per subject, subject-level outcome, features with missing values. */
function cohort(nSubjects: number, seed: number): Row[] {
  const rng = createRng(seed);
  const rows: Row[] = [];
  for (let s = 0; s < nSubjects; s++) {
    const dm = rng.bernoulli(0.35) ? 1 : 0;
    const age = rng.range(40, 80);
    const sex = rng.bernoulli(0.5) ? 'M' : 'F';
    const site = ['A', 'B', 'C'][rng.int(0, 2)]!;
    const nImg = rng.int(2, 3);
    for (let k = 0; k < nImg; k++) {
      rows.push({
        subject: `S${s}`,
        dm,
        age,
        sex,
        site,
        vd: rng.bernoulli(0.05) ? null : 0.3 - 0.05 * dm + 0.02 * rng.normal(),
        fd: 1.6 - 0.08 * dm + 0.05 * rng.normal(),
        tort: rng.normal(),
        sbp: 120 + 0.5 * age + 10 * dm + rng.normal(0, 8),
      });
    }
  }
  return rows;
}

test('groupedStratifiedKFold(): subjects never straddle folds, every row is tested once per repeat, strata are balanced, seeded', () => {
  const rows = cohort(90, 1);
  const y = rows.map((r) => r.dm as number),
    g = rows.map((r) => r.subject as string);
  const folds = groupedStratifiedKFold(y, g, { k: 5, repeats: 2, seed: 3 });
  assert.equal(folds.length, 10);
  for (const r of [0, 1]) {
    const seen = new Array<number>(rows.length).fill(0);
    for (const f of folds.filter((x) => x.repeat === r)) {
      const testSubjects = new Set(f.test.map((i) => g[i]));
      assert.ok(
        f.train.every((i) => !testSubjects.has(g[i]!)),
        'a subject is in train and test',
      );
      assert.equal(f.train.length + f.test.length, rows.length);
      f.test.forEach((i) => seen[i]!++);
      const prev = f.test.reduce((a, i) => a + y[i]!, 0) / f.test.length;
      const all = y.reduce((a, b) => a + b, 0) / y.length;
      assert.ok(Math.abs(prev - all) < 0.08, `fold prevalence ${prev} vs ${all}`);
    }
    assert.ok(seen.every((c) => c === 1));
  }
  assert.deepEqual(groupedStratifiedKFold(y, g, { k: 5, repeats: 2, seed: 3 }), folds);
  assert.notDeepEqual(folds[0]!.test, folds[5]!.test);
  const h = groupedHoldout(y, g, { testFraction: 0.2, seed: 1 });
  assert.ok(h.test.length > 0.12 * rows.length && h.test.length < 0.28 * rows.length);
  assert.throws(() => groupedStratifiedKFold([0, 1, 0], ['a', 'a', 'b'], { k: 5 }), /only 2 subjects for 5 folds/);
});

test('fitPreprocessor(): median imputation, type-7 winsorising limits, z-score and one-hot by hand', () => {
  const rows: Row[] = [
    { a: 1, c: 'x' },
    { a: 2, c: 'y' },
    { a: null, c: 'y' },
    { a: 10, c: null },
    { a: 3, c: 'y' },
  ];
  const s = fitPreprocessor(rows, { numeric: ['a'], categorical: ['c'], winsorize: [0, 0.75] });
  const a = s.numeric[0]!;
  assert.equal(a.fill, 2.5); // median of 1,2,3,10
  assert.equal(a.hi, 4.75); // type-7 0.75 quantile of 1,2,3,10
  const filled = [1, 2, 2.5, 4.75, 3],
    m = filled.reduce((x, y) => x + y, 0) / 5;
  close([a.mean, a.sd], [m, Math.sqrt(filled.reduce((x, y) => x + (y - m) ** 2, 0) / 4)], 1e-12, 'z');
  assert.deepEqual(s.categorical[0], { column: 'c', reference: 'y', levels: ['x'] });
  const t = transform(s, [
    { a: 100, c: 'z' },
    { a: null, c: 'x' },
  ]);
  close(Array.from(t.data), [(4.75 - m) / a.sd, 0, (2.5 - m) / a.sd, 1], 1e-12, 'transform');
  assert.throws(() => fitPreprocessor([{ a: 'high' }], { numeric: ['a'] }), /row 1: field a: expected a number/);
});

test('crossValidate(): no statistic is ever computed on rows outside the training fold (access trace + invariance)', () => {
  const base = cohort(60, 2);
  // Every row is a proxy that records its index whenever a field is read while a fit is running.
  let fitting = false;
  const readDuringFit = new Set<number>();
  const traced: Row[] = base.map(
    (r, i) =>
      new Proxy(r, {
        get(target, prop, recv) {
          if (fitting) readDuringFit.add(i);
          return Reflect.get(target, prop, recv) as unknown;
        },
      }),
  );
  const fitsSeen: { nTrainMatrix: number }[] = [];
  const pp: Preprocessing = {
    fit(rows, spec) {
      fitting = true;
      try {
        return fitPreprocessor(rows, spec);
      } finally {
        fitting = false;
      }
    },
    transform,
  };
  const inner = elasticNetLearner({ lambdaRatio: 0.05 });
  const learner: Learner = {
    kind: 'traced',
    fit(x, y, task) {
      fitting = true;
      try {
        const m = inner.fit(x, y, task);
        fitsSeen.push({ nTrainMatrix: x.nRows });
        return m;
      } finally {
        fitting = false;
      }
    },
  };
  const y = base.map((r) => r.dm as number),
    g = base.map((r) => r.subject as string);
  const folds = groupedStratifiedKFold(y, g, { k: 4, seed: 1 });
  for (const f of folds) {
    readDuringFit.clear();
    const res = crossValidate(traced, {
      outcome: 'dm',
      group: 'subject',
      preprocess: { numeric: ['vd', 'fd', 'tort', 'age'], categorical: ['sex', 'site'], winsorize: [0.05, 0.95] },
      learner,
      folds: [f],
      preprocessing: pp,
      keepModels: true,
    });
    const train = new Set(f.train);
    assert.ok(readDuringFit.size > 0);
    for (const i of readDuringFit) assert.ok(train.has(i), `row ${i} (test fold) was read while fitting`);
    assert.equal(res.folds[0]!.state!.nFit, f.train.length);
    assert.equal(fitsSeen.at(-1)!.nTrainMatrix, f.train.length);
  }
  // Invariance: wrecking the test rows of a fold changes nothing fitted in that fold.
  const f0 = folds[0]!;
  const wrecked: Row[] = base.map((r, i) =>
    f0.test.includes(i) ? { ...r, vd: 1e6, fd: null, tort: -1e6, age: 500, sex: 'unknown', site: 'Z' } : r,
  );
  const opts = {
    outcome: 'dm',
    group: 'subject',
    preprocess: { numeric: ['vd', 'fd', 'tort', 'age'], categorical: ['sex', 'site'], winsorize: [0.05, 0.95] as const },
    learner: inner,
    folds: [f0],
    keepModels: true,
  };
  const a = crossValidate(base, opts).folds[0]!,
    b = crossValidate(wrecked, opts).folds[0]!;
  assert.deepEqual(b.state, a.state);
  const trainRows = f0.train.map((i) => base[i]!);
  assert.deepEqual(b.model!.predict(transform(b.state!, trainRows)), a.model!.predict(transform(a.state!, trainRows)));
  // ...whereas fitting on all rows (the leak) would have changed the state:
  assert.notDeepEqual(fitPreprocessor(wrecked, opts.preprocess), fitPreprocessor(base, opts.preprocess));
});

test('crossValidate() on the synthetic cohort: the fingerprint predicts dm (AUC well above 0.5) and regression reports r2/mae/rmse', () => {
  const rows = cohort(150, 3);
  const res = crossValidate(rows, {
    outcome: 'dm',
    group: 'subject',
    preprocess: { numeric: ['vd', 'fd', 'tort', 'age'], categorical: ['sex'] },
    learner: logisticLearner(),
    split: { k: 5, repeats: 2, seed: 1 },
  });
  assert.equal(res.task, 'classification');
  assert.equal(res.folds.length, 10);
  assert.ok(res.summary.auc!.mean > 0.8, `auc ${res.summary.auc!.mean}`);
  assert.ok(res.pooled!.ciLow < res.pooled!.auc && res.pooled!.auc < res.pooled!.ciHigh);
  for (const k of ['ap', 'brier', 'calibration_slope', 'calibration_intercept', 'sens_at_0.5', 'spec_at_0.5', 'auc_ci_low'])
    assert.ok(Number.isFinite(res.summary[k]!.mean), k);
  const reg = crossValidate(rows, {
    outcome: 'sbp',
    group: 'subject',
    preprocess: { numeric: ['age', 'vd', 'fd'] },
    learner: randomForestLearner({ nTrees: 30, seed: 2 }),
    split: { k: 3, seed: 1 },
  });
  assert.equal(reg.task, 'regression');
  assert.ok(reg.summary.r2!.mean > 0.2 && reg.summary.mae!.mean > 0 && reg.summary.rmse!.mean >= reg.summary.mae!.mean);
});

test('nestedCrossValidate() chooses a penalty per outer fold from inner folds of the outer training rows only', () => {
  const rows = cohort(80, 4).map((r, i) => ({ ...r, noise1: (i * 7919) % 13, noise2: (i * 104729) % 17 }));
  const candidates = [0.5, 0.1, 0.01].map((r) => elasticNetLearner({ l1Ratio: 1, lambdaRatio: r }));
  const res = nestedCrossValidate(rows, {
    outcome: 'dm',
    group: 'subject',
    preprocess: { numeric: ['vd', 'fd', 'tort', 'noise1', 'noise2'] },
    candidates,
    split: { k: 4, seed: 2 },
  });
  assert.equal(res.folds.length, 4);
  for (const f of res.folds) {
    assert.ok(candidates.some((c) => c.kind === f.chosen));
    assert.equal(Object.keys(f.innerScores).length, 3);
    const best = Math.max(...Object.values(f.innerScores));
    assert.equal(f.innerScores[f.chosen], best);
  }
  assert.ok(res.summary.auc!.mean > 0.75);
  const tested = res.folds.flatMap((f) => f.testIndex).sort((a, b) => a - b);
  assert.deepEqual(
    tested,
    rows.map((_, i) => i),
  );
});

test('compareModels(): DeLong test of fingerprint+covariates vs covariates on identical folds equals delongTest on the two out-of-fold predictions', () => {
  const rows = cohort(120, 5);
  const learner = logisticLearner();
  const a = { outcome: 'dm', group: 'subject', preprocess: { numeric: ['vd', 'fd', 'age'] }, learner, split: { k: 4, seed: 3 } };
  const cmp = compareModels(rows, a, { learner, preprocess: { numeric: ['age'] } });
  assert.ok(cmp.delong.p < 1e-3 && cmp.delong.diff > 0.2, JSON.stringify(cmp.delong));
  // independent recomputation: same folds, separate CV runs, then the DeLong test on their predictions
  const y = rows.map((r) => r.dm as number),
    g = rows.map((r) => r.subject as string);
  const folds = groupedStratifiedKFold(y, g, { k: 4, seed: 3, stratify: true });
  const ra = crossValidate(rows, { ...a, folds }),
    rb = crossValidate(rows, { ...a, preprocess: { numeric: ['age'] }, folds });
  const pred = (r: typeof ra): number[] => {
    const p = new Array<number>(rows.length);
    r.folds.forEach((f) =>
      f.testIndex.forEach((i, k) => {
        p[i] = f.yPred[k]!;
      }),
    );
    return p;
  };
  const d = delongTest(y, pred(ra), pred(rb));
  close([cmp.delong.diff, cmp.delong.se, cmp.delong.p], [d.diff, d.se, d.p], 1e-12, 'delong');
  assert.ok(ra.pooled!.bootCiLow! < ra.pooled!.auc && ra.pooled!.auc < ra.pooled!.bootCiHigh!);
});
