/** Regression metrics: R², MAE, RMSE. */
import { checkPaired } from './checks.js';

/**
 * Coefficient of determination 1 − SS_res/SS_tot (scikit-learn `r2_score`; can be negative).
 * @example r2Score([1, 2, 3], [1, 2, 4]) // 0.5
 */
export function r2Score(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  checkPaired(y, pred, 'r2Score');
  let m = 0;
  for (let i = 0; i < y.length; i++) m += y[i]!;
  m /= y.length;
  let ssr = 0,
    sst = 0;
  for (let i = 0; i < y.length; i++) {
    ssr += (y[i]! - pred[i]!) ** 2;
    sst += (y[i]! - m) ** 2;
  }
  return 1 - ssr / sst;
}

/** Mean absolute error. @example meanAbsoluteError([1, 2], [2, 4]) // 1.5 */
export function meanAbsoluteError(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  checkPaired(y, pred, 'meanAbsoluteError');
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(y[i]! - pred[i]!);
  return s / y.length;
}

/** Root mean squared error. @example rootMeanSquaredError([0, 0], [3, 4]) // 3.5355… */
export function rootMeanSquaredError(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  checkPaired(y, pred, 'rootMeanSquaredError');
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - pred[i]!) ** 2;
  return Math.sqrt(s / y.length);
}
