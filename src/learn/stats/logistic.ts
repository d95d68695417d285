/**
 * Maximum-likelihood logistic regression by Newton–Raphson (= IRLS), matching statsmodels
 * `Logit(y, X).fit()`: Wald z statistics, normal-based p-values and CIs, log-likelihood,
 * null log-likelihood, McFadden pseudo-R², likelihood-ratio test.
 *
 * Score U = Xᵀ(y − π), information I = Xᵀ W X with W = diag(π(1−π)); β ← β + I⁻¹U
 * (McCullagh & Nelder 1989, §4.4). Optional HC0 sandwich covariance I⁻¹ (Σ sᵢsᵢᵀ) I⁻¹, or
 * cluster-robust I⁻¹ (Σ_g u_g u_gᵀ) I⁻¹ (stats/cluster.ts).
 */
import { VesselprintError } from '../../core/errors.js';
import { cholesky, choleskyInverse, choleskySolve, crossprod, crossprodVec, matVec } from '../linalg.js';
import { pChisqUpper, pNormal2, zQuantile } from './distributions.js';
import type { CovType, RegressionFit } from './regressionTypes.js';
import { sandwich } from './ols.js';
import { clusterCovariance, type ClusterIndex } from './cluster.js';

export interface LogisticOptions {
  /** `nonrobust` (inverse information), `HC0` (sandwich) or `cluster` (needs `clusters`). HC3 is not defined here. Default `nonrobust`. */
  covType?: CovType;
  /** Cluster of each row for `covType: 'cluster'`. */
  clusters?: ClusterIndex;
  names?: string[];
  /** Confidence level. Default 0.95. */
  level?: number;
  /** Maximum Newton iterations. Default 100. */
  maxIter?: number;
  /** Convergence tolerance on the largest coefficient change. Default 1e-10. */
  tol?: number;
}

const sigmoid = (t: number): number => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

/** log(1 + eᵗ) computed without overflow. */
export function log1pExp(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/**
 * Fits P(y=1) = 1/(1+exp(−Xβ)) by maximum likelihood.
 * @throws VesselprintError BAD_ARGUMENT when y is not 0/1, all one class, when X is collinear, or
 * the fit does not converge (typically perfect separation: a covariate predicts the outcome exactly).
 * @example logisticFit(x, n, 2, y).coef // [intercept, slope] on the log-odds scale
 */
export function logisticFit(x: Float64Array, n: number, p: number, y: Float64Array, options: LogisticOptions = {}): RegressionFit {
  const covType = options.covType ?? 'nonrobust';
  if (covType === 'HC3')
    throw new VesselprintError('BAD_ARGUMENT', 'logistic regression supports covType "nonrobust" or "HC0" (HC3 is defined for OLS only)', {
      field: 'covType',
    });
  const level = options.level ?? 0.95,
    maxIter = options.maxIter ?? 100,
    tol = options.tol ?? 1e-10;
  let ones = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new VesselprintError('BAD_ARGUMENT', `logistic outcome must be 0/1, got ${y[i]} at row ${i + 1}`);
    ones += y[i]!;
  }
  if (ones === 0 || ones === n) throw new VesselprintError('BAD_ARGUMENT', `logistic outcome has only one class (${ones} of ${n} are 1)`);
  if (n <= p) throw new VesselprintError('BAD_ARGUMENT', `logistic regression needs more rows (${n}) than coefficients (${p})`);
  let beta: Float64Array = new Float64Array(p);
  let converged = false,
    it: number;
  const w = new Float64Array(n),
    r = new Float64Array(n);
  let l: Float64Array;
  for (it = 1; it <= maxIter; it++) {
    const eta = matVec(x, n, p, beta);
    for (let i = 0; i < n; i++) {
      const pi = sigmoid(eta[i]!);
      w[i] = pi * (1 - pi);
      r[i] = y[i]! - pi;
    }
    try {
      l = cholesky(crossprod(x, n, p, w), p, 'XᵀWX');
    } catch (e) {
      if (it === 1) throw e;
      break; // weights collapsed to 0: fitted probabilities hit 0/1 (separation)
    }
    const step = choleskySolve(l, p, crossprodVec(x, n, p, r));
    let maxStep = 0;
    for (let j = 0; j < p; j++) {
      beta[j] += step[j]!;
      maxStep = Math.max(maxStep, Math.abs(step[j]!) / Math.max(1, Math.abs(beta[j]!)));
    }
    if (!beta.every(Number.isFinite)) break;
    if (maxStep < tol) {
      converged = true;
      break;
    }
  }
  if (!converged) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `logistic regression did not converge in ${maxIter} iterations (perfect or quasi-separation? a covariate may predict the outcome exactly)`,
    );
  }
  // Final quantities at the converged β.
  const eta = matVec(x, n, p, beta);
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    const pi = sigmoid(eta[i]!);
    w[i] = pi * (1 - pi);
    r[i] = y[i]! - pi;
    logLik += y[i]! * eta[i]! - log1pExp(eta[i]!);
  }
  l = cholesky(crossprod(x, n, p, w), p, 'XᵀWX');
  const infoInv = choleskyInverse(l, p);
  let cov = infoInv;
  if (covType === 'HC0')
    cov = sandwich(
      x,
      n,
      p,
      infoInv,
      r.map((v) => v * v),
    );
  else if (covType === 'cluster') {
    if (!options.clusters)
      throw new VesselprintError('BAD_ARGUMENT', 'covType "cluster" needs the cluster of each row (options.clusters)', {
        field: 'cluster',
      });
    cov = clusterCovariance(x, n, p, infoInv, r, options.clusters);
  }
  const ybar = ones / n;
  const llNull = n * (ybar * Math.log(ybar) + (1 - ybar) * Math.log(1 - ybar));
  const hasIntercept = (() => {
    for (let i = 0; i < n; i++) if (x[i * p] !== 1) return false;
    return true;
  })();
  const dfModel = hasIntercept ? p - 1 : p;
  const zq = zQuantile(1 - (1 - level) / 2);
  const se = new Float64Array(p),
    stat = new Float64Array(p),
    pv = new Float64Array(p),
    lo = new Float64Array(p),
    hi = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    se[j] = Math.sqrt(cov[j * p + j]!);
    stat[j] = beta[j]! / se[j]!;
    pv[j] = pNormal2(stat[j]!);
    lo[j] = beta[j]! - zq * se[j]!;
    hi[j] = beta[j]! + zq * se[j]!;
  }
  const llr = 2 * (logLik - llNull);
  beta = Float64Array.from(beta);
  return {
    family: 'binomial',
    names: options.names ?? Array.from({ length: p }, (_, j) => `x${j}`),
    coef: beta,
    se,
    stat,
    p: pv,
    ciLow: lo,
    ciHigh: hi,
    cov,
    covType,
    useT: false,
    ...(options.clusters && covType === 'cluster' ? { nClusters: options.clusters.nClusters } : {}),
    n,
    dfModel,
    dfResid: n - p,
    logLik,
    aic: -2 * logLik + 2 * p,
    bic: -2 * logLik + Math.log(n) * p,
    llNull,
    pseudoR2: 1 - logLik / llNull,
    llr,
    llrPValue: pChisqUpper(llr, dfModel),
    iterations: it,
    converged,
  };
}
