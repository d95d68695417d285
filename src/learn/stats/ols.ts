/**
 * Ordinary least squares with model-based or robust (HC0/HC3) standard errors, matching
 * statsmodels `OLS(y, X).fit(cov_type=…)`.
 *
 * β̂ = (XᵀX)⁻¹Xᵀy; σ̂² = RSS/(n−p); Var(β̂) = σ̂²(XᵀX)⁻¹ (nonrobust);
 * HC0 = (XᵀX)⁻¹ Xᵀ diag(eᵢ²) X (XᵀX)⁻¹ (White 1980, doi:10.2307/1912934);
 * HC3 uses eᵢ²/(1−hᵢᵢ)² (MacKinnon & White 1985, doi:10.1016/0304-4076(85)90158-7).
 * Cluster-robust (`cluster`): see stats/cluster.ts (statsmodels `cov_type='cluster'`).
 * Inference uses Student t with n−p df for the model-based covariance and the normal
 * distribution for robust ones (statsmodels' default `use_t`).
 */
import { VesselprintError } from '../../core/errors.js';
import { cholesky, choleskyInverse, choleskySolve, crossprod, crossprodVec, matVec, sandwichProduct } from '../linalg.js';
import { clusterCovariance, type ClusterIndex } from './cluster.js';
import { waldTest } from './contrast.js';
import { pFUpper, pNormal2, pT2, tQuantileDf, zQuantile } from './distributions.js';
import type { CovType, RegressionFit } from './regressionTypes.js';

export interface OlsOptions {
  /** Covariance type. Default `'nonrobust'`. `'cluster'` needs `clusters`. */
  covType?: CovType;
  /** Cluster of each row (see {@link clusterIndex}) for `covType: 'cluster'`. */
  clusters?: ClusterIndex;
  /** Column names (default x0, x1, …). */
  names?: string[];
  /** Confidence level. Default 0.95. */
  level?: number;
}

/** Sandwich (XᵀX)⁻¹ Xᵀ diag(ω) X (XᵀX)⁻¹. */
export function sandwich(x: Float64Array, n: number, p: number, bread: Float64Array, omega: Float64Array): Float64Array {
  return sandwichProduct(bread, crossprod(x, n, p, omega), p);
}

/** Leverages hᵢᵢ = xᵢᵀ (XᵀX)⁻¹ xᵢ. */
function leverages(x: Float64Array, n: number, p: number, xtxInv: Float64Array): Float64Array {
  const h = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let i = 0; i < p; i++) {
      let t = 0;
      for (let j = 0; j < p; j++) t += xtxInv[i * p + j]! * x[r * p + j]!;
      s += x[r * p + i]! * t;
    }
    h[r] = s;
  }
  return h;
}

/**
 * Fits y = Xβ + ε by least squares. X is row-major n×p and must contain the intercept column
 * (column 0 of 1s) if one is wanted; R² is centred when an intercept is present.
 * @throws VesselprintError BAD_ARGUMENT when n ≤ p or X is collinear.
 * @example olsFit(Float64Array.from([1,0, 1,1, 1,2]), 3, 2, Float64Array.from([1,3,5])).coef // [1, 2]
 */
export function olsFit(x: Float64Array, n: number, p: number, y: Float64Array, options: OlsOptions = {}): RegressionFit {
  const covType = options.covType ?? 'nonrobust';
  const level = options.level ?? 0.95;
  if (n <= p) throw new VesselprintError('BAD_ARGUMENT', `OLS needs more rows (${n}) than coefficients (${p})`);
  const xtx = crossprod(x, n, p);
  const l = cholesky(xtx, p, 'XᵀX');
  const coef = choleskySolve(l, p, crossprodVec(x, n, p, y));
  const xtxInv = choleskyInverse(l, p);
  const fitted = matVec(x, n, p, coef);
  const resid = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    resid[i] = y[i]! - fitted[i]!;
    rss += resid[i]! * resid[i]!;
  }
  const dfResid = n - p;
  const hasIntercept = (() => {
    for (let i = 0; i < n; i++) if (x[i * p] !== 1) return false;
    return true;
  })();
  const dfModel = hasIntercept ? p - 1 : p;
  let cov: Float64Array;
  if (covType === 'nonrobust') {
    const s2 = rss / dfResid;
    cov = xtxInv.map((v) => v * s2);
  } else if (covType === 'cluster') {
    if (!options.clusters)
      throw new VesselprintError('BAD_ARGUMENT', 'covType "cluster" needs the cluster of each row (options.clusters)', {
        field: 'cluster',
      });
    cov = clusterCovariance(x, n, p, xtxInv, resid, options.clusters);
  } else {
    const omega = new Float64Array(n);
    const h = covType === 'HC3' ? leverages(x, n, p, xtxInv) : undefined;
    for (let i = 0; i < n; i++) omega[i] = h ? (resid[i]! / (1 - h[i]!)) ** 2 : resid[i]! ** 2;
    cov = sandwich(x, n, p, xtxInv, omega);
  }
  const se = new Float64Array(p),
    stat = new Float64Array(p),
    pv = new Float64Array(p),
    lo = new Float64Array(p),
    hi = new Float64Array(p);
  const useT = covType === 'nonrobust';
  const q = useT ? tQuantileDf(1 - (1 - level) / 2, dfResid) : zQuantile(1 - (1 - level) / 2);
  for (let j = 0; j < p; j++) {
    se[j] = Math.sqrt(cov[j * p + j]!);
    stat[j] = coef[j]! / se[j]!;
    pv[j] = useT ? pT2(stat[j]!, dfResid) : pNormal2(stat[j]!);
    lo[j] = coef[j]! - q * se[j]!;
    hi[j] = coef[j]! + q * se[j]!;
  }
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i]!;
  ybar /= n;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += hasIntercept ? (y[i]! - ybar) ** 2 : y[i]! ** 2;
  const r2 = 1 - rss / tss;
  const logLik = (-n / 2) * (Math.log(2 * Math.PI) + Math.log(rss / n) + 1);
  // Overall F (nonrobust: ESS-based; robust: Wald test of all non-intercept coefficients).
  let fStat: number;
  if (covType === 'nonrobust') fStat = (tss - rss) / dfModel / (rss / dfResid);
  else
    fStat =
      waldTest(
        { coef, cov },
        Array.from({ length: p }, (_, j) => j).filter((j) => !(hasIntercept && j === 0)),
      ).chisq / dfModel;
  return {
    family: 'gaussian',
    names: options.names ?? Array.from({ length: p }, (_, j) => `x${j}`),
    coef,
    se,
    stat,
    p: pv,
    ciLow: lo,
    ciHigh: hi,
    cov,
    covType,
    useT,
    ...(options.clusters && covType === 'cluster' ? { nClusters: options.clusters.nClusters } : {}),
    n,
    dfModel,
    dfResid,
    logLik,
    aic: -2 * logLik + 2 * p,
    bic: -2 * logLik + Math.log(n) * p,
    r2,
    adjR2: 1 - ((1 - r2) * (n - (hasIntercept ? 1 : 0))) / dfResid,
    fStat,
    fPValue: dfModel > 0 ? pFUpper(fStat, dfModel, dfResid) : NaN,
  };
}
