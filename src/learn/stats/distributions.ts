/**
 * Probability distributions used by the association statistics. All come from the maintained
 * `@stdlib` packages (not hand-rolled): normal, Student t, chi-square and F (CDF and quantile).
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import chisqCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import fCdf from '@stdlib/stats-base-dists-f-cdf';
import fQuantile from '@stdlib/stats-base-dists-f-quantile';

/** Two-sided p-value of a z statistic: 2·Φ(−|z|). @example pNormal2(1.959964) // ≈ 0.05 */
export function pNormal2(z: number): number {
  return 2 * normalCdf(-Math.abs(z), 0, 1);
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom: 2·F_t(−|t|; df). */
export function pT2(t: number, df: number): number {
  return 2 * tCdf(-Math.abs(t), df);
}

/** Standard normal quantile Φ⁻¹(q). @example zQuantile(0.975) // 1.959963984540054 */
export function zQuantile(q: number): number {
  return normalQuantile(q, 0, 1);
}

/** Student t quantile with `df` degrees of freedom. @example tQuantileDf(0.975, 10) // 2.228139 */
export function tQuantileDf(q: number, df: number): number {
  return tQuantile(q, df);
}

/** Upper tail P(X > x) of a chi-square with `df` degrees of freedom. */
export function pChisqUpper(x: number, df: number): number {
  return 1 - chisqCdf(x, df);
}

/** Upper tail P(X > x) of an F(d1, d2) distribution. */
export function pFUpper(x: number, d1: number, d2: number): number {
  return 1 - fCdf(x, d1, d2);
}

/** Standard normal CDF Φ(z). */
export function phi(z: number): number {
  return normalCdf(z, 0, 1);
}

/** F(d1, d2) quantile. @example fQuantileDf(0.975, 5, 15) // 3.576… */
export function fQuantileDf(q: number, d1: number, d2: number): number {
  return fQuantile(q, d1, d2);
}
