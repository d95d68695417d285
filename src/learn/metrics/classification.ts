/**
 * Threshold-free and threshold metrics of a binary classifier's predicted probabilities.
 */
import { checkBinary } from './checks.js';
import { VesselprintError } from '../../core/errors.js';
import { logisticFit } from '../stats/logistic.js';

/**
 * Brier score: mean (pᵢ − yᵢ)² (Brier 1950). @example brierScore([0, 1], [0.2, 0.6]) // 0.1
 */
export function brierScore(y: ArrayLike<number>, prob: ArrayLike<number>): number {
  if (y.length !== prob.length || y.length === 0)
    throw new VesselprintError('SHAPE_MISMATCH', `brierScore: ${y.length} labels, ${prob.length} probabilities`);
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    if (!(prob[i]! >= 0 && prob[i]! <= 1))
      throw new VesselprintError('BAD_ARGUMENT', `brierScore: probability at position ${i + 1} is outside [0, 1] (${prob[i]})`);
    s += (prob[i]! - y[i]!) ** 2;
  }
  return s / y.length;
}

export interface Calibration {
  /** Slope b of logit P(y=1) = a + b·logit(p) (ideal 1; < 1 means overfitting). */
  slope: number;
  /** Intercept of the slope model. */
  slopeModelIntercept: number;
  /** Calibration-in-the-large a of logit P(y=1) = a + logit(p) (offset; ideal 0). */
  intercept: number;
}

const logit = (p: number): number => Math.log(p / (1 - p));

/**
 * Calibration slope and intercept (Cox 1958; Van Calster et al. 2019,
 * doi:10.1186/s12916-019-1466-7). Probabilities are clipped to [1e-12, 1−1e-12] before logit.
 * The intercept is fitted with logit(p) as an offset (slope fixed at 1) by Newton's method.
 * @example calibration(y, p).slope
 */
export function calibration(y: ArrayLike<number>, prob: ArrayLike<number>): Calibration {
  const { nPos, nNeg } = checkBinary(y, prob, 'calibration');
  const n = nPos + nNeg;
  const lp = Float64Array.from({ length: n }, (_, i) => logit(Math.min(1 - 1e-12, Math.max(1e-12, prob[i]!))));
  const x = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = 1;
    x[2 * i + 1] = lp[i]!;
  }
  const yy = Float64Array.from(y);
  const fit = logisticFit(x, n, 2, yy);
  // Intercept with offset: maximise Σ y(a+o) − log(1+e^{a+o}) in a.
  let a = 0;
  for (let it = 0; it < 100; it++) {
    let g = 0,
      h = 0;
    for (let i = 0; i < n; i++) {
      const t = a + lp[i]!;
      const pi = t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
      g += yy[i]! - pi;
      h += pi * (1 - pi);
    }
    const step = g / h;
    a += step;
    if (Math.abs(step) < 1e-12) break;
  }
  return { slope: fit.coef[1]!, slopeModelIntercept: fit.coef[0]!, intercept: a };
}

export interface ThresholdMetrics {
  threshold: number;
  /** TP/(TP+FN). */
  sensitivity: number;
  /** TN/(TN+FP). */
  specificity: number;
  /** TP/(TP+FP) (NaN when nothing is called positive). */
  ppv: number;
  /** TN/(TN+FN) (NaN when nothing is called negative). */
  npv: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/**
 * Sensitivity, specificity, PPV, NPV when calling positive every score ≥ threshold.
 * @example atThreshold([0, 1, 1], [0.2, 0.6, 0.4], 0.5) // sensitivity 0.5, specificity 1
 */
export function atThreshold(y: ArrayLike<number>, score: ArrayLike<number>, threshold: number): ThresholdMetrics {
  checkBinary(y, score, 'atThreshold');
  let tp = 0,
    fp = 0,
    tn = 0,
    fn = 0;
  for (let i = 0; i < y.length; i++) {
    const callPos = score[i]! >= threshold;
    if (y[i] === 1) {
      if (callPos) tp++;
      else fn++;
    } else if (callPos) fp++;
    else tn++;
  }
  return {
    threshold,
    sensitivity: tp / (tp + fn),
    specificity: tn / (tn + fp),
    ppv: tp + fp > 0 ? tp / (tp + fp) : NaN,
    npv: tn + fn > 0 ? tn / (tn + fn) : NaN,
    tp,
    fp,
    tn,
    fn,
  };
}
