/**
 * The association analysis behind `vesselprint associate`: one exposure → a single adjusted
 * estimate; several → the exposure-wide table with BH FDR. Pure: rows in, plain object out.
 */
import type { Row } from '../types.js';
import { associate, type AssociationResult } from '../stats/associate.js';
import { exposureWide, type ExposureWideResult } from '../stats/exposureWide.js';
import type { AssociateConfig } from './config.js';

/**
 * Single-exposure report (keys are the CLI's JSON contract): the {@link AssociationResult}
 * with the covariance type, and the coefficients and fit statistics in snake_case.
 */
export type AssociateReport = Omit<AssociationResult, 'fit' | 'coefficients'> & {
  cov_type: string;
  /** All model coefficients (tidy). */
  coefficients: { term: string; estimate: number; se: number; statistic: number; p: number; ci_low: number; ci_high: number }[];
  /** Fit statistics in snake_case. */
  fit: Record<string, number | undefined>;
};

function optionsOf(cfg: AssociateConfig): Parameters<typeof associate>[2] {
  return { family: cfg.family, standardize: cfg.standardize, covType: cfg.covType, categorical: cfg.categorical, missing: cfg.missing, level: cfg.level, source: cfg.table };
}

/** Runs one adjusted model for `cfg.exposures[0]`. */
export function runAssociate(rows: readonly Row[], cfg: AssociateConfig): AssociateReport {
  const exposure = cfg.exposures[0]!;
  const r = associate(rows, `${cfg.outcome} ~ ${[exposure, ...cfg.covariates].join(' + ')}`, optionsOf(cfg));
  const f = r.fit;
  const out: AssociateReport = {
    outcome: r.outcome, exposure, family: r.family, covariates: r.covariates, standardized: r.standardized,
    beta: r.beta, se: r.se, ci_low: r.ci_low, ci_high: r.ci_high, p: r.p, n: r.n, n_dropped: r.n_dropped, cov_type: cfg.covType,
    coefficients: r.coefficients.map((c) => ({ term: c.term, estimate: c.estimate, se: c.se, statistic: c.statistic, p: c.p, ci_low: c.ciLow, ci_high: c.ciHigh })),
    fit: { n: f.n, df_model: f.dfModel, df_resid: f.dfResid, log_lik: f.logLik, aic: f.aic, bic: f.bic, r2: f.r2, adj_r2: f.adjR2, f_stat: f.fStat, f_pvalue: f.fPValue, ll_null: f.llNull, pseudo_r2: f.pseudoR2, llr_pvalue: f.llrPValue },
  };
  if (r.or !== undefined) { out.or = r.or; out.or_ci_low = r.or_ci_low!; out.or_ci_high = r.or_ci_high!; }
  if (r.exposure_sd !== undefined) out.exposure_sd = r.exposure_sd;
  return out;
}

/** Runs the exposure-wide scan over `cfg.exposures`. */
export function runExposureWide(rows: readonly Row[], cfg: AssociateConfig): ExposureWideResult {
  return exposureWide(rows, cfg.outcome, cfg.exposures, { ...optionsOf(cfg), covariates: cfg.covariates });
}
