/**
 * Exposure-wide association scan: the same adjusted model `outcome ~ exposure + covariates` for
 * every feature, then Benjamini–Hochberg FDR and Bonferroni across features. Returns a tidy
 * table (one row per exposure) and a forest-plot-ready structure.
 */
import { isVesselprintError } from '../../core/errors.js';
import type { Row } from '../types.js';
import { associate, type AssociateOptions, type Family } from './associate.js';
import { benjaminiHochberg, bonferroni } from './multipleTesting.js';

export interface ExposureWideOptions extends AssociateOptions {
  /** Covariates added to every model (use `C(col)` or `categorical` for categorical ones). */
  covariates?: readonly string[];
}

/** One row of the exposure-wide table. Failed models carry `error` and NaN numbers. */
export interface ExposureWideRow {
  exposure: string;
  outcome: string;
  family: Family;
  n: number;
  beta: number;
  se: number;
  ci_low: number;
  ci_high: number;
  p: number;
  /** Benjamini–Hochberg q-value across the exposures that fitted. */
  q_bh: number;
  p_bonferroni: number;
  or?: number;
  or_ci_low?: number;
  or_ci_high?: number;
  /** Cox: hazard ratio and CI. */
  hr?: number;
  hr_ci_low?: number;
  hr_ci_high?: number;
  error?: string;
}

/** Forest plot input: one point estimate with its interval per exposure. */
export interface ForestPoint {
  label: string;
  estimate: number;
  ciLow: number;
  ciHigh: number;
  p: number;
  q: number;
  /** `beta` (null line at 0) or `OR`/`HR` (null line at 1, log axis). */
  scale: 'beta' | 'OR' | 'HR';
  nullValue: 0 | 1;
}

export interface ExposureWideResult {
  rows: ExposureWideRow[];
  forest: ForestPoint[];
}

/**
 * Runs {@link associate} for every exposure (complete cases per exposure, so n may differ),
 * then adjusts p-values. A model that cannot be fitted (constant exposure, separation, …) is
 * kept with its `error` and excluded from the correction.
 * @example exposureWide(rows, 'dm', ['vd', 'fd'], { family: 'binomial', covariates: ['age', 'C(sex)'], standardize: true })
 */
export function exposureWide(
  rows: readonly Row[],
  outcome: string,
  exposures: readonly string[],
  options: ExposureWideOptions = {},
): ExposureWideResult {
  const family = options.family ?? 'gaussian';
  const covs = options.covariates ?? [];
  const out: ExposureWideRow[] = exposures.map((exposure) => {
    try {
      const r = associate(rows, `${outcome} ~ ${[exposure, ...covs].join(' + ')}`, options);
      const row: ExposureWideRow = {
        exposure,
        outcome,
        family,
        n: r.n,
        beta: r.beta,
        se: r.se,
        ci_low: r.ci_low,
        ci_high: r.ci_high,
        p: r.p,
        q_bh: NaN,
        p_bonferroni: NaN,
      };
      if (r.or !== undefined) {
        row.or = r.or;
        row.or_ci_low = r.or_ci_low!;
        row.or_ci_high = r.or_ci_high!;
      }
      if (r.hr !== undefined) {
        row.hr = r.hr;
        row.hr_ci_low = r.hr_ci_low!;
        row.hr_ci_high = r.hr_ci_high!;
      }
      return row;
    } catch (e) {
      if (!isVesselprintError(e)) throw e;
      return {
        exposure,
        outcome,
        family,
        n: 0,
        beta: NaN,
        se: NaN,
        ci_low: NaN,
        ci_high: NaN,
        p: NaN,
        q_bh: NaN,
        p_bonferroni: NaN,
        error: e.message,
      };
    }
  });
  const q = benjaminiHochberg(out.map((r) => r.p));
  const b = bonferroni(out.map((r) => r.p));
  out.forEach((r, i) => {
    r.q_bh = q[i]!;
    r.p_bonferroni = b[i]!;
  });
  const forest: ForestPoint[] = out
    .filter((r) => r.error === undefined)
    .map((r) =>
      family === 'binomial'
        ? { label: r.exposure, estimate: r.or!, ciLow: r.or_ci_low!, ciHigh: r.or_ci_high!, p: r.p, q: r.q_bh, scale: 'OR', nullValue: 1 }
        : family === 'cox'
          ? { label: r.exposure, estimate: r.hr!, ciLow: r.hr_ci_low!, ciHigh: r.hr_ci_high!, p: r.p, q: r.q_bh, scale: 'HR', nullValue: 1 }
          : { label: r.exposure, estimate: r.beta, ciLow: r.ci_low, ciHigh: r.ci_high, p: r.p, q: r.q_bh, scale: 'beta', nullValue: 0 },
    );
  return { rows: out, forest };
}
