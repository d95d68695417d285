/** Small descriptive statistics of the fingerprint aggregates (population SD; median = type-7 quantile 0.5). */
import { quantileSorted } from '../core/quantile.js';

/** Arithmetic mean; NaN for no values. @example mean([1, 2, 3]) // 2 */
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

/** Population standard deviation √(Σ(x − m)²/n) around `m` (default: the mean). @example sd([1, 3]) // 1 */
export function sd(xs: ArrayLike<number>, m = mean(xs)): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i]! - m) * (xs[i]! - m);
  return Math.sqrt(s / xs.length);
}

/** Median (type-7 quantile at 0.5). @example median([3, 1, 2, 10]) // 2.5 */
export function median(xs: ArrayLike<number>): number {
  return quantileSorted(Float64Array.from(xs).sort(), 0.5);
}

/** `x` when finite, else `null`. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Ordinary least-squares slope of ys on xs and the R² of the fit (R² = 1 when ys are constant). @example olsFit([0, 1, 2], [1, 3, 5]).slope // 2 */
export function olsFit(xs: readonly number[], ys: readonly number[]): { slope: number; r2: number } {
  const n = xs.length;
  const mx = mean(xs),
    my = mean(ys);
  let sxx = 0,
    sxy = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    syy += (ys[i]! - my) ** 2;
  }
  return { slope: sxy / sxx, r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : 1 };
}
