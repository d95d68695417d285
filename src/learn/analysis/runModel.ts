/**
 * The prediction analysis behind `vesselprint model`: chooses features, builds the learner,
 * runs grouped stratified (repeated) CV — nested CV over the penalty for `elasticnet` — and
 * returns a JSON-ready report. Pure: rows in, plain object out.
 */
import { VesselprintError } from '../../core/errors.js';
import { isMissing, toNumber, type Row } from '../types.js';
import { crossValidate, inferTask, readOutcome, type CrossValidateResult, type FoldResult } from '../cv/crossValidate.js';
import { groupedHoldout } from '../cv/splits.js';
import { nestedCrossValidate } from '../cv/nested.js';
import { compareModels, type CompareResult } from '../cv/compareModels.js';
import { randomForestLearner, decisionTreeLearner } from '../models/forest.js';
import { gradientBoostingLearner } from '../models/gradientBoosting.js';
import { elasticNetLearner, logisticLearner } from '../models/linearLearners.js';
import type { Learner } from '../models/types.js';
import type { ModelConfig } from './config.js';
import { rocAuc } from '../metrics/ranking.js';
import { aucDelongCi } from '../metrics/delong.js';

/** Report of one prediction analysis (keys are the CLI's JSON contract). */
export interface ModelReport {
  task: 'classification' | 'regression';
  model: string;
  n: number;
  n_dropped: number;
  features: string[];
  categorical: string[];
  auc_mean?: number;
  auc_sd?: number;
  /** DeLong 95% CI of the AUC of the pooled out-of-fold predictions (averaged over repeats). */
  auc_ci_low?: number;
  auc_ci_high?: number;
  auc_pooled?: number;
  /** Stratified bootstrap (1000 resamples) percentile 95% CI of the pooled AUC. */
  auc_boot_ci_low?: number;
  auc_boot_ci_high?: number;
  /** With `baseline`: the baseline model's AUCs and DeLong's test of (model − baseline). */
  baseline?: { features: string[]; auc_mean: number; auc_pooled: number; auc_ci_low: number; auc_ci_high: number };
  delong?: { diff: number; se: number; ci_low: number; ci_high: number; z: number; p: number };
  r2_mean?: number;
  mae_mean?: number;
  rmse_mean?: number;
  /** With `holdout`: the model fitted on all development rows, evaluated once on the held-out rows. */
  holdout?: { n_dev: number; n_test: number; model: string; metrics: Record<string, number> };
  /** Mean of every metric across folds. */
  summary: Record<string, { mean: number; sd: number; n: number }>;
  folds: Record<string, number | string>[];
  /** Out-of-fold predictions: input row (1-based), repeat, fold, y, prediction. */
  predictions: { row: number; repeat: number; fold: number; y: number; pred: number }[];
}

const ID_LIKE = /(^id$|_id$|Id$)/;

/** Default features: numeric columns except outcome, group, categorical, excluded and id-like ones. */
export function defaultFeatures(rows: readonly Row[], cfg: Pick<ModelConfig, 'outcome' | 'group' | 'categorical' | 'exclude'>): string[] {
  const skip = new Set([cfg.outcome, ...(cfg.group ? [cfg.group] : []), ...cfg.categorical, ...cfg.exclude]);
  const cols = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) cols.add(k);
  return [...cols].filter(
    (c) =>
      !skip.has(c) &&
      !ID_LIKE.test(c) &&
      rows.every((r) => isMissing(r[c]) || toNumber(r[c]) !== undefined) &&
      rows.some((r) => !isMissing(r[c])),
  );
}

function num(params: ModelConfig['params'], k: string): number | undefined {
  const v = params[k];
  return typeof v === 'number' ? v : undefined;
}

