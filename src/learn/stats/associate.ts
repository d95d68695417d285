/**
 * Covariate-adjusted association of one exposure with an outcome:
 * `outcome ~ exposure + covariates`, linear (gaussian), logistic (binomial) or Cox (time to
 * event), optionally per SD of the exposure; rows clustered by subject (two eyes, visits) with
 * cluster-robust SE or GEE (exchangeable); interactions with the exposure (effect modification)
 * and a spline exposure (`rcs(x, k)`, dose–response). Returns a tidy result (β on the model
 * scale; binomial: OR = exp(β), Cox: HR = exp(β), CIs exponentiated).
 */
import { VesselprintError, oneOf } from '../../core/errors.js';
import type { Row } from '../types.js';
import { buildDesign, type MissingPolicy } from './designMatrix.js';
import { parseFormula, type Formula } from './formula.js';
import { logisticFit } from './logistic.js';
import { olsFit } from './ols.js';
import type { CovType, RegressionFit } from './regressionTypes.js';
import { clusterIndex, type ClusterIndex } from './cluster.js';
import { geeFit } from './gee.js';
import type { CoxTies } from '../survival/cox.js';
import type { PhTestRow } from '../survival/phTest.js';
import { coxOnDesign } from '../survival/coxOnDesign.js';
import { contrast } from './contrast.js';
import { interactionReport, type InteractionReport } from './effectModification.js';
import { splineDoseResponse, type DoseResponse } from './doseResponse.js';
import { quantileSorted } from '../../core/quantile.js';
import { rcsBasis as rcsAt } from './rcs.js';

export type Family = 'gaussian' | 'binomial' | 'cox';

export interface AssociateOptions {
  /** `gaussian` (OLS), `binomial` (logistic) or `cox` (proportional hazards; needs `time`, `event`). Default `gaussian`. */
  family?: Family;
  /** Cluster (subject) id column: cluster-robust SE (or GEE with `gee`). */
  cluster?: string;
  /** GEE with exchangeable working correlation within `cluster` (gaussian, binomial). Default false. */
  gee?: boolean;
  /** Cox: follow-up time column (any unit; ≥ 0). */
  time?: string;
  /** Cox: event indicator column (1 = event, 0 = censored). */
  event?: string;
  /** Cox: tie handling. Default `efron`. */
  ties?: CoxTies;
  /** Cox: stratification column (separate baseline hazards). */
  strata?: string;
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
  /** Cox only: hazard ratio exp(estimate) and exp(CI). */
  hr?: number;
  hrCiLow?: number;
  hrCiHigh?: number;
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
  /** Cox: HR = exp(beta) and its CI; events; Schoenfeld PH tests (model-based fit). */
  hr?: number;
  hr_ci_low?: number;
  hr_ci_high?: number;
  n_events?: number;
  ph_test?: PhTestRow[];
  /** Clustered (cluster-robust or GEE): number of clusters; GEE: exchangeable correlation. */
  n_clusters?: number;
  gee_alpha?: number;
  /** Joint Wald p of the exposure's interaction terms, with stratum-specific estimates. */
  p_interaction?: number;
  interaction?: InteractionReport;
  /** Spline exposure: dose–response curve and tests; beta/se/ci/p then describe the 75th vs 25th percentile contrast (p = overall test). */
  dose_response?: DoseResponse;
  p_nonlinear?: number;
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
    const t: TidyCoefficient = {
      term,
      estimate: fit.coef[j]!,
      se: fit.se[j]!,
      statistic: fit.stat[j]!,
      p: fit.p[j]!,
      ciLow: fit.ciLow[j]!,
      ciHigh: fit.ciHigh[j]!,
    };
    if (fit.family === 'binomial') {
      t.or = Math.exp(t.estimate);
      t.orCiLow = Math.exp(t.ciLow);
      t.orCiHigh = Math.exp(t.ciHigh);
    }
    if (fit.family === 'cox') {
      t.hr = Math.exp(t.estimate);
      t.hrCiLow = Math.exp(t.ciLow);
      t.hrCiHigh = Math.exp(t.ciHigh);
    }
    return t;
  });
}

