/**
 * The one sample quantile of vesselprint (radiomics percentiles, bootstrap CIs, winsorising,
 * median imputation, figure clipping all use it).
 */

/**
 * Quantile of already-sorted values by linear interpolation between order statistics,
 * Hyndman & Fan (1996) type 7 (the default of R `quantile` and numpy `linear`;
 * doi:10.1080/00031305.1996.10473566): h = (n − 1) q,
 * Q(q) = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) with 0-based order statistics.
 * @param sorted values in ascending order (not checked; sort a copy first)
 * @param q probability in [0, 1]
 * @returns NaN for an empty input
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
