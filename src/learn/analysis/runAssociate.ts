/**
 * The association analysis behind `vesselprint associate`: one exposure → a single adjusted
 * estimate (linear, logistic or Cox; cluster-robust or GEE for clustered rows; interactions and
 * splines through the formula); several → the exposure-wide table with BH FDR. Pure: rows in,
 * plain object out.
 */
import { VesselprintError } from '../../core/errors.js';
import type { Row } from '../types.js';
import { associate, type AssociationResult, type Family } from '../stats/associate.js';
import { exposureWide, type ExposureWideResult } from '../stats/exposureWide.js';
import { parseFormula } from '../stats/formula.js';
import type { AssociateConfig } from './config.js';

/** The optional result keys copied from {@link AssociationResult} (OR, HR, clusters, interaction, spline). */
const OPTIONAL_KEYS = [
  'or',
  'or_ci_low',
  'or_ci_high',
  'hr',
  'hr_ci_low',
  'hr_ci_high',
  'n_events',
  'ph_test',
  'n_clusters',
  'gee_alpha',
  'p_interaction',
  'interaction',
  'p_nonlinear',
  'dose_response',
  'exposure_sd',
] as const;

/** Single-exposure report (keys are the CLI's JSON contract). */
export interface AssociateReport extends Partial<Pick<AssociationResult, (typeof OPTIONAL_KEYS)[number]>> {
  outcome: string;
  exposure: string;
  family: Family;
  formula: string;
  covariates: string[];
  standardized: boolean;
  /** Model scale: mean difference, log-odds or log hazard ratio. */
  beta: number;
  se: number;
  ci_low: number;
  ci_high: number;
  p: number;
  n: number;
  n_dropped: number;
  /** `nonrobust`, `HC0`, `HC3`, `cluster` or `gee-exchangeable`. */
  cov_type: string;
  /** All model coefficients (tidy). */
  coefficients: { term: string; estimate: number; se: number; statistic: number; p: number; ci_low: number; ci_high: number }[];
  /** Fit statistics in snake_case. */
  fit: Record<string, number | undefined>;
}

function optionsOf(cfg: AssociateConfig): Parameters<typeof associate>[2] {
  return {
    family: cfg.family,
    standardize: cfg.standardize,
    covType: cfg.covType,
    categorical: cfg.categorical,
    missing: cfg.missing,
    level: cfg.level,
    source: cfg.table,
    gee: cfg.gee,
    ties: cfg.ties,
    ...(cfg.cluster !== undefined ? { cluster: cfg.cluster } : {}),
    ...(cfg.time !== undefined ? { time: cfg.time } : {}),
    ...(cfg.event !== undefined ? { event: cfg.event } : {}),
    ...(cfg.strata !== undefined ? { strata: cfg.strata } : {}),
  };
}

/** The model formula of a config: `formula` as given, else outcome ~ exposure[*interaction] + covariates. */
export function formulaOfConfig(cfg: AssociateConfig, exposure?: string): string {
  if (cfg.formula !== undefined) return cfg.formula;
  const x = exposure ?? cfg.exposures![0]!;
  const covs = cfg.covariates.filter((c) => c !== cfg.interaction && c !== `C(${cfg.interaction})`);
  return `${cfg.outcome ?? cfg.event} ~ ${[cfg.interaction !== undefined ? `${x}*${cfg.interaction}` : x, ...covs].join(' + ')}`;
}

/** The exposures of a config (from the formula's first term when a formula is given). */
export function exposuresOf(cfg: AssociateConfig): string[] {
  return cfg.formula !== undefined ? [parseFormula(cfg.formula).terms[0]!.column] : cfg.exposures!;
}

/** Runs one adjusted model for the (first) exposure. */
export function runAssociate(rows: readonly Row[], cfg: AssociateConfig): AssociateReport {
  const formula = formulaOfConfig(cfg);
  const r: AssociationResult = associate(rows, formula, optionsOf(cfg));
  const f = r.fit;
  const out: AssociateReport = {
    outcome: r.outcome,
    exposure: r.exposure,
    family: r.family,
    formula,
    covariates: r.covariates,
    standardized: r.standardized,
    beta: r.beta,
    se: r.se,
    ci_low: r.ci_low,
    ci_high: r.ci_high,
    p: r.p,
    n: r.n,
    n_dropped: r.n_dropped,
    cov_type: cfg.gee ? 'gee-exchangeable' : cfg.cluster !== undefined ? 'cluster' : cfg.family === 'cox' ? 'nonrobust' : cfg.covType,
    coefficients: r.coefficients.map((c) => ({
      term: c.term,
      estimate: c.estimate,
      se: c.se,
      statistic: c.statistic,
      p: c.p,
      ci_low: c.ciLow,
      ci_high: c.ciHigh,
    })),
    fit: {
      n: f.n,
      df_model: f.dfModel,
      df_resid: f.dfResid,
      log_lik: f.logLik,
      aic: f.aic,
      bic: f.bic,
      r2: f.r2,
      adj_r2: f.adjR2,
      f_stat: f.fStat,
      f_pvalue: f.fPValue,
      ll_null: f.llNull,
      pseudo_r2: f.pseudoR2,
      llr_pvalue: f.llrPValue,
    },
  };
  const picked: Partial<AssociateReport> = Object.fromEntries(OPTIONAL_KEYS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));
  return { ...out, ...picked };
}

/**
 * Runs the exposure-wide scan over `cfg.exposures`.
 * @throws VesselprintError BAD_ARGUMENT with `interaction` (it applies to one exposure; run them one by one).
 */
export function runExposureWide(rows: readonly Row[], cfg: AssociateConfig): ExposureWideResult {
  if (cfg.interaction !== undefined)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `--interaction applies to a single exposure; got ${cfg.exposures!.length} (run them one at a time or use --formula)`,
      { field: 'interaction' },
    );
  return exposureWide(rows, cfg.outcome ?? cfg.event!, cfg.exposures!, { ...optionsOf(cfg), covariates: cfg.covariates });
}
