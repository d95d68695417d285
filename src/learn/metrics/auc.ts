/**
 * Area under the ROC curve as the Mann–Whitney statistic with midranks for ties:
 * AUC = (R₊ − n₊(n₊+1)/2) / (n₊n₋), R₊ the rank sum of the positives
 * (Hanley & McNeil 1982, doi:10.1148/radiology.143.1.7063747). Equals the trapezoidal area.
 */
import { checkBinary } from './checks.js';

/** Midranks (1-based, ties get their average rank) of `x`. */
export function midranks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const r = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[idx[j + 1]!] === x[idx[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]!] = rank;
    i = j + 1;
  }
  return r;
}

/**
 * ROC AUC of `score` for labels `y` (1 = positive; higher score = more likely positive).
 * @throws VesselprintError when labels are not 0/1 or one class is absent.
 * @example rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function rocAuc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const { nPos, nNeg } = checkBinary(y, score, 'rocAuc');
  const r = midranks(score);
  let rPos = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === 1) rPos += r[i]!;
  return (rPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
