/**
 * Cross-validated prediction from a feature table. For every fold the preprocessing and the
 * model are fitted on the training rows only (the functions receive nothing else), then
 * applied to the test rows: no statistic is computed on rows outside the training fold.
 * The result is pure data; logging (one MLflow run, folds as nested runs) is the caller's job:
 * log `summary` as metrics of the parent run and each `folds[i].metrics` in a nested run named
 * `repeat{r}-fold{k}` with params `{ repeat, fold, n_train, n_test }`.
 * The pooled AUC gets a DeLong CI and a stratified bootstrap percentile CI (seeded by the split seed).
 */
import { VesselprintError } from '../../core/errors.js';
import { isMissing, toNumber, type Row, type Task } from '../types.js';
import { fitPreprocessor, transform, type PreprocessSpec, type PreprocessState } from '../preprocess/preprocessor.js';
import type { FittedModel, Learner } from '../models/types.js';
import { groupedStratifiedKFold, type Fold, type SplitOptions } from './splits.js';
import { foldMetrics, summarize, type Metrics } from './evaluate.js';
import { rocAuc } from '../metrics/ranking.js';
import { aucDelongCi } from '../metrics/delong.js';
import { aucBootstrapCi } from '../metrics/bootstrap.js';

/** The preprocessing step, injectable (default: {@link fitPreprocessor}/{@link transform}). */
export interface Preprocessing {
  fit(rows: readonly Row[], spec: PreprocessSpec): PreprocessState;
  transform(state: PreprocessState, rows: readonly Row[]): ReturnType<typeof transform>;
}

export interface CrossValidateOptions {
  outcome: string;
  /** Preprocessing (numeric/categorical columns, imputation, winsorising, z-score). */
  preprocess: PreprocessSpec;
  learner: Learner;
  /** Subject id column: rows of a subject stay in one fold. Default: each row its own subject. */
  group?: string;
  /** Default: classification when the outcome is 0/1, else regression. */
  task?: Task;
  split?: SplitOptions;
  /** Use these folds instead of generating them. */
  folds?: Fold[];
  /** Thresholds for sensitivity/specificity. Default [0.5]. */
  thresholds?: number[];
  /** Keep the fitted state and model of each fold. Default false. */
  keepModels?: boolean;
  preprocessing?: Preprocessing;
  /** Table name for error messages. */
  source?: string;
  /** Bootstrap resamples for the pooled AUC's percentile CI (0 = off). Default 1000. */
  bootstrap?: number;
}

export interface FoldResult {
  repeat: number;
  fold: number;
  nTrain: number;
  nTest: number;
  /** Row indices (into the input rows) of the test fold and their predictions. */
  testIndex: number[];
  yTrue: number[];
  yPred: number[];
  metrics: Metrics;
  state?: PreprocessState;
  model?: FittedModel;
}

export interface CrossValidateResult {
  task: Task;
  learner: string;
  folds: FoldResult[];
  /** Mean / SD / count of each metric across all folds and repeats. */
  summary: Record<string, { mean: number; sd: number; n: number }>;
  /** Classification: AUC of the out-of-fold predictions averaged per row over repeats, with DeLong CI. */
  pooled?: { auc: number; ciLow: number; ciHigh: number; n: number; bootCiLow?: number; bootCiHigh?: number };
  /** Rows used (outcome present) and dropped (outcome missing). */
  n: number;
  nDropped: number;
}

/** Reads the outcome column; returns the kept row indices and y. */
export function readOutcome(rows: readonly Row[], outcome: string, source?: string): { keep: number[]; y: Float64Array } {
  const keep: number[] = [],
    y: number[] = [];
  rows.forEach((r, i) => {
    if (isMissing(r[outcome])) return;
    const v = toNumber(r[outcome]);
    if (v === undefined)
      throw new VesselprintError('MANIFEST_FIELD', `outcome must be numeric, got "${String(r[outcome])}"`, {
        ...(source !== undefined ? { path: source } : {}),
        row: i + 1,
        field: outcome,
      });
    keep.push(i);
    y.push(v);
  });
  if (keep.length === 0) throw new VesselprintError('EMPTY_INPUT', `no row has a value for the outcome "${outcome}"`, { field: outcome });
  return { keep, y: Float64Array.from(y) };
}

