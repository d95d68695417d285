/**
 * Exact SHAP values of a linear or logistic model under feature independence (interventional;
 * Lundberg & Lee 2017, Corollary 1): φ_j = w_j (x_j − E[x_j]), E = b + Σ w_j E[x_j].
 * For a logistic model the values are on the **log-odds** scale (the linear predictor), where the
 * model is additive; they do not add up to probabilities.
 */
import { VesselprintError } from '../core/errors.js';
import type { Matrix } from '../learn/types.js';
import type { ShapExplanation } from './types.js';

/** A fitted linear predictor η = intercept + Σ coef_j x_j; `logit` means P(y=1) = σ(η). */
export interface LinearModelParams {
  intercept: number;
  coef: ArrayLike<number>;
  link: 'identity' | 'logit';
}

/**
 * LinearSHAP for every row of `x`; the feature means come from `background` (usually the
 * training rows).
 * @example linearShap({ intercept: 1, coef: [2], link: 'identity' }, x, x).values
 */
export function linearShap(model: LinearModelParams, x: Matrix, background: Matrix): ShapExplanation {
  const p = model.coef.length;
  if (x.nCols !== p || background.nCols !== p)
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `linearShap: the model has ${p} coefficients, rows have ${x.nCols} and background ${background.nCols} features`,
    );
  if (background.nRows === 0) throw new VesselprintError('EMPTY_INPUT', 'linearShap: background has no rows', { field: 'background' });
  const mean = new Float64Array(p);
  for (let b = 0; b < background.nRows; b++) for (let j = 0; j < p; j++) mean[j] += background.data[b * p + j]! / background.nRows;
  let ev = model.intercept;
  for (let j = 0; j < p; j++) ev += model.coef[j]! * mean[j]!;
  const values = new Float64Array(x.nRows * p),
    output = new Float64Array(x.nRows);
  for (let r = 0; r < x.nRows; r++) {
    let eta = model.intercept;
    for (let j = 0; j < p; j++) {
      const xj = x.data[r * p + j]!;
      values[r * p + j] = model.coef[j]! * (xj - mean[j]!);
      eta += model.coef[j]! * xj;
    }
    output[r] = eta;
  }
  return {
    expectedValue: ev,
    values,
    nRows: x.nRows,
    nFeatures: p,
    output,
    outputScale: model.link === 'logit' ? 'log-odds' : 'raw',
    method: 'linear',
  };
}
