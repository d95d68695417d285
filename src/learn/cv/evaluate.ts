/** Per-fold metrics of out-of-fold predictions. */
import type { Task } from '../types.js';
import { rocAuc, averagePrecision } from '../metrics/ranking.js';
import { aucDelongCi } from '../metrics/delong.js';
import { atThreshold, brierScore, calibration } from '../metrics/classification.js';
import { meanAbsoluteError, r2Score, rootMeanSquaredError } from '../metrics/regression.js';
import { isVesselprintError } from '../../core/errors.js';

/** Metric name → value (NaN when undefined on this fold, e.g. one class only). */
export type Metrics = Record<string, number>;

/**
 * Classification: auc, auc_ci_low/high (DeLong), ap (AUC-PR), brier, calibration slope and
 * intercept, sensitivity/specificity at each threshold (`sens_at_0.5`, `spec_at_0.5`; MLflow-safe keys).
 * Regression: r2, mae, rmse.
 */
export function foldMetrics(task: Task, y: Float64Array, pred: Float64Array, thresholds: readonly number[] = [0.5]): Metrics {
  if (task === 'regression') return { r2: r2Score(y, pred), mae: meanAbsoluteError(y, pred), rmse: rootMeanSquaredError(y, pred) };
  const m: Metrics = {};
  const safe = (name: string, f: () => number): void => {
    try {
      m[name] = f();
    } catch (e) {
      if (!isVesselprintError(e)) throw e;
      m[name] = NaN;
    }
  };
  safe('auc', () => rocAuc(y, pred));
  safe('auc_ci_low', () => aucDelongCi(y, pred).ciLow);
  safe('auc_ci_high', () => aucDelongCi(y, pred).ciHigh);
  safe('ap', () => averagePrecision(y, pred));
  safe('brier', () => brierScore(y, pred));
  safe('calibration_slope', () => calibration(y, pred).slope);
  safe('calibration_intercept', () => calibration(y, pred).intercept);
  for (const t of thresholds) {
    safe(`sens_at_${t}`, () => atThreshold(y, pred, t).sensitivity);
    safe(`spec_at_${t}`, () => atThreshold(y, pred, t).specificity);
  }
  return m;
}

/** Mean, SD (n−1) and count of the finite values of each metric across folds. */
export function summarize(folds: readonly Metrics[]): Record<string, { mean: number; sd: number; n: number }> {
  const out: Record<string, { mean: number; sd: number; n: number }> = {};
  const names = new Set(folds.flatMap((f) => Object.keys(f)));
  for (const k of names) {
    const v = folds.map((f) => f[k]!).filter((x) => Number.isFinite(x));
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : NaN;
    out[k] = { mean: v.length ? mean : NaN, sd, n: v.length };
  }
  return out;
}
