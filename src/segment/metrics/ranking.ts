/**
 * Threshold-free ranking metrics: area under the ROC curve and average precision.
 */
import { splitScores, sweepThresholds, type SplitScores } from './scores.js';

/**
 * Exact, tie-aware area under the ROC curve: the Mann–Whitney probability
 * AUC = P(s⁺ > s⁻) + ½ P(s⁺ = s⁻) over all positive/negative pairs, which equals the trapezoidal
 * area under the ROC curve with tied scores as one step (as scikit-learn's `roc_auc_score`;
 * Hanley & McNeil 1982, doi:10.1148/radiology.143.1.7063747).
 * Returns NaN when either class is absent (undefined; scikit-learn raises).
 * @param scores higher = more likely positive
 * @param labels non-zero = positive
 * @param mask optional: only pixels with non-zero mask count (e.g. the FOV)
 * @example rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // 0.75
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>, mask?: ArrayLike<number>): number {
  return rocAucSorted(splitScores(scores, labels, mask));
}

/** {@link rocAuc} on already split and sorted scores. */
export function rocAucSorted(s: SplitScores): number {
  const { pos, neg } = s;
  if (pos.length === 0 || neg.length === 0) return Number.NaN;
  // for each positive: (#neg below) + ½ (#neg equal), via a merge over the sorted arrays
  let below = 0;
  let sum = 0;
  let k = 0;
  while (k < pos.length) {
    const v = pos[k]!;
    let m = k;
    while (m < pos.length && pos[m] === v) m++;
    while (below < neg.length && neg[below]! < v) below++;
    let eq = below;
    while (eq < neg.length && neg[eq] === v) eq++;
    sum += (m - k) * (below + 0.5 * (eq - below));
    k = m;
  }
  return sum / (pos.length * neg.length);
}

/**
 * Average precision, AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over the distinct score thresholds taken from high
 * to low (no interpolation), exactly scikit-learn's `average_precision_score`. The area under
 * the precision–recall curve reported as "AUC-PR". Returns NaN when there are no positives.
 * @example averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // 0.8333…
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>, mask?: ArrayLike<number>): number {
  return averagePrecisionSorted(splitScores(scores, labels, mask));
}

/** {@link averagePrecision} on already split and sorted scores. */
export function averagePrecisionSorted(s: SplitScores): number {
  const P = s.pos.length;
  if (P === 0) return Number.NaN;
  let ap = 0;
  let prevTp = 0;
  sweepThresholds(s, (_t, tp, fp) => {
    if (tp > prevTp) {
      ap += ((tp - prevTp) / P) * (tp / (tp + fp));
      prevTp = tp;
    }
  });
  return ap;
}
