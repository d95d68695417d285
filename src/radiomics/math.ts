/** Small numeric helpers shared by the feature families. */

/** `a / b`, or `NaN` when `b` is 0 (an undefined feature value, never a silent 0). */
export function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}

/** Base-2 logarithm term `p log2 p` with the convention 0 log 0 = 0. */
export function plog2p(p: number): number {
  return p > 0 ? p * Math.log2(p) : 0;
}

/**
 * Quantile of sorted values by linear interpolation between order statistics (Hyndman & Fan
 * type 7, the default of R and numpy): h = (n - 1) q, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
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

/** Mean of `f(ctx)` over a list of contexts, skipping `NaN` values; `NaN` when none is defined. */
export function meanOf<C>(items: readonly C[], f: (c: C) => number): number {
  let s = 0;
  let n = 0;
  for (const it of items) {
    const v = f(it);
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : s / n;
}
