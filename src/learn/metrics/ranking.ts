/**
 * Threshold-free ranking metrics of a binary classifier or a segmentation probability map —
 * the one `rocAuc` and `averagePrecision` of vesselprint (learn/, segment/, plot/ and the
 * benchmarks use these). Argument order as scikit-learn: `(yTrue, yScore, options)`.
 */
import { VesselprintError, oneOf } from '../../core/errors.js';
import { splitScores, sweepThresholds, type SplitScores } from './splitScores.js';

/**
 * What a ranking metric does when it is undefined because one class is absent:
 * `'error'` throws a BAD_ARGUMENT error (scikit-learn raises a ValueError for the ROC AUC);
 * `'nan'` returns NaN (for a batch that must go on, e.g. one image among many).
 */
export type OneClassPolicy = 'error' | 'nan';
export const ONE_CLASS_POLICIES: readonly OneClassPolicy[] = ['error', 'nan'];

export interface RankingOptions {
  /** Only items with a non-zero mask count (e.g. the field of view); all when absent. */
  mask?: ArrayLike<number>;
  /** Policy for a one-class input (default 'error'), see {@link OneClassPolicy}. */
  oneClass?: OneClassPolicy;
}

export const DEFAULT_RANKING_OPTIONS: Required<Pick<RankingOptions, 'oneClass'>> = { oneClass: 'error' };

function prepare(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  options: RankingOptions,
  fn: string,
): { split: SplitScores; policy: OneClassPolicy } {
  const policy = oneOf(`${fn}: oneClass`, options.oneClass ?? DEFAULT_RANKING_OPTIONS.oneClass, ONE_CLASS_POLICIES);
  for (let i = 0; i < yTrue.length; i++) {
    const v = yTrue[i];
    if (v !== 0 && v !== 1)
      throw new VesselprintError('BAD_ARGUMENT', `${fn}: labels must be 0/1, got ${v} at position ${i + 1}`, { field: 'yTrue' });
  }
  return { split: splitScores(yScore, yTrue, options.mask, fn), policy };
}

function undefinedResult(fn: string, policy: OneClassPolicy, s: SplitScores): number {
  if (policy === 'nan') return Number.NaN;
  throw new VesselprintError(
    'BAD_ARGUMENT',
    `${fn}: needs both classes, got ${s.pos.length} positives and ${s.neg.length} negatives (pass oneClass: 'nan' to get NaN instead)`,
    { field: 'yTrue' },
  );
}

/**
 * Exact, tie-aware area under the ROC curve: the Mann–Whitney probability
 * AUC = P(s⁺ > s⁻) + ½ P(s⁺ = s⁻) over all positive/negative pairs, which equals the trapezoidal
 * area under the ROC curve with tied scores as one step (scikit-learn `roc_auc_score`;
 * Hanley & McNeil 1982, doi:10.1148/radiology.143.1.7063747). O(n log n).
 * @param yTrue labels, 1 = positive, 0 = negative
 * @param yScore higher = more likely positive; NaN is an error
 * @throws VesselprintError for labels other than 0/1, a NaN score, different lengths, and (policy 'error') one class only
 * @example rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function rocAuc(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, options: RankingOptions = {}): number {
  const { split, policy } = prepare(yTrue, yScore, options, 'rocAuc');
  if (split.pos.length === 0 || split.neg.length === 0) return undefinedResult('rocAuc', policy, split);
  return rocAucSorted(split);
}

/** {@link rocAuc} on already split and sorted scores (NaN when one class is absent). */
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
 * to low (no interpolation), exactly scikit-learn's `average_precision_score`; reported as
 * "AUC-PR". Undefined without positives (policy applies); 1 when every item is positive.
 * @param yTrue labels, 1 = positive, 0 = negative
 * @param yScore higher = more likely positive
 * @throws VesselprintError as {@link rocAuc}
 * @example averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.8333…
 */
export function averagePrecision(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, options: RankingOptions = {}): number {
  const { split, policy } = prepare(yTrue, yScore, options, 'averagePrecision');
  if (split.pos.length === 0) return undefinedResult('averagePrecision', policy, split);
  return averagePrecisionSorted(split);
}

/** {@link averagePrecision} on already split and sorted scores (NaN without positives). */
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
