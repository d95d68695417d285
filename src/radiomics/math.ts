/** Small numeric helpers shared by the feature families. */

/** `a / b`, or `NaN` when `b` is 0 (an undefined feature value, never a silent 0). */
export function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}

/** Base-2 logarithm term `p log2 p` with the convention 0 log 0 = 0. */
export function plog2p(p: number): number {
  return p > 0 ? p * Math.log2(p) : 0;
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
