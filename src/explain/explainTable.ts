/**
 * Fit-and-explain on a whole feature table (the engine of `vesselprint explain --table`): drops
 * rows with a missing outcome, fits the learn/ preprocessing (median imputation, z-scores) and the
 * model on every remaining row, and explains every row with the exact explainer of that model:
 *   logistic → LinearSHAP on the log-odds scale (L2 logistic, C = 1, as learn's `logistic`);
 *   rf       → path-dependent TreeSHAP on the probability scale (forest of class-1 frequencies;
 *              the mean outcome for regression);
 *   gbm      → path-dependent TreeSHAP on the log-odds scale (raw boosting score; regression: raw);
 *   tree     → path-dependent TreeSHAP of one CART tree (probability / raw), as rf.
 * SHAP values are per input feature; z-scoring does not change them (φ is invariant to an affine
 * map of one feature applied both to the row and the background/training data). Pure: rows in,
 * plain object out.
 */
import { VesselprintError, oneOf } from '../core/errors.js';
import { isMissing, toNumber, type Matrix, type Row, type Task } from '../learn/types.js';
import { fitPreprocessor, transform } from '../learn/preprocess/preprocessor.js';
import { defaultFeatures, learnerFor } from '../learn/analysis/runModel.js';
import { lambdaFromC, penalizedLogisticPath } from '../learn/models/elasticNetLogistic.js';
import type { TreeEnsemble } from '../learn/models/treeEnsemble.js';
import { linearShap } from './linearShap.js';
import { treeShap } from './treeShap.js';
import type { ShapExplanation } from './types.js';

export const EXPLAIN_MODELS = ['logistic', 'rf', 'gbm', 'tree'] as const;
export type ExplainModel = (typeof EXPLAIN_MODELS)[number];

export interface ExplainTableOptions {
  outcome: string;
  model: ExplainModel;
  seed?: number;
  /** Numeric feature columns. Default: every numeric column except the outcome, `exclude` and id-like columns. */
  features?: readonly string[];
  exclude?: readonly string[];
  /** Model hyperparameters as in learn (nTrees, maxDepth, nRounds, learningRate, C). */
  params?: Record<string, number>;
}

export interface TableExplanation {
  task: Task;
  model: ExplainModel;
  features: string[];
  /** 1-based data rows of the input table that were explained (rows with an outcome). */
  rows: number[];
  /** Raw (unimputed, unscaled) feature values of the explained rows; NaN = missing. */
  featureValues: Matrix;
  explanation: ShapExplanation;
}

/**
 * Fits `options.model` on every row with an outcome and returns its exact SHAP values.
 * @throws VesselprintError BAD_ARGUMENT for an unknown outcome/model, a non-0/1 outcome with `logistic`, no features
 * @example explainTable(rows, { outcome: 'diabetes', model: 'gbm', seed: 1 }).explanation.expectedValue
 */
export function explainTable(rows: readonly Row[], options: ExplainTableOptions): TableExplanation {
  const model = oneOf('model', options.model, EXPLAIN_MODELS);
  if (rows.length === 0) throw new VesselprintError('EMPTY_INPUT', 'explain: the table has no rows');
  if (!rows.some((r) => options.outcome in r))
    throw new VesselprintError('BAD_ARGUMENT', `explain: the table has no column "${options.outcome}"`, { field: 'outcome' });
  const keep: number[] = [];
  rows.forEach((r, i) => {
    if (isMissing(r[options.outcome])) return;
    if (toNumber(r[options.outcome]) === undefined)
      throw new VesselprintError('MANIFEST_FIELD', `outcome must be numeric, got "${String(r[options.outcome])}"`, {
        row: i + 1,
        field: options.outcome,
      });
    keep.push(i);
  });
  if (keep.length < 2)
    throw new VesselprintError('EMPTY_INPUT', `explain: fewer than 2 rows have a value of "${options.outcome}"`, {
      field: options.outcome,
    });
  const data = keep.map((i) => rows[i]!);
  const y = Float64Array.from(data, (r) => toNumber(r[options.outcome])!);
  const binary = y.every((v) => v === 0 || v === 1);
  const task: Task = binary ? 'classification' : 'regression';
  if (model === 'logistic' && !binary)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `explain: the logistic model needs a 0/1 outcome; "${options.outcome}" has other values (use rf or gbm)`,
      { field: 'model' },
    );
  const features = options.features
    ? [...options.features]
    : defaultFeatures(data, { outcome: options.outcome, categorical: [], exclude: [...(options.exclude ?? [])] });
  if (features.length === 0)
    throw new VesselprintError('BAD_ARGUMENT', 'explain: no numeric feature columns besides the outcome', { field: 'features' });
  for (const f of features)
    if (!data.some((r) => f in r))
      throw new VesselprintError('BAD_ARGUMENT', `explain: the table has no column "${f}"`, { field: 'features' });
  const state = fitPreprocessor(data, { numeric: features, impute: 'median', standardize: true });
  const x = transform(state, data);
  const raw = new Float64Array(data.length * features.length);
  data.forEach((r, i) =>
    features.forEach((f, j) => {
      const v = isMissing(r[f]) ? undefined : toNumber(r[f]);
      raw[i * features.length + j] = v ?? NaN;
    }),
  );
  const params = options.params ?? {};
  let explanation: ShapExplanation;
  if (model === 'logistic') {
    const [pt] = penalizedLogisticPath(x, y, [lambdaFromC(params.C ?? 1, x.nRows)], { l1Ratio: 0 });
    explanation = linearShap({ intercept: pt!.intercept, coef: pt!.coef, link: 'logit' }, x, x);
  } else {
    const fitted = learnerFor({ model, params, seed: options.seed ?? 0 }).fit(x, y, task) as { ensemble?: TreeEnsemble };
    if (!fitted.ensemble) throw new VesselprintError('BAD_ARGUMENT', `explain: model ${model} did not return a tree ensemble`);
    explanation = treeShap(fitted.ensemble, x);
  }
  return {
    task,
    model,
    features,
    rows: keep.map((i) => i + 1),
    featureValues: { data: raw, nRows: data.length, nCols: features.length },
    explanation,
  };
}

/**
 * The CLI's JSON: `{ expected_value, output_scale, features, rows: [{ row, prediction, shap: { feature: φ } }] }`
 * where `prediction` = expected_value + Σ φ is the model output on `output_scale`.
 */
export function explanationJson(t: TableExplanation): {
  expected_value: number;
  output_scale: string;
  model: string;
  task: string;
  features: string[];
  rows: { row: number; prediction: number; shap: Record<string, number> }[];
} {
  const e = t.explanation,
    m = e.nFeatures;
  return {
    expected_value: e.expectedValue,
    output_scale: e.outputScale,
    model: t.model,
    task: t.task,
    features: t.features,
    rows: t.rows.map((row, r) => ({
      row,
      prediction: e.output[r]!,
      shap: Object.fromEntries(t.features.map((f, j) => [f, e.values[r * m + j]!])),
    })),
  };
}
