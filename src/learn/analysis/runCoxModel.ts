/**
 * Cross-validated Cox prediction behind `vesselprint model --family cox --time T --event E`:
 * grouped (by subject), event-stratified k-fold CV; inside each fold the preprocessing
 * (imputation, scaling, one-hot) is fitted on the training rows, a Cox model (Efron ties) is
 * fitted, and the held-out linear predictor is scored by Harrell's C. Reports the mean C over
 * folds and the C of the pooled out-of-fold predictors (averaged per row over repeats) with a
 * seeded bootstrap percentile CI. Pure: rows in, plain object out.
 */
import { VesselprintError } from '../../core/errors.js';
import { isMissing, toNumber, type Row } from '../types.js';
import { groupedStratifiedKFold } from '../cv/splits.js';
import { fitPreprocessor, transform } from '../preprocess/preprocessor.js';
import { coxFit } from '../survival/cox.js';
import { harrellC } from '../survival/concordance.js';
import type { ModelConfig } from './config.js';
import { defaultFeatures } from './runModel.js';

/** Report of a cross-validated Cox model (keys are the CLI's JSON contract). */
export interface CoxModelReport {
  task: 'survival';
  model: 'cox';
  n: number;
  n_dropped: number;
  n_events: number;
  features: string[];
  categorical: string[];
  c_mean: number;
  c_sd: number;
  c_pooled: number;
  c_ci_low: number;
  c_ci_high: number;
  folds: { repeat: number; fold: number; n_train: number; n_test: number; c: number }[];
  predictions: { row: number; repeat: number; fold: number; time: number; event: number; lp: number }[];
}

/**
 * @throws VesselprintError BAD_ARGUMENT without `time`/`event`, MANIFEST_FIELD for a bad time or event value (naming the row).
 * @example runCoxModel(rows, modelConfigSchema.parse({ table: 't.csv', family: 'cox', time: 'years', event: 'cvd', group: 'subject_id' }))
 */
export function runCoxModel(rows: readonly Row[], cfg: ModelConfig): CoxModelReport {
  if (cfg.time === undefined || cfg.event === undefined)
    throw new VesselprintError('BAD_ARGUMENT', 'model --family cox needs --time and --event', {
      field: cfg.time === undefined ? 'time' : 'event',
    });
  const features = cfg.features ?? defaultFeatures(rows, { ...cfg, exclude: [...cfg.exclude, cfg.time, cfg.event] });
  if (features.length + cfg.categorical.length === 0)
    throw new VesselprintError('BAD_ARGUMENT', 'no feature columns for the Cox model', { field: 'features' });
  const keep: number[] = [];
  rows.forEach((r, i) => {
    if (isMissing(r[cfg.time!]) || isMissing(r[cfg.event!])) return;
    const t = toNumber(r[cfg.time!]),
      e = toNumber(r[cfg.event!]);
    if (t === undefined || !(t >= 0))
      throw new VesselprintError('MANIFEST_FIELD', `time must be a number ≥ 0, got "${String(r[cfg.time!])}"`, {
        path: cfg.table,
        row: i + 1,
        field: cfg.time!,
      });
    if (e !== 0 && e !== 1)
      throw new VesselprintError('MANIFEST_FIELD', `event must be 0 or 1, got "${String(r[cfg.event!])}"`, {
        path: cfg.table,
        row: i + 1,
        field: cfg.event!,
      });
    keep.push(i);
  });
  const data = keep.map((i) => rows[i]!);
  const time = data.map((r) => toNumber(r[cfg.time!])!),
    event = data.map((r) => toNumber(r[cfg.event!])!);
  const groups = cfg.group ? data.map((r) => String(r[cfg.group!])) : undefined;
  const splits = groupedStratifiedKFold(event, groups, { k: cfg.cv.k, repeats: cfg.cv.repeats, seed: cfg.seed });
  const spec = {
    numeric: features,
    categorical: cfg.categorical,
    impute: cfg.preprocess.impute,
    winsorize: cfg.preprocess.winsorize,
    standardize: cfg.preprocess.standardize,
  };
  const folds: CoxModelReport['folds'] = [];
  const predictions: CoxModelReport['predictions'] = [];
  const sum = new Float64Array(data.length),
    cnt = new Float64Array(data.length);
  for (const f of splits) {
    const train = f.train.map((i) => data[i]!),
      test = f.test.map((i) => data[i]!);
    const state = fitPreprocessor(train, spec);
    const xtr = transform(state, train),
      xte = transform(state, test);
    const fit = coxFit(
      xtr.data,
      xtr.nRows,
      xtr.nCols,
      Float64Array.from(f.train, (i) => time[i]!),
      Float64Array.from(f.train, (i) => event[i]!),
    );
    const lp = f.test.map((_, r) => {
      let s = 0;
      for (let j = 0; j < xte.nCols; j++) s += xte.data[r * xte.nCols + j]! * fit.coef[j]!;
      return s;
    });
    const c = harrellC(
      f.test.map((i) => time[i]!),
      f.test.map((i) => event[i]!),
      lp,
      { nBoot: 0 },
    ).c;
    folds.push({ repeat: f.repeat, fold: f.fold, n_train: f.train.length, n_test: f.test.length, c });
    f.test.forEach((i, r) => {
      sum[i] += lp[r]!;
      cnt[i] += 1;
      predictions.push({ row: keep[i]! + 1, repeat: f.repeat, fold: f.fold, time: time[i]!, event: event[i]!, lp: lp[r]! });
    });
  }
  const pooledLp = Array.from(sum, (s, i) => s / cnt[i]!);
  const pooled = harrellC(time, event, pooledLp, { nBoot: 200, seed: cfg.seed });
  const cs = folds.map((f) => f.c);
  const mean = cs.reduce((s, v) => s + v, 0) / cs.length;
  const sd = Math.sqrt(cs.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, cs.length - 1));
  return {
    task: 'survival',
    model: 'cox',
    n: data.length,
    n_dropped: rows.length - data.length,
    n_events: event.reduce((s, v) => s + v, 0),
    features,
    categorical: cfg.categorical,
    c_mean: mean,
    c_sd: sd,
    c_pooled: pooled.c,
    c_ci_low: pooled.ciLow,
    c_ci_high: pooled.ciHigh,
    folds,
    predictions,
  };
}