/** Classification when every outcome is 0 or 1. */
export function inferTask(y: ArrayLike<number>): Task {
  for (let i = 0; i < y.length; i++) if (y[i] !== 0 && y[i] !== 1) return 'regression';
  return 'classification';
}

/**
 * Runs grouped stratified (repeated) k-fold cross-validation.
 * Rows with a missing outcome are dropped (counted in `nDropped`); missing features are imputed
 * inside each fold.
 * @example crossValidate(rows, { outcome: 'dm', group: 'subject_id', preprocess: { numeric: feats }, learner: randomForestLearner(), split: { k: 5, repeats: 3, seed: 1 } }).summary.auc.mean
 */
export function crossValidate(rows: readonly Row[], options: CrossValidateOptions): CrossValidateResult {
  const pp = options.preprocessing ?? { fit: fitPreprocessor, transform };
  const { keep, y } = readOutcome(rows, options.outcome, options.source);
  const data = keep.map((i) => rows[i]!);
  const task = options.task ?? inferTask(y);
  if (task === 'classification' && inferTask(y) !== 'classification')
    throw new VesselprintError('BAD_ARGUMENT', `classification needs a 0/1 outcome in "${options.outcome}"`, { field: options.outcome });
  const groups =
    options.group !== undefined
      ? data.map((r, i) => {
          const g = r[options.group!];
          if (isMissing(g))
            throw new VesselprintError('MANIFEST_FIELD', 'group (subject id) is missing', { row: keep[i]! + 1, field: options.group! });
          return String(g);
        })
      : undefined;
  const folds =
    options.folds ??
    groupedStratifiedKFold(y, groups, { ...options.split, stratify: options.split?.stratify ?? task === 'classification' });
  const results: FoldResult[] = [];
  const oofSum = new Float64Array(data.length),
    oofCount = new Float64Array(data.length);
  for (const f of folds) {
    const trainRows = f.train.map((i) => data[i]!);
    const state = pp.fit(trainRows, options.preprocess);
    const xTrain = pp.transform(state, trainRows);
    const yTrain = Float64Array.from(f.train, (i) => y[i]!);
    const model = options.learner.fit(xTrain, yTrain, task);
    const testRows = f.test.map((i) => data[i]!);
    const pred = model.predict(pp.transform(state, testRows));
    const yTest = Float64Array.from(f.test, (i) => y[i]!);
    f.test.forEach((i, k) => {
      oofSum[i] += pred[k]!;
      oofCount[i] += 1;
    });
    const res: FoldResult = {
      repeat: f.repeat,
      fold: f.fold,
      nTrain: f.train.length,
      nTest: f.test.length,
      testIndex: f.test.map((i) => keep[i]!),
      yTrue: Array.from(yTest),
      yPred: Array.from(pred),
      metrics: foldMetrics(task, yTest, pred, options.thresholds),
    };
    if (options.keepModels) {
      res.state = state;
      res.model = model;
    }
    results.push(res);
  }
  const out: CrossValidateResult = {
    task,
    learner: options.learner.kind,
    folds: results,
    summary: summarize(results.map((r) => r.metrics)),
    n: data.length,
    nDropped: rows.length - data.length,
  };
  if (task === 'classification') {
    const idx = Array.from({ length: data.length }, (_, i) => i).filter((i) => oofCount[i]! > 0);
    const yy = Float64Array.from(idx, (i) => y[i]!),
      pp2 = Float64Array.from(idx, (i) => oofSum[i]! / oofCount[i]!);
    const ci = aucDelongCi(yy, pp2);
    out.pooled = { auc: rocAuc(yy, pp2), ciLow: ci.ciLow, ciHigh: ci.ciHigh, n: idx.length };
    const nBoot = options.bootstrap ?? 1000;
    if (nBoot > 0) {
      const b = aucBootstrapCi(yy, pp2, { nBoot, seed: options.split?.seed ?? 0 });
      out.pooled.bootCiLow = b.ciLow;
      out.pooled.bootCiHigh = b.ciHigh;
    }
  }
  return out;
}
