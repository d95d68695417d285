/**
 * Confusion counts of a binary prediction against a binary truth, and the overlap metrics
 * derived from them.
 */
import { VesselprintError } from '../../core/errors.js';

export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Metrics at one threshold. Zero denominators give 0 (scikit-learn's `zero_division=0` policy). */
export interface ThresholdMetrics {
  /** Dice = F1 = 2TP / (2TP + FP + FN). */
  dice: number;
  /** IoU (Jaccard) = TP / (TP + FP + FN). */
  iou: number;
  /** (TP + TN) / N. */
  accuracy: number;
  /** Sensitivity (recall, TPR) = TP / (TP + FN). */
  sensitivity: number;
  /** Specificity (TNR) = TN / (TN + FP). */
  specificity: number;
  /** Precision (PPV) = TP / (TP + FP). */
  precision: number;
  /** Matthews correlation coefficient (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)), Matthews 1975, doi:10.1016/0005-2795(75)90109-9. */
  mcc: number;
}

/**
 * Counts TP/FP/TN/FN of `pred` (non-zero = positive) against `truth` inside `mask`.
 * @example confusionCounts([1, 1, 0, 0], [1, 0, 1, 0]) // { tp: 1, fp: 1, tn: 1, fn: 1 }
 */
export function confusionCounts(pred: ArrayLike<number>, truth: ArrayLike<number>, mask?: ArrayLike<number>): ConfusionCounts {
  if (pred.length !== truth.length || (mask !== undefined && mask.length !== pred.length)) {
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `prediction (${pred.length}), truth (${truth.length})${mask ? ` and mask (${mask.length})` : ''} must have the same length`,
    );
  }
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < pred.length; i++) {
    if (mask && !mask[i]) continue;
    const p = pred[i] !== 0;
    const t = truth[i] !== 0;
    if (p && t) tp++;
    else if (p) fp++;
    else if (t) fn++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}

const div = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/**
 * Dice/F1, IoU, accuracy, sensitivity, specificity, precision and MCC from confusion counts.
 * @example metricsFromCounts({ tp: 1, fp: 1, tn: 1, fn: 1 }).dice // 0.5
 */
export function metricsFromCounts(k: ConfusionCounts): ThresholdMetrics {
  const { tp, fp, tn, fn } = k;
  const n = tp + fp + tn + fn;
  const den = Math.sqrt(tp + fp) * Math.sqrt(tp + fn) * Math.sqrt(tn + fp) * Math.sqrt(tn + fn);
  return {
    dice: div(2 * tp, 2 * tp + fp + fn),
    iou: div(tp, tp + fp + fn),
    accuracy: div(tp + tn, n),
    sensitivity: div(tp, tp + fn),
    specificity: div(tn, tn + fp),
    precision: div(tp, tp + fp),
    mcc: den === 0 ? 0 : (tp * tn - fp * fn) / den,
  };
}
