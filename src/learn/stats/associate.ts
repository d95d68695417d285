/**
 * Covariate-adjusted association of one exposure with an outcome:
 * `outcome ~ exposure + covariates`, linear (gaussian) or logistic (binomial), optionally per SD
 * of the exposure. Returns a tidy result (β on the model scale, and for binomial the odds ratio
 * exp(β) with its CI exp(CI)).
 */
import { VesselprintError, oneOf } from '../../core/errors.js';
import type { Row } from '../types.js';
import { buildDesign, type MissingPolicy } from './designMatrix.js';
import { parseFormula, type Formula } from './formula.js';
import { logisticFit } from './logistic.js';
import { olsFit } from './ols.js';
import type { CovType, RegressionFit } from './regressionTypes.js';

export type Family = 'gaussian' | 'binomial';

export interface AssociateOptions {
  /** `gaussian` (OLS) or `binomial` (logistic). Default `gaussian`. */
  family?: Family;
  /** Express the exposure effect per SD (sample SD, n−1) of the exposure in the analysis sample. Default false. */
  standardize?: boolean;
  /** Gaussian only: also divide the outcome by its SD (fully standardised β). Default false. */
  standardizeOutcome?: boolean;
  /** Covariance: `nonrobust` (default), `HC3` (OLS) or `HC0` (OLS or logistic). */
  covType?: CovType;
  /** Columns treated as categorical (one-hot, first sorted level is the reference). */
  categorical?: readonly string[];
  reference?: Readonly<Record<string, string>>;
  /** Missing data: `complete-case` (default) or `error`. */
  missing?: MissingPolicy;
  /** Confidence level. Default 0.95. */
  level?: number;
  /** Table name for error messages. */
  source?: string;
}

/** One coefficient of the fitted model in tidy form. */
export interface TidyCoefficient {
  term: string;
  estimate: number;
  se: number;
  statistic: number;
  p: number;
  ciLow: number;
  ciHigh: number;
  /** Binomial only: exp(estimate) and exp(CI). */
  or?: number;
  orCiLow?: number;
  orCiHigh?: number;
}

export interface AssociationResult {
  outcome: string;
  exposure: string;
  family: Family;
  /** Exposure coefficient (per unit, or per SD when standardised); log-odds for binomial. */
  beta: number;
  se: number;
  ci_low: number;
  ci_high: number;
  p: number;
  /** Rows used (complete cases). */
  n: number;
  /** Rows dropped for missing values. */
  n_dropped: number;
  or?: number;
  or_ci_low?: number;
  or_ci_high?: number;
  /** SD of the exposure in the analysis sample when standardised (else undefined). */
  exposure_sd?: number;
  standardized: boolean;
  covariates: string[];
  coefficients: TidyCoefficient[];
  fit: RegressionFit;
}

/** Sample standard deviation (n−1) of column `col` of a row-major matrix. */
function columnSd(x: Float64Array, n: number, p: number, col: number): { mean: number; sd: number } {
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i * p + col]!;
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i * p + col]! - m) ** 2;
  return { mean: m, sd: Math.sqrt(s / (n - 1)) };
}

/** Tidy coefficient table of a fit. */
export function tidy(fit: RegressionFit): TidyCoefficient[] {
  return fit.names.map((term, j) => {
    const t: TidyCoefficient = { term, estimate: fit.coef[j]!, se: fit.se[j]!, statistic: fit.stat[j]!, p: fit.p[j]!, ciLow: fit.ciLow[j]!, ciHigh: fit.ciHigh[j]! };
    if (fit.family === 'binomial') { t.or = Math.exp(t.estimate); t.orCiLow = Math.exp(t.ciLow); t.orCiHigh = Math.exp(t.ciHigh); }
    return t;
  });
}

/**
 * Fits `formula` (first right-hand term = exposure) on `rows` and reports the exposure effect.
 * @throws VesselprintError when the exposure is categorical, constant, or data are unusable.
 * @example associate(rows, 'sbp ~ vessel_density + age + C(sex)', { standardize: true }).beta
 * // change in sbp (mmHg) per SD of vessel density, adjusted for age and sex
 */
export function associate(rows: readonly Row[], formula: string | Formula, options: AssociateOptions = {}): AssociationResult {
  const family = oneOf('family', options.family ?? 'gaussian', ['gaussian', 'binomial'] as const);
  const f = typeof formula === 'string' ? parseFormula(formula) : formula;
  const exposure = f.terms[0]!.column;
  const d = buildDesign(rows, f, {
    binaryOutcome: family === 'binomial',
    ...(options.categorical ? { categorical: options.categorical } : {}),
    ...(options.reference ? { reference: options.reference } : {}),
    ...(options.missing ? { missing: options.missing } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
  });
  const cols = d.termColumns[exposure]!;
  if (cols.length !== 1 || d.levels[exposure] !== undefined) {
    throw new VesselprintError('BAD_ARGUMENT', `exposure "${exposure}" is categorical; put a numeric exposure first (categorical terms are reported in coefficients when used as covariates)`, { field: exposure });
  }
  const ec = cols[0]!;
  const standardized = options.standardize ?? false;
  let exposureSd: number | undefined;
  const { sd } = columnSd(d.x, d.n, d.p, ec);
  if (!(sd > 0)) throw new VesselprintError('BAD_ARGUMENT', `exposure "${exposure}" is constant in the ${d.n} complete rows`, { field: exposure });
  if (standardized) {
    exposureSd = sd;
    for (let i = 0; i < d.n; i++) d.x[i * d.p + ec] = d.x[i * d.p + ec]! / sd;
  }
  if (options.standardizeOutcome) {
    if (family !== 'gaussian') throw new VesselprintError('BAD_ARGUMENT', 'standardizeOutcome applies to the gaussian family only', { field: 'standardizeOutcome' });
    let m = 0;
    for (let i = 0; i < d.n; i++) m += d.y[i]!;
    m /= d.n;
    let s = 0;
    for (let i = 0; i < d.n; i++) s += (d.y[i]! - m) ** 2;
    const ysd = Math.sqrt(s / (d.n - 1));
    for (let i = 0; i < d.n; i++) d.y[i] = d.y[i]! / ysd;
  }
  const fitOpts = { names: d.names, ...(options.covType ? { covType: options.covType } : {}), ...(options.level !== undefined ? { level: options.level } : {}) };
  const fit = family === 'gaussian' ? olsFit(d.x, d.n, d.p, d.y, fitOpts) : logisticFit(d.x, d.n, d.p, d.y, fitOpts);
  const coefficients = tidy(fit);
  const e = coefficients[ec]!;
  const out: AssociationResult = {
    outcome: f.outcome, exposure, family, beta: e.estimate, se: e.se, ci_low: e.ciLow, ci_high: e.ciHigh, p: e.p,
    n: d.n, n_dropped: d.nDropped, standardized, covariates: f.terms.slice(1).map((t) => t.column), coefficients, fit,
  };
  if (exposureSd !== undefined) out.exposure_sd = exposureSd;
  if (family === 'binomial') { out.or = e.or!; out.or_ci_low = e.orCiLow!; out.or_ci_high = e.orCiHigh!; }
  return out;
}