/** Builds the learner of a model name (with `params` overrides). */
export function learnerFor(cfg: Pick<ModelConfig, 'model' | 'params' | 'seed'>): Learner {
  const p = cfg.params;
  const opt = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  switch (cfg.model) {
    case 'logistic':
      return logisticLearner(opt({ C: num(p, 'C') }));
    case 'elasticnet':
      return elasticNetLearner(opt({ l1Ratio: num(p, 'l1Ratio'), lambdaRatio: num(p, 'lambdaRatio') }));
    case 'rf':
      return randomForestLearner(
        opt({ nTrees: num(p, 'nTrees') ?? 500, maxDepth: num(p, 'maxDepth'), minSamplesLeaf: num(p, 'minSamplesLeaf'), seed: cfg.seed }),
      );
    case 'gbm':
      return gradientBoostingLearner(
        opt({
          nRounds: num(p, 'nRounds') ?? 100,
          learningRate: num(p, 'learningRate'),
          maxDepth: num(p, 'maxDepth'),
          subsample: num(p, 'subsample'),
          seed: cfg.seed,
        }),
      );
    case 'tree':
      return decisionTreeLearner(opt({ maxDepth: num(p, 'maxDepth') ?? 4, minSamplesLeaf: num(p, 'minSamplesLeaf') }));
  }
}

/**
 * Runs the analysis.
 * @example runModel(rows, modelConfigSchema.parse({ table: 't.csv', outcome: 'dm', group: 'subject_id', model: 'rf' }))
 */
export function runModel(rows: readonly Row[], cfg: ModelConfig): ModelReport {
  const features = cfg.features ?? defaultFeatures(rows, cfg);
  if (features.length + cfg.categorical.length === 0)
    throw new VesselprintError('BAD_ARGUMENT', 'no feature columns: pass --features or a table with numeric columns besides the outcome', {
      field: 'features',
    });
  const base = {
    outcome: cfg.outcome,
    ...(cfg.group ? { group: cfg.group } : {}),
    ...(cfg.task ? { task: cfg.task } : {}),
    preprocess: {
      numeric: features,
      categorical: cfg.categorical,
      impute: cfg.preprocess.impute,
      winsorize: cfg.preprocess.winsorize,
      standardize: cfg.preprocess.standardize,
    },
    split: { k: cfg.cv.k, repeats: cfg.cv.repeats, seed: cfg.seed },
    thresholds: cfg.thresholds,
    source: cfg.table,
  };
  // Optional held-out test split (grouped, stratified): CV runs on the development rows only;
  // the final model is fitted on all development rows and evaluated once on the held-out rows.
  let devRows: readonly Row[] = rows;
  let devIndex: number[] | undefined;
  let holdout: ModelReport['holdout'];
  if (cfg.holdout !== undefined) {
    const { keep, y } = readOutcome(rows, cfg.outcome, cfg.table);
    const data = keep.map((i) => rows[i]!);
    const groups = cfg.group ? data.map((r) => String(r[cfg.group!])) : undefined;
    const h = groupedHoldout(y, groups, {
      testFraction: cfg.holdout,
      seed: cfg.seed,
      stratify: (cfg.task ?? inferTask(y)) === 'classification',
    });
    devRows = h.train.map((i) => data[i]!);
    devIndex = h.train.map((i) => keep[i]!);
    const fin = crossValidate(data, {
      ...base,
      learner: learnerFor(cfg),
      folds: [{ repeat: 0, fold: 0, train: h.train, test: h.test }],
      bootstrap: 0,
    });
    holdout = { n_dev: h.train.length, n_test: h.test.length, model: fin.learner, metrics: fin.folds[0]!.metrics };
  }
  let res: Omit<CrossValidateResult, 'folds'> & { folds: (FoldResult & { chosen?: string })[] };
  let comparison: CompareResult | undefined;
  if (cfg.baseline) {
    const bNum = cfg.baseline.filter((c) => !cfg.categorical.includes(c)),
      bCat = cfg.baseline.filter((c) => cfg.categorical.includes(c));
    const learner = learnerFor(cfg);
    comparison = compareModels(
      devRows,
      { ...base, learner },
      { learner, preprocess: { ...base.preprocess, numeric: bNum, categorical: bCat } },
    );
    res = comparison.a;
  } else if (cfg.model === 'elasticnet' && num(cfg.params, 'lambdaRatio') === undefined) {
    const grid = Array.isArray(cfg.params.lambdaRatios) ? cfg.params.lambdaRatios : [0.3, 0.1, 0.03, 0.01, 0.003];
    const l1 = num(cfg.params, 'l1Ratio') ?? 0.5;
    // penalty chosen by inner-CV Brier score (proper scoring rule: AUC alone favours over-shrunk, miscalibrated fits)
    res = nestedCrossValidate(devRows, {
      ...base,
      metric: nestedMetric(devRows, cfg),
      candidates: grid.map((r) => elasticNetLearner({ l1Ratio: l1, lambdaRatio: r })),
    });
  } else {
    res = crossValidate(devRows, { ...base, learner: learnerFor(cfg) });
  }
  if (devIndex) for (const f of res.folds) f.testIndex = f.testIndex.map((i) => devIndex![i]!);
  const folds = res.folds.map((f) => ({
    repeat: f.repeat,
    fold: f.fold,
    n_train: f.nTrain,
    n_test: f.nTest,
    ...(f.chosen ? { chosen: f.chosen } : {}),
    ...f.metrics,
  }));
  const predictions = res.folds.flatMap((f) =>
    f.testIndex.map((row, k) => ({ row: row + 1, repeat: f.repeat, fold: f.fold, y: f.yTrue[k]!, pred: f.yPred[k]! })),
  );
  const report: ModelReport = {
    task: res.task,
    model: res.learner,
    n: res.n,
    n_dropped: res.nDropped,
    features,
    categorical: cfg.categorical,
    summary: res.summary,
    folds,
    predictions,
  };
  if (holdout) {
    report.holdout = holdout;
    report.n_dropped = rows.length - res.n - holdout.n_test;
  }
  if (res.task === 'classification') {
    report.auc_mean = res.summary.auc?.mean ?? NaN;
    report.auc_sd = res.summary.auc?.sd ?? NaN;
    const pooled = res.pooled ?? pooledFromFolds(res.folds);
    report.auc_ci_low = pooled.ciLow;
    report.auc_ci_high = pooled.ciHigh;
    report.auc_pooled = pooled.auc;
    if (res.pooled?.bootCiLow !== undefined) {
      report.auc_boot_ci_low = res.pooled.bootCiLow;
      report.auc_boot_ci_high = res.pooled.bootCiHigh!;
    }
    if (comparison) {
      const b = comparison.b,
        d = comparison.delong;
      report.baseline = {
        features: cfg.baseline!,
        auc_mean: b.summary.auc?.mean ?? NaN,
        auc_pooled: b.pooled!.auc,
        auc_ci_low: b.pooled!.ciLow,
        auc_ci_high: b.pooled!.ciHigh,
      };
      report.delong = { diff: d.diff, se: d.se, ci_low: d.ciLow, ci_high: d.ciHigh, z: d.z, p: d.p };
    }
  } else {
    report.r2_mean = res.summary.r2!.mean;
    report.mae_mean = res.summary.mae!.mean;
    report.rmse_mean = res.summary.rmse!.mean;
  }
  return report;
}

