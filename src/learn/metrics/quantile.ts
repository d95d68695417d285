/**
 * Quantile of already-sorted values, Hyndman & Fan type 7 (R default, numpy `linear`):
 * h = (n−1)q, x₍⌊h⌋₎ + (h−⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). @example quantileType7([1,2,3,4], 0.5) // 2.5
 */
export function quantileType7(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
