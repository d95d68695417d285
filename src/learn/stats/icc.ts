/**
 * Test–retest / inter-rater reliability of one measurement: two-way ANOVA mean squares of an
 * n subjects × k occasions table, single-measure ICC(2,1) (absolute agreement, two-way random)
 * and ICC(3,1) (consistency, two-way mixed) with the F-based confidence intervals of
 * McGraw & Wong (1996), the standard error of measurement and the minimal detectable change.
 *
 * Shrout & Fleiss 1979, doi:10.1037/0033-2909.86.2.420 (ICC(2,1), ICC(3,1), Table 2);
 * McGraw & Wong 1996, doi:10.1037/1082-989X.1.1.30 (CIs, Table 7: cases 3 "C,1" and 2A "A,1");
 * Weir 2005, doi:10.1519/15184.1 (SEM = √MSE, MDC95 = 1.96·√2·SEM).
 */
import { VesselprintError } from '../../core/errors.js';
import type { Matrix } from '../types.js';
import { fQuantileDf } from './distributions.js';

/** Two-way ANOVA (subjects × occasions, one observation per cell) mean squares. */
export interface TwoWayAnova {
  /** Subjects (rows). */
  n: number;
  /** Occasions / raters (columns). */
  k: number;
  /** Between-subjects mean square (BMS, MS_R), df n−1. */
  msr: number;
  /** Between-occasions mean square (JMS, MS_C), df k−1. */
  msc: number;
  /** Residual mean square (EMS, MS_E), df (n−1)(k−1). */
  mse: number;
  /** Within-subject mean square (WMS), df n(k−1) (one-way model, ICC(1)). */
  msw: number;
}

/**
 * Mean squares of the two-way layout (Shrout & Fleiss 1979, Table 1).
 * @throws VesselprintError BAD_ARGUMENT when n < 2, k < 2 or a value is not finite.
 * @example twoWayAnova({ data: Float64Array.from([1, 2, 3, 5]), nRows: 2, nCols: 2 }).msr // 4.5
 */
export function twoWayAnova(m: Matrix): TwoWayAnova {
  const n = m.nRows,
    k = m.nCols;
  if (n < 2 || k < 2) throw new VesselprintError('BAD_ARGUMENT', `ICC needs ≥ 2 subjects and ≥ 2 measurements each, got ${n}×${k}`);
  let grand = 0;
  const rowM = new Float64Array(n),
    colM = new Float64Array(k);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) {
      const v = m.data[i * k + j]!;
      if (!Number.isFinite(v))
        throw new VesselprintError('BAD_ARGUMENT', `ICC: value at subject ${i + 1}, occasion ${j + 1} is not finite (${v})`);
      grand += v;
      rowM[i] += v / k;
      colM[j] += v / n;
    }
  grand /= n * k;
  let ssr = 0,
    ssc = 0,
    sst = 0;
  for (let i = 0; i < n; i++) ssr += k * (rowM[i]! - grand) ** 2;
  for (let j = 0; j < k; j++) ssc += n * (colM[j]! - grand) ** 2;
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) sst += (m.data[i * k + j]! - grand) ** 2;
  const sse = sst - ssr - ssc;
  return { n, k, msr: ssr / (n - 1), msc: ssc / (k - 1), mse: sse / ((n - 1) * (k - 1)), msw: (sst - ssr) / (n * (k - 1)) };
}

export interface IccOptions {
  /** Confidence level of the intervals. Default 0.95. */
  level?: number;
}
export const DEFAULT_ICC_OPTIONS: Required<IccOptions> = { level: 0.95 };

export interface IccResult extends TwoWayAnova {
  /** ICC(2,1) = (MSR−MSE)/(MSR+(k−1)MSE+k(MSC−MSE)/n), absolute agreement. */
  icc2: number;
  icc2CiLow: number;
  icc2CiHigh: number;
  /** ICC(3,1) = (MSR−MSE)/(MSR+(k−1)MSE), consistency (systematic occasion offsets ignored). */
  icc3: number;
  icc3CiLow: number;
  icc3CiHigh: number;
  /** Standard error of measurement √MSE, in the feature's unit. */
  sem: number;
  /** Minimal detectable change at 95 %: 1.96·√2·SEM, in the feature's unit. */
  mdc95: number;
}

/**
 * ICC(2,1) and ICC(3,1) with McGraw & Wong (1996) F-based confidence intervals, SEM and MDC95.
 *
 * ICC(3,1): F₀ = MSR/MSE; F_L = F₀/F_{1−α/2}(n−1, (n−1)(k−1)), F_U = F₀·F_{1−α/2}((n−1)(k−1), n−1);
 * CI = ((F_L−1)/(F_L+k−1), (F_U−1)/(F_U+k−1)).
 * ICC(2,1): a = kρ̂/(n(1−ρ̂)), b = 1 + kρ̂(n−1)/(n(1−ρ̂)), Satterthwaite
 * v = (a·MSC + b·MSE)² / ((a·MSC)²/(k−1) + (b·MSE)²/((n−1)(k−1))), F* = F_{1−α/2}(n−1, v),
 * F** = F_{1−α/2}(v, n−1); L = n(MSR − F*·MSE)/(F*(k·MSC + (kn−k−n)MSE) + n·MSR),
 * U = n(F**·MSR − MSE)/(k·MSC + (kn−k−n)MSE + n·F**·MSR).
 * @example iccWithCi(shroutFleissTable2).icc3 // 0.715 (published .71)
 */
export function iccWithCi(m: Matrix, options: IccOptions = {}): IccResult {
  const level = options.level ?? DEFAULT_ICC_OPTIONS.level;
  if (!(level > 0 && level < 1))
    throw new VesselprintError('BAD_ARGUMENT', `ICC level must be in (0, 1), got ${level}`, { field: 'level' });
  const a = twoWayAnova(m);
  const { n, k, msr, msc, mse } = a;
  const q = 1 - (1 - level) / 2;
  const df1 = n - 1,
    df2 = (n - 1) * (k - 1);
  const icc3 = (msr - mse) / (msr + (k - 1) * mse);
  const f0 = msr / mse;
  const fl = f0 / fQuantileDf(q, df1, df2),
    fu = f0 * fQuantileDf(q, df2, df1);
  const icc2 = (msr - mse) / (msr + (k - 1) * mse + (k * (msc - mse)) / n);
  const aa = (k * icc2) / (n * (1 - icc2));
  const bb = 1 + (k * icc2 * (n - 1)) / (n * (1 - icc2));
  const v = (aa * msc + bb * mse) ** 2 / ((aa * msc) ** 2 / (k - 1) + (bb * mse) ** 2 / df2);
  const fs = fQuantileDf(q, df1, v),
    fss = fQuantileDf(q, v, df1);
  const c = k * msc + (k * n - k - n) * mse;
  const sem = Math.sqrt(mse);
  return {
    ...a,
    icc2,
    icc2CiLow: (n * (msr - fs * mse)) / (fs * c + n * msr),
    icc2CiHigh: (n * (fss * msr - mse)) / (c + n * fss * msr),
    icc3,
    icc3CiLow: (fl - 1) / (fl + k - 1),
    icc3CiHigh: (fu - 1) / (fu + k - 1),
    sem,
    mdc95: 1.96 * Math.SQRT2 * sem,
  };
}
