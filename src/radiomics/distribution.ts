import { quantileSorted } from '../core/quantile.js';
import { ratio } from './math.js';
import { sortValuesInPlace } from './sortValues.js';

/**
 * Summary of a set of values used by the intensity statistics (IBSI 3.3) and the intensity
 * histogram (IBSI 3.4) families, which share their formulas: moments with denominator N,
 * excess kurtosis, type-7 percentiles.
 */
export interface DistributionSummary {
  n: number;
  mean: number;
  /** Biased variance, Σ(x − μ)²/N. */
  variance: number;
  skewness: number;
  /** Excess kurtosis m4/m2² − 3. */
  kurtosis: number;
  median: number;
  min: number;
  max: number;
  p10: number;
  p25: number;
  p75: number;
  p90: number;
  /** Mean absolute deviation from the mean. */
  mad: number;
  /** Mean absolute deviation from the mean of the values within [P10, P90]. */
  rmad: number;
  /** Mean absolute deviation from the median. */
  medad: number;
  /** Σ x². */
  energy: number;
}

/**
 * Computes {@link DistributionSummary} of `values` (any order; not modified).
 * @example summarize([1, 2, 3, 4]).median // 2.5
 */
export function summarize(values: ArrayLike<number>): DistributionSummary {
  const n = values.length;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = values[i]!;
  sortValuesInPlace(x);
  let s = 0;
  let energy = 0;
  for (let i = 0; i < n; i++) {
    s += x[i]!;
    energy += x[i]! * x[i]!;
  }
  const mean = s / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let mad = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    mad += Math.abs(d);
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const median = quantileSorted(x, 0.5);
  const p10 = quantileSorted(x, 0.1);
  const p90 = quantileSorted(x, 0.9);
  let rs = 0;
  let rn = 0;
  for (let i = 0; i < n; i++) {
    if (x[i]! >= p10 && x[i]! <= p90) {
      rs += x[i]!;
      rn++;
    }
  }
  const rmean = rs / rn;
  let rmad = 0;
  let medad = 0;
  for (let i = 0; i < n; i++) {
    if (x[i]! >= p10 && x[i]! <= p90) rmad += Math.abs(x[i]! - rmean);
    medad += Math.abs(x[i]! - median);
  }
  return {
    n,
    mean,
    variance: m2,
    skewness: ratio(m3, m2 ** 1.5),
    kurtosis: ratio(m4, m2 * m2) - 3,
    median,
    min: x[0]!,
    max: x[n - 1]!,
    p10,
    p25: quantileSorted(x, 0.25),
    p75: quantileSorted(x, 0.75),
    p90,
    mad: mad / n,
    rmad: rmad / rn,
    medad: medad / n,
    energy,
  };
}
