/**
 * Generalised estimating equations (GEE) with an exchangeable working correlation, for rows in
 * correlated clusters (two eyes or several visits per participant), matching statsmodels
 * `GEE(y, X, groups, family, cov_struct=Exchangeable()).fit()` (robust covariance).
 *
 * Marginal model g(μᵢ) = xᵢᵀβ, gaussian (identity, v(μ) = 1) or binomial (logit, v(μ) = μ(1−μ)).
 * Per cluster: Dᵢ = ∂μ/∂β, Vᵢ = A^{½} R(α) A^{½}, A = diag v(μ), R(α) = (1−α)I + α11ᵀ.
 * Fisher scoring β ← β + (Σ DᵀV⁻¹D)⁻¹ Σ DᵀV⁻¹(y−μ), alternating with the moment estimators
 * φ = Σ r²/(N−p) and α = Σ_g Σ_{j<k} r_j r_k / (φ (N_pairs − p)) on Pearson residuals r, to the
 * joint fixed point (β, α).
 * Robust ("sandwich") covariance B⁻¹ (Σ_g s_g s_gᵀ) B⁻¹, B = Σ DᵀV⁻¹D, s_g = D_gᵀV_g⁻¹(y_g−μ_g);
 * naive covariance φ·B⁻¹. Normal-based p-values and CIs.
 * Liang & Zeger 1986, doi:10.1093/biomet/73.1.13; Zeger & Liang 1986, doi:10.2307/2531248.
 */
import { VesselprintError, oneOf } from '../../core/errors.js';
import { cholesky, choleskyInverse, choleskySolve, matVec, sandwichProduct } from '../linalg.js';
import type { ClusterIndex } from './cluster.js';
import { pNormal2, zQuantile } from './distributions.js';
import { logisticFit } from './logistic.js';
import { olsFit } from './ols.js';
import type { RegressionFit } from './regressionTypes.js';

export interface GeeOptions {
  /** `gaussian` (identity link) or `binomial` (logit link). Default `gaussian`. */
  family?: 'gaussian' | 'binomial';
  names?: string[];
  /** Confidence level. Default 0.95. */
  level?: number;
  /** Maximum scoring iterations. Default 100. */
  maxIter?: number;
  /** Convergence: largest relative coefficient step and change of α both below tol. Default 1e-10. */
  tol?: number;
}
export const DEFAULT_GEE_OPTIONS = { family: 'gaussian', level: 0.95, maxIter: 100, tol: 1e-10 } as const;

export interface GeeFit extends RegressionFit {
  /** Exchangeable working correlation α. */
  alpha: number;
  /** Dispersion φ (1 for binomial). */
  scale: number;
  /** Model-based covariance φ·B⁻¹ (row-major p×p); `cov` is the robust one. */
  covNaive: Float64Array;
  iterations: number;
  converged: boolean;
}

const sigmoid = (t: number): number => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

/**
 * Fits a GEE with exchangeable working correlation. `x` must hold the intercept if wanted.
 * @throws VesselprintError BAD_ARGUMENT for fewer than 2 clusters, no cluster with ≥ 2 rows,
 * collinear X, or non-convergence.
 * @example geeFit(x, n, p, y, clusterIndex(subjectIds), { family: 'binomial' }).alpha // within-subject correlation
 */
