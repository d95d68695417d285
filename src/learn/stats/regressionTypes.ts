/** Result types of the association regressions (OLS and logistic). */

/** Covariance estimator: model-based (`nonrobust`), heteroskedasticity-robust sandwich, or cluster-robust sandwich (`cluster`). */
export type CovType = 'nonrobust' | 'HC0' | 'HC3' | 'cluster';

export interface RegressionFit {
  family: 'gaussian' | 'binomial' | 'cox';
  /** Design column names (`Intercept` first). */
  names: string[];
  coef: Float64Array;
  se: Float64Array;
  /** t (gaussian, nonrobust) or z statistic per coefficient. */
  stat: Float64Array;
  p: Float64Array;
  ciLow: Float64Array;
  ciHigh: Float64Array;
  /** Covariance of the coefficients, row-major p×p. */
  cov: Float64Array;
  covType: CovType;
  /** True when p-values/CIs use the t distribution (df = dfResid), false for the normal. */
  useT: boolean;
  n: number;
  /** Clustered fits (`cluster` covariance, GEE): number of clusters. */
  nClusters?: number;
  dfModel: number;
  dfResid: number;
  logLik: number;
  aic: number;
  bic: number;
  /** Gaussian only: R², adjusted R², overall F test. */
  r2?: number;
  adjR2?: number;
  fStat?: number;
  fPValue?: number;
  /** Binomial only: null log-likelihood, McFadden pseudo-R², likelihood-ratio test. */
  llNull?: number;
  pseudoR2?: number;
  llr?: number;
  llrPValue?: number;
  /** Binomial only: Newton iterations used and whether converged. */
  iterations?: number;
  converged?: boolean;
}