/** Inner-CV selection metric: Brier (minimised) for a 0/1 outcome, R² otherwise. */
function nestedMetric(rows: readonly Row[], cfg: ModelConfig): string {
  if (cfg.task) return cfg.task === 'classification' ? '-brier' : 'r2';
  const binary = rows.every(
    (r) => isMissing(r[cfg.outcome]) || r[cfg.outcome] === 0 || r[cfg.outcome] === 1 || r[cfg.outcome] === '0' || r[cfg.outcome] === '1',
  );
  return binary ? '-brier' : 'r2';
}

/** Pooled OOF AUC + DeLong CI from fold results (predictions averaged per row over repeats). */
function pooledFromFolds(folds: readonly FoldResult[]): { auc: number; ciLow: number; ciHigh: number } {
  const sum = new Map<number, [number, number, number]>();
  for (const f of folds)
    f.testIndex.forEach((r, k) => {
      const s = sum.get(r) ?? [0, 0, f.yTrue[k]!];
      s[0] += f.yPred[k]!;
      s[1] += 1;
      sum.set(r, s);
    });
  const v = [...sum.values()];
  const y = v.map((s) => s[2]),
    p = v.map((s) => s[0] / s[1]);
  const ci = aucDelongCi(y, p);
  return { auc: rocAuc(y, p), ciLow: ci.ciLow, ciHigh: ci.ciHigh };
}