export function geeFit(x: Float64Array, n: number, p: number, y: Float64Array, clusters: ClusterIndex, options: GeeOptions = {}): GeeFit {
  const family = oneOf('family', options.family ?? DEFAULT_GEE_OPTIONS.family, ['gaussian', 'binomial'] as const);
  const level = options.level ?? DEFAULT_GEE_OPTIONS.level,
    maxIter = options.maxIter ?? DEFAULT_GEE_OPTIONS.maxIter,
    tol = options.tol ?? DEFAULT_GEE_OPTIONS.tol;
  const G = clusters.nClusters;
  if (G < 2) throw new VesselprintError('BAD_ARGUMENT', `GEE needs ≥ 2 clusters, got ${G}`, { field: 'cluster' });
  const members: number[][] = Array.from({ length: G }, () => []);
  for (let i = 0; i < n; i++) members[clusters.index[i]!]!.push(i);
  const nPairs = members.reduce((s, m) => s + (m.length * (m.length - 1)) / 2, 0);
  if (nPairs - p <= 0)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `GEE: ${nPairs} within-cluster pairs for ${p} coefficients; the exchangeable correlation needs clusters with ≥ 2 rows (else use ordinary regression)`,
      { field: 'cluster' },
    );
  const fitOpts = { names: options.names ?? [] };
  const beta = Float64Array.from(family === 'gaussian' ? olsFit(x, n, p, y, fitOpts).coef : logisticFit(x, n, p, y, fitOpts).coef);
  const mu = new Float64Array(n),
    dmu = new Float64Array(n),
    sd = new Float64Array(n);
  const means = (): void => {
    const eta = matVec(x, n, p, beta);
    for (let i = 0; i < n; i++) {
      if (family === 'gaussian') {
        mu[i] = eta[i]!;
        dmu[i] = 1;
        sd[i] = 1;
      } else {
        const m = sigmoid(eta[i]!);
        mu[i] = m;
        dmu[i] = m * (1 - m);
        sd[i] = Math.sqrt(m * (1 - m));
      }
    }
  };
  /** B = Σ DᵀV⁻¹D, U = Σ s_g and the per-cluster scores s_g. */
  const equations = (alpha: number): { b: Float64Array; u: Float64Array; scores: Float64Array } => {
    const b = new Float64Array(p * p),
      u = new Float64Array(p),
      scores = new Float64Array(G * p);
    const zs = new Float64Array(p),
      zr = new Float64Array(p);
    for (let g = 0; g < G; g++) {
      const m = members[g]!,
        c = alpha / (1 + (m.length - 1) * alpha),
        f = 1 / (1 - alpha);
      zs.fill(0);
      zr.fill(0);
      let rs = 0;
      for (const i of m) {
        const r = (y[i]! - mu[i]!) / sd[i]!,
          w = dmu[i]! / sd[i]!;
        rs += r;
        for (let a = 0; a < p; a++) {
          const za = x[i * p + a]! * w;
          zs[a] += za;
          zr[a] += za * r;
          for (let k = 0; k <= a; k++) b[a * p + k] += f * za * x[i * p + k]! * w;
        }
      }
      for (let a = 0; a < p; a++) {
        for (let k = 0; k <= a; k++) b[a * p + k] -= f * c * zs[a]! * zs[k]!;
        const s = f * (zr[a]! - c * zs[a]! * rs);
        scores[g * p + a] = s;
        u[a] += s;
      }
    }
    for (let a = 0; a < p; a++) for (let k = 0; k < a; k++) b[k * p + a] = b[a * p + k]!;
    return { b, u, scores };
  };
  const pearsonScale = (): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += ((y[i]! - mu[i]!) / sd[i]!) ** 2;
    return s / (n - p);
  };
  const updateAlpha = (): number => {
    const phi = pearsonScale();
    let s = 0;
    for (const m of members) {
      let sum = 0,
        sq = 0;
      for (const i of m) {
        const r = (y[i]! - mu[i]!) / sd[i]!;
        sum += r;
        sq += r * r;
      }
      s += (sum * sum - sq) / 2;
    }
    return s / phi / (nPairs - p);
  };
  means();
  let alpha = 0,
    converged = false,
    it: number;
  for (it = 1; it <= maxIter; it++) {
    const { b, u } = equations(alpha);
    const step = choleskySolve(cholesky(b, p, 'GEE Σ DᵀV⁻¹D'), p, u);
    let maxStep = 0;
    for (let j = 0; j < p; j++) {
      beta[j] += step[j]!;
      maxStep = Math.max(maxStep, Math.abs(step[j]!) / Math.max(1, Math.abs(beta[j]!)));
    }
    if (!beta.every(Number.isFinite)) break;
    means();
    const next = updateAlpha();
    if (!(next > -1 && next < 1))
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `GEE: exchangeable correlation estimate ${next} is outside (−1, 1): the outcome is (nearly) identical within clusters, i.e. a subject-level outcome; analyse one row per subject (or use cluster-robust SE)`,
        { field: 'cluster' },
      );
    const dAlpha = Math.abs(next - alpha);
    alpha = next;
    if (it > 1 && maxStep < tol && dAlpha < tol) {
      converged = true;
      break;
    }
  }
  if (!converged)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `GEE did not converge in ${maxIter} iterations${family === 'binomial' ? ' (separation?)' : ''}`,
    );
  const { b, scores } = equations(alpha);
  const bInv = choleskyInverse(cholesky(b, p, 'GEE Σ DᵀV⁻¹D'), p);
  const meat = new Float64Array(p * p);
  for (let g = 0; g < G; g++)
    for (let a = 0; a < p; a++) for (let k = 0; k < p; k++) meat[a * p + k] += scores[g * p + a]! * scores[g * p + k]!;
  const cov = sandwichProduct(bInv, meat, p);
  const scale = family === 'gaussian' ? pearsonScale() : 1;
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
  return {
    family,
    names: options.names ?? Array.from({ length: p }, (_, j) => `x${j}`),
    coef: beta,
    se,
    stat,
    p: pv,
    ciLow: lo,
    ciHigh: hi,
    cov,
    covType: 'cluster',
    useT: false,
    n,
    nClusters: G,
    dfModel: p - 1,
    dfResid: n - p,
    logLik: NaN,
    aic: NaN,
    bic: NaN,
    alpha,
    scale,
    covNaive: bInv.map((v) => v * scale),
    iterations: it,
    converged,
  };
}
