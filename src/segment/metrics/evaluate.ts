/**
 * All segmentation metrics of a score map (probability, vesselness or binary mask) against a
 * manual segmentation, inside the field of view.
 */
import type { Image2D, Mask2D } from '../../core/image.js';
import { assertSameSize } from '../../core/image.js';
import { VesselprintError } from '../../core/errors.js';
import { splitScores, sweepThresholds } from '../../learn/metrics/splitScores.js';
import { rocAucSorted, averagePrecisionSorted, type OneClassPolicy } from '../../learn/metrics/ranking.js';
import { confusionCounts, metricsFromCounts, type ThresholdMetrics, type ConfusionCounts } from './confusion.js';
import { clDice } from './clDice.js';

export interface EvaluateSegmentationOptions {
  /** A pixel is predicted vessel when its score is `≥ threshold` (default 0.5, for scores in [0, 1]). */
  threshold?: number;
  /** Compute clDice (skeletonises both masks; default true). */
  cldice?: boolean;
  /**
   * A truth with one class only inside the FOV (no vessel pixels, or vessel everywhere) leaves the
   * AUC (and, without vessels, AP, sensitivity, Dice) undefined: `'nan'` (default, for loops over
   * many images) returns NaN for them; `'error'` throws EMPTY_INPUT saying so (the CLI).
   */
  oneClass?: OneClassPolicy;
}

export const DEFAULT_EVALUATE_SEGMENTATION: Required<EvaluateSegmentationOptions> = { threshold: 0.5, cldice: true, oneClass: 'nan' };

/** Result of {@link evaluateSegmentation}. Threshold metrics use `threshold`; `oracle*` fields are NOT a fair test result. */
export interface SegmentationEvaluation extends ThresholdMetrics {
  /** Exact tie-aware AUC-ROC inside the FOV (threshold-free). */
  auc: number;
  /** Average precision (AUC-PR, scikit-learn definition) inside the FOV (threshold-free). */
  aucPr: number;
  /** clDice at `threshold` (NaN when not computed). */
  cldice: number;
  /** Threshold used for the threshold metrics. */
  threshold: number;
  /** Confusion counts at `threshold`. */
  counts: ConfusionCounts;
  /** Pixels inside the FOV. */
  nPixels: number;
  /**
   * Optimal-threshold variant, chosen ON THE TRUTH ITSELF (an upper bound, "oracle"): the
   * score threshold maximising Dice over all distinct scores, and that Dice.
   */
  oracleDiceThreshold: number;
  oracleDice: number;
  /** Oracle threshold maximising accuracy, and that accuracy. */
  oracleAccuracyThreshold: number;
  oracleAccuracy: number;
}

/**
 * Evaluates a score map against a binary truth inside a FOV.
 * @param scores one-channel image of scores, higher = vessel (probabilities in [0, 1] for the default threshold)
 * @param truth manual segmentation (non-zero = vessel)
 * @param fov field of view (non-zero = inside); the whole image when absent
 * @throws VesselprintError SHAPE_MISMATCH for images of different sizes, EMPTY_INPUT for an empty FOV
 * @example evaluateSegmentation(prob, manual, fov).auc // e.g. 0.95
 */
export function evaluateSegmentation(
  scores: Image2D,
  truth: Mask2D,
  fov?: Mask2D,
  options: EvaluateSegmentationOptions = {},
): SegmentationEvaluation {
  const o = { ...DEFAULT_EVALUATE_SEGMENTATION, ...options };
  if (scores.channels !== 1)
    throw new VesselprintError('BAD_ARGUMENT', `evaluateSegmentation: scores must have one channel, got ${scores.channels}`);
  assertSameSize(scores, truth, 'prediction and truth');
  if (fov) assertSameSize(scores, fov, 'prediction and FOV');
  if (!Number.isFinite(o.threshold))
    throw new VesselprintError('BAD_ARGUMENT', `threshold must be a finite number, got ${o.threshold}`, { field: 'threshold' });
  const split = splitScores(scores.data, truth.data, fov?.data);
  const nPixels = split.pos.length + split.neg.length;
  if (nPixels === 0) throw new VesselprintError('EMPTY_INPUT', 'evaluateSegmentation: the FOV has no pixels');
  if (o.oneClass === 'error' && (split.pos.length === 0 || split.neg.length === 0)) {
    const what = split.pos.length === 0 ? 'no vessel pixels' : 'no background pixels';
    throw new VesselprintError(
      'EMPTY_INPUT',
      `the truth has ${what} inside the FOV (${nPixels} pixels): AUC${split.pos.length === 0 ? ', AUC-PR, sensitivity and Dice are' : ' is'} undefined`,
      { field: 'truth' },
    );
  }
  const P = split.pos.length;
  const N = split.neg.length;
  let oracleDice = -1;
  let oracleDiceThreshold = Number.NaN;
  let oracleAccuracy = -1;
  let oracleAccuracyThreshold = Number.NaN;
  sweepThresholds(split, (t, tp, fp) => {
    const d = 2 * tp + fp + (P - tp) === 0 ? 0 : (2 * tp) / (2 * tp + fp + (P - tp));
    if (d > oracleDice) {
      oracleDice = d;
      oracleDiceThreshold = t;
    }
    const a = (tp + N - fp) / nPixels;
    if (a > oracleAccuracy) {
      oracleAccuracy = a;
      oracleAccuracyThreshold = t;
    }
  });
  const n = scores.width * scores.height;
  const pred = new Uint8Array(n);
  for (let i = 0; i < n; i++) pred[i] = scores.data[i]! >= o.threshold ? 1 : 0;
  const counts = confusionCounts(pred, truth.data, fov?.data);
  const m = metricsFromCounts(counts);
  const cl = o.cldice ? clDice({ data: pred, width: scores.width, height: scores.height }, truth, fov).cldice : Number.NaN;
  return {
    auc: rocAucSorted(split),
    aucPr: averagePrecisionSorted(split),
    ...m,
    cldice: cl,
    threshold: o.threshold,
    counts,
    nPixels,
    oracleDiceThreshold,
    oracleDice,
    oracleAccuracyThreshold,
    oracleAccuracy,
  };
}
