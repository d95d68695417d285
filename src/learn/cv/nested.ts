/**
 * Nested cross-validation for hyperparameters: for every outer fold, each candidate learner is
 * scored by an inner grouped stratified k-fold on the outer training rows only; the best (by the
 * mean inner metric) is refitted on the whole outer training set and evaluated on the outer test
 * fold. The outer estimates are therefore not biased by the selection (Varma & Simon 2006,
 * doi:10.1186/1471-2105-7-91).
 */
import { VesselprintError } from '../../core/errors.js';
import type { Row } from '../types.js';
import type { Learner } from '../models/types.js';
import {
  crossValidate,
  inferTask,
  readOutcome,
  type CrossValidateOptions,
  type CrossValidateResult,
  type FoldResult,
} from './crossValidate.js';
import { groupedStratifiedKFold, type SplitOptions } from './splits.js';
import { summarize } from './evaluate.js';
import { isMissing } from '../types.js';

export interface NestedOptions extends Omit<CrossValidateOptions, 'learner' | 'folds'> {
  candidates: Learner[];
  /** Inner split (default k = 3, seed = outer seed + 1). */
  inner?: SplitOptions;
  /** Metric to maximise: default `auc` (classification) / `r2` (regression). Prefix `-` to minimise (e.g. `-brier`). */
  metric?: string;
}

export interface NestedFoldResult extends FoldResult {
  chosen: string;
  /** Mean inner metric of each candidate, by learner kind. */
  innerScores: Record<string, number>;
}

export interface NestedResult extends Omit<CrossValidateResult, 'folds'> {
  folds: NestedFoldResult[];
}

/**
 * @example nestedCrossValidate(rows, { outcome: 'dm', preprocess: { numeric: feats }, candidates: [0.3, 0.1, 0.03].map((r) => elasticNetLearner({ lambdaRatio: r })) })
 */
export function nestedCrossValidate(rows: readonly Row[], options: NestedOptions): NestedResult {
  if (options.candidates.length === 0)
    throw new VesselprintError('BAD_ARGUMENT', 'nested CV needs at least one candidate learner', { field: 'candidates' });
  const { keep, y } = readOutcome(rows, options.outcome, options.source);
  const data = keep.map((i) => rows[i]!);
  const task = options.task ?? inferTask(y);
  const metricSpec = options.metric ?? (task === 'classification' ? 'auc' : 'r2');
  const sign = metricSpec.startsWith('-') ? -1 : 1,
    metric = metricSpec.replace(/^-/, '');
  const groups = options.group !== undefined ? data.map((r) => (isMissing(r[options.group!]) ? '' : String(r[options.group!]))) : undefined;
  const outer = groupedStratifiedKFold(y, groups, { ...options.split, stratify: options.split?.stratify ?? task === 'classification' });
  const folds: NestedFoldResult[] = [];
  const base = { ...options, task };
  for (const f of outer) {
    const trainRows = f.train.map((i) => data[i]!);
    const innerScores: Record<string, number> = {};
    let best = options.candidates[0]!,
      bestScore = -Infinity;
    for (const c of options.candidates) {
      const inner = crossValidate(trainRows, {
        ...base,
        learner: c,
        split: { k: 3, seed: (options.split?.seed ?? 0) + 1, ...options.inner },
      });
      const s = inner.summary[metric]?.mean ?? NaN;
      innerScores[c.kind] = s;
      if (sign * s > bestScore) {
        bestScore = sign * s;
        best = c;
      }
    }
    const r = crossValidate(data, { ...base, learner: best, folds: [f] }).folds[0]!;
    r.testIndex = f.test.map((i) => keep[i]!);
    folds.push({ ...r, chosen: best.kind, innerScores });
  }
  return {
    task,
    learner: `nested(${options.candidates.map((c) => c.kind).join(' | ')})`,
    folds,
    summary: summarize(folds.map((r) => r.metrics)),
    n: data.length,
    nDropped: rows.length - data.length,
  };
}
