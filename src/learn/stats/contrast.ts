/**
 * Linear combinations and joint Wald tests of fitted coefficients, used for effect modification
 * (stratum-specific estimates β_x + β_{x:M=l}, joint test of all interaction terms) and
 * non-linearity (joint test of spline terms, dose–response curves).
 * Wald: W = (Cβ)ᵀ (C V Cᵀ)⁻¹ (Cβ) ~ χ²_q for q selected coefficients (Wald 1943,
 * doi:10.1090/S0002-9947-1943-0012401-3); a contrast cᵀβ has SE √(cᵀVc).
 */
import { cholesky, choleskySolve } from '../linalg.js';
import { pChisqUpper, pNormal2, pT2, tQuantileDf, zQuantile } from './distributions.js';

/** The parts of a fit a contrast needs. */
export interface CoefCov {
  coef: Float64Array;
  cov: Float64Array;
  useT?: boolean;
  dfResid?: number;
}

export interface Estimate {
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  p: number;
}

/**
 * cᵀβ with its SE, CI (t with the fit's residual df when `useT`, else normal) and p.
 * @example contrast(fit, [0, 1, 0, 1]) // β₁ + β₃, e.g. the exposure effect in the level of a modifier
 */
export function contrast(fit: CoefCov, c: ArrayLike<number>, level = 0.95): Estimate {
  const p = fit.coef.length;
  let est = 0,
    v = 0;
  for (let i = 0; i < p; i++) {
    est += c[i]! * fit.coef[i]!;
    for (let j = 0; j < p; j++) v += c[i]! * fit.cov[i * p + j]! * c[j]!;
  }
  const se = Math.sqrt(v),
    stat = est / se;
  const useT = fit.useT === true && fit.dfResid !== undefined;
  const q = useT ? tQuantileDf(1 - (1 - level) / 2, fit.dfResid!) : zQuantile(1 - (1 - level) / 2);
  return { estimate: est, se, ciLow: est - q * se, ciHigh: est + q * se, p: useT ? pT2(stat, fit.dfResid!) : pNormal2(stat) };
}

/**
 * Joint Wald χ² test that the coefficients at `idx` are all 0.
 * @example waldTest(fit, [3, 4]) // { chisq, df: 2, p }
 */
export function waldTest(fit: CoefCov, idx: readonly number[]): { chisq: number; df: number; p: number } {
  const p = fit.coef.length,
    q = idx.length;
  if (q === 0) return { chisq: NaN, df: 0, p: NaN };
  const v = new Float64Array(q * q),
    b = new Float64Array(q);
  idx.forEach((i, a) => {
    b[a] = fit.coef[i]!;
    idx.forEach((j, c) => {
      v[a * q + c] = fit.cov[i * p + j]!;
    });
  });
  const sol = choleskySolve(cholesky(v, q, 'covariance of the tested coefficients'), q, b);
  let chisq = 0;
  for (let a = 0; a < q; a++) chisq += b[a]! * sol[a]!;
  return { chisq, df: q, p: pChisqUpper(chisq, q) };
}
