/**
 * Shared preparation for the ranking metrics ({@link rocAuc}, {@link averagePrecision}) and the
 * segmentation threshold sweep: the scores of positive and negative items inside an optional
 * mask, each sorted ascending.
 */
import { VesselprintError } from '../../core/errors.js';

export interface SplitScores {
  /** Scores of pixels whose label is 1, ascending. */
  pos: Float64Array;
  /** Scores of pixels whose label is 0, ascending. */
  neg: Float64Array;
}

/**
 * Splits `scores` by `labels` (1 = positive, 0 = negative; a mask image's non-zero also
 * counts as positive), keeping only indices where `mask` is non-zero (all when absent), and
 * sorts each part ascending.
 * @param fn the calling function, for messages
 * @throws VesselprintError SHAPE_MISMATCH when lengths differ; BAD_ARGUMENT for a NaN score
 * @example splitScores([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // { pos: [0.35, 0.8], neg: [0.1, 0.4] }
 */
export function splitScores(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  mask?: ArrayLike<number>,
  fn = 'splitScores',
): SplitScores {
  if (scores.length !== labels.length || (mask !== undefined && mask.length !== scores.length)) {
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `${fn}: scores (${scores.length}), labels (${labels.length})${mask ? ` and mask (${mask.length})` : ''} must have the same length`,
    );
  }
  let np = 0;
  let nn = 0;
  for (let i = 0; i < scores.length; i++) {
    if (mask && !mask[i]) continue;
    if (labels[i]) np++;
    else nn++;
  }
  const pos = new Float64Array(np);
  const neg = new Float64Array(nn);
  for (let i = 0, a = 0, b = 0; i < scores.length; i++) {
    if (mask && !mask[i]) continue;
    const s = scores[i]!;
    if (Number.isNaN(s)) throw new VesselprintError('BAD_ARGUMENT', `${fn}: score at index ${i} is NaN`, { field: 'scores' });
    if (labels[i]) pos[a++] = s;
    else neg[b++] = s;
  }
  pos.sort();
  neg.sort();
  return { pos, neg };
}

/**
 * Walks the distinct score thresholds from the highest to the lowest and calls
 * `visit(t, tp, fp)` with the counts of positives and negatives scoring `≥ t`.
 */
export function sweepThresholds(s: SplitScores, visit: (t: number, tp: number, fp: number) => void): void {
  const { pos, neg } = s;
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  while (i >= 0 || j >= 0) {
    const t = Math.max(i >= 0 ? pos[i]! : -Infinity, j >= 0 ? neg[j]! : -Infinity);
    while (i >= 0 && pos[i] === t) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === t) {
      fp++;
      j--;
    }
    visit(t, tp, fp);
  }
}