/**
 * Fits `formula` (first right-hand term = exposure) on `rows` and reports the exposure effect.
 * @throws VesselprintError when the exposure is categorical, constant, or data are unusable;
 * BAD_ARGUMENT for `gee` without `cluster`, GEE with Cox, Cox without time/event.
 * @example associate(rows, 'sbp ~ vessel_density + age + C(sex)', { standardize: true }).beta
 * // change in sbp (mmHg) per SD of vessel density, adjusted for age and sex
 * @example associate(eyes, 'crae ~ vd*sex + rcs(age, 4)', { cluster: 'subject_id', gee: true }).p_interaction
 */
export function associate(rows: readonly Row[], formula: string | Formula, options: AssociateOptions = {}): AssociationResult {
  const family = oneOf('family', options.family ?? 'gaussian', ['gaussian', 'binomial', 'cox'] as const);
  const f = typeof formula === 'string' ? parseFormula(formula) : formula;
  const exposureTerm = f.terms[0]!;
  const exposure = exposureTerm.column;
  if (options.gee && options.cluster === undefined)
    throw new VesselprintError('BAD_ARGUMENT', 'GEE needs a cluster (subject id) column', { field: 'cluster' });
  if (options.gee && family === 'cox')
    throw new VesselprintError(
      'BAD_ARGUMENT',
      'GEE is for gaussian/binomial outcomes; for Cox use cluster-robust SE (cluster without gee)',
      { field: 'gee' },
    );
  if (family === 'cox' && (options.time === undefined || options.event === undefined))
    throw new VesselprintError('BAD_ARGUMENT', 'family "cox" needs the time and event columns', {
      field: options.time === undefined ? 'time' : 'event',
    });
  const require = [options.cluster, ...(family === 'cox' ? [options.time, options.event, options.strata] : [])].filter(
    (c): c is string => c !== undefined,
  );
  // Cox: the design's outcome is the event column (0/1 checked), time/strata come from the rows.
  const design = family === 'cox' ? { ...f, outcome: options.event! } : f;
  const d = buildDesign(rows, design, {
    binaryOutcome: family !== 'gaussian',
    require,
    ...(options.categorical ? { categorical: options.categorical } : {}),
    ...(options.reference ? { reference: options.reference } : {}),
    ...(options.missing ? { missing: options.missing } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
  });
  const cols = d.termColumns[exposure]!;
  const spline = exposureTerm.rcs !== undefined;
  if (!spline && (cols.length !== 1 || d.levels[exposure] !== undefined)) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `exposure "${exposure}" is categorical; put a numeric exposure first (categorical terms are reported in coefficients when used as covariates)`,
      { field: exposure },
    );
  }
  const ec = cols[0]!;
  const standardized = options.standardize ?? false;
  let exposureSd: number | undefined;
  const { sd } = columnSd(d.x, d.n, d.p, ec);
  if (!(sd > 0))
    throw new VesselprintError('BAD_ARGUMENT', `exposure "${exposure}" is constant in the ${d.n} complete rows`, { field: exposure });
  if (standardized) {
    if (spline)
      throw new VesselprintError('BAD_ARGUMENT', `standardize applies to a linear exposure, not rcs(${exposure}, ${exposureTerm.rcs})`, {
        field: 'standardize',
      });
    exposureSd = sd;
    const scaled = [ec, ...f.terms.filter((t) => t.components?.includes(exposure)).flatMap((t) => d.termColumns[t.column]!)];
    for (const c of scaled) for (let i = 0; i < d.n; i++) d.x[i * d.p + c] = d.x[i * d.p + c]! / sd;
  }
  if (options.standardizeOutcome) {
    if (family !== 'gaussian')
      throw new VesselprintError('BAD_ARGUMENT', 'standardizeOutcome applies to the gaussian family only', { field: 'standardizeOutcome' });
    let m = 0;
    for (let i = 0; i < d.n; i++) m += d.y[i]!;
    m /= d.n;
    let s = 0;
    for (let i = 0; i < d.n; i++) s += (d.y[i]! - m) ** 2;
    const ysd = Math.sqrt(s / (d.n - 1));
    for (let i = 0; i < d.n; i++) d.y[i] = d.y[i]! / ysd;
  }
  const clusters: ClusterIndex | undefined =
    options.cluster !== undefined ? clusterIndex(d.rowIndex.map((i) => rows[i]![options.cluster!])) : undefined;
  const level = options.level ?? 0.95;
  let fit: RegressionFit;
  let extra: Partial<AssociationResult> = {};
  if (family === 'cox') {
    const c = coxOnDesign(rows, d, {
      time: options.time!,
      level,
      ...(options.strata !== undefined ? { strata: options.strata } : {}),
      ...(options.ties ? { ties: options.ties } : {}),
      ...(options.source !== undefined ? { source: options.source } : {}),
      ...(clusters ? { clusters } : {}),
    });
    fit = c.fit;
    extra = { n_events: c.nEvents, ph_test: c.phTest };
  } else if (options.gee) {
    const g = geeFit(d.x, d.n, d.p, d.y, clusters!, { family, names: d.names, level });
    fit = g;
    extra = { gee_alpha: g.alpha };
  } else {
    const covType = clusters ? 'cluster' : options.covType;
    const fitOpts = { names: d.names, level, ...(covType ? { covType } : {}), ...(clusters ? { clusters } : {}) };
    fit = family === 'gaussian' ? olsFit(d.x, d.n, d.p, d.y, fitOpts) : logisticFit(d.x, d.n, d.p, d.y, fitOpts);
  }
  const coefficients = tidy(fit).filter((t) => !(family === 'cox' && t.term === 'Intercept'));
  let e = { estimate: fit.coef[ec]!, se: fit.se[ec]!, ciLow: fit.ciLow[ec]!, ciHigh: fit.ciHigh[ec]!, p: fit.p[ec]! };
  if (spline) {
    const dr = splineDoseResponse(fit, cols, d.knots[exposure]!, { level });
    const vals = d.rowIndex.map((i) => Number(rows[i]![exposure])).sort((a, b) => a - b);
    const c = new Float64Array(d.p);
    const [q1, q3] = [quantileSorted(vals, 0.25), quantileSorted(vals, 0.75)];
    const b1 = rcsAt(q1, d.knots[exposure]!),
      b3 = rcsAt(q3, d.knots[exposure]!);
    cols.forEach((col, j) => {
      c[col] = b3[j]! - b1[j]!;
    });
    const iqr = contrast(fit, c, level);
    e = { estimate: iqr.estimate, se: iqr.se, ciLow: iqr.ciLow, ciHigh: iqr.ciHigh, p: dr.pOverall };
    extra = { ...extra, dose_response: dr, p_nonlinear: dr.pNonlinear };
  }
  const inter = spline ? undefined : interactionReport(fit, d, f, exposure, ec, rows, level);
  const out: AssociationResult = {
    outcome: family === 'cox' ? `${options.time}/${options.event}` : f.outcome,
    exposure,
    family,
    beta: e.estimate,
    se: e.se,
    ci_low: e.ciLow,
    ci_high: e.ciHigh,
    p: e.p,
    n: d.n,
    n_dropped: d.nDropped,
    standardized,
    covariates: f.terms.slice(1).map((t) => t.column),
    coefficients,
    fit,
    ...extra,
  };
  if (clusters) out.n_clusters = clusters.nClusters;
  if (inter) {
    out.p_interaction = inter.p_interaction;
    out.interaction = inter;
  }
  if (exposureSd !== undefined) out.exposure_sd = exposureSd;
  if (family === 'binomial') {
    out.or = Math.exp(e.estimate);
    out.or_ci_low = Math.exp(e.ciLow);
    out.or_ci_high = Math.exp(e.ciHigh);
  }
  if (family === 'cox') {
    out.hr = Math.exp(e.estimate);
    out.hr_ci_low = Math.exp(e.ciLow);
    out.hr_ci_high = Math.exp(e.ciHigh);
  }
  return out;
}
