/**
 * The one subject-grouped, stratified k-fold assignment of vesselprint, used by the manifest's
 * `subjectKFold` and by learn/'s `groupedStratifiedKFold` (cross-validation of models).
 */
import type { Rng } from './rng.js';

/**
 * Deals subjects into `k` folds: each stratum's subjects (in the order given) are shuffled with
 * `rng`, the strata are taken in the order given, and the subjects are dealt round-robin into
 * folds 0, 1, …, k−1, 0, … continuing across strata. Hence within every stratum the fold sizes
 * differ by at most one subject, and so do the fold totals; every subject (with all its images
 * or rows) lands in exactly one fold. Balance is by subjects, not by images or rows.
 * Same input order + same rng state → same folds.
 * @param strata `[stratum key, subject ids]` pairs, e.g. strata sorted by key and ids sorted within
 * @returns subject id → 0-based fold
 * @example dealFolds([['0', ['a', 'b']], ['1', ['c']]], 2, createRng(1)) // Map { a → 0|1, b → 1|0, c → 0 }
 */
export function dealFolds(strata: ReadonlyArray<readonly [string, readonly string[]]>, k: number, rng: Rng): Map<string, number> {
  const fold = new Map<string, number>();
  let next = 0;
  for (const [, subjects] of strata) {
    for (const s of rng.shuffleInPlace([...subjects])) {
      fold.set(s, next);
      next = (next + 1) % k;
    }
  }
  return fold;
}
