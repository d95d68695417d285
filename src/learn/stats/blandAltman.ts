/**
 * Bland–Altman agreement of two measurements of the same subjects (method A vs B, visit 1 vs 2):
 * the mean difference (bias), the 95 % limits of agreement bias ± 1.96·SD, and their
 * confidence intervals.
 *
 * Bland & Altman 1986, doi:10.1016/S0140-6736(86)90837-8: d = a − b, bias = mean(d),
 * SD = sample SD of d (n−1); SE(bias) = SD/√n; SE(limit) ≈ √(3·SD²/n); CI = estimate ± t_{n−1}·SE.
 */
import { VesselprintError } from '../../core/errors.js';
import { tQuantileDf, zQuantile } from './distributions.js';

export interface BlandAltmanOptions {
  /** Coverage of the limits of agreement (multiplier z_{(1+coverage)/2}; 0.95 → 1.96). Default 0.95. */
  coverage?: number;
  /** Confidence level of the CIs of bias and limits. Default 0.95. */
  level?: number;
  /** Name of the pair for error messages. Default 'blandAltman'. */
  what?: string;
}
export const DEFAULT_BLAND_ALTMAN_OPTIONS: Required<BlandAltmanOptions> = { coverage: 0.95, level: 0.95, what: 'blandAltman' };

export interface BlandAltmanResult {
  /** Pairs used (both finite). */
  n: number;
  /** Mean of a − b, in the measurement's unit. */
  bias: number;
  /** Sample SD (n−1) of a − b. */
  sd: number;
  loaLow: number;
  loaHigh: number;
  biasCi: [number, number];
  loaLowCi: [number, number];
  loaHighCi: [number, number];
  /** Per pair: (a+b)/2 and a−b (for the plot). */
  means: number[];
  diffs: number[];
}

/**
 * Bland–Altman bias and limits of agreement of `a` vs `b` (pairs with a non-finite member are skipped).
 * @throws VesselprintError SHAPE_MISMATCH for different lengths; EMPTY_INPUT with < 3 complete pairs.
 * @example blandAltman([10, 12, 11, 13], [9, 12, 10, 12]) // { n: 4, bias: 0.75, sd: 0.5, loaLow: −0.23, loaHigh: 1.73, … }
 */
export function blandAltman(a: readonly number[], b: readonly number[], options: BlandAltmanOptions = {}): BlandAltmanResult {
  const o = { ...DEFAULT_BLAND_ALTMAN_OPTIONS, ...options };
  if (a.length !== b.length)
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `${o.what}: the two measurements have ${a.length} and ${b.length} values (expected pairs)`,
    );
  const means: number[] = [],
    diffs: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      means.push((a[i]! + b[i]!) / 2);
      diffs.push(a[i]! - b[i]!);
    }
  }
  const n = diffs.length;
  if (n < 3) throw new VesselprintError('EMPTY_INPUT', `${o.what}: need ≥ 3 complete pairs, got ${n}`);
  const bias = diffs.reduce((s, d) => s + d, 0) / n;
  const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - bias) ** 2, 0) / (n - 1));
  const z = zQuantile(1 - (1 - o.coverage) / 2);
  const t = tQuantileDf(1 - (1 - o.level) / 2, n - 1);
  const seBias = sd / Math.sqrt(n),
    seLoa = Math.sqrt((3 * sd * sd) / n);
  const loaLow = bias - z * sd,
    loaHigh = bias + z * sd;
  return {
    n,
    bias,
    sd,
    loaLow,
    loaHigh,
    biasCi: [bias - t * seBias, bias + t * seBias],
    loaLowCi: [loaLow - t * seLoa, loaLow + t * seLoa],
    loaHighCi: [loaHigh - t * seLoa, loaHigh + t * seLoa],
    means,
    diffs,
  };
}
