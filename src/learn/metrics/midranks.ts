/**
 * Midranks, the rank statistic behind the Mann–Whitney form of the ROC AUC and DeLong's
 * variance (the AUC itself is `rocAuc` in ./ranking.ts).
 */

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
