/**
 * Effect modification of the exposure by another covariate M (`exposure*M` in the formula): the
 * joint Wald test of all exposure-interaction coefficients (`p_interaction`) and the
 * stratum-specific exposure effect β_x + β_{x:M=l} in each level l of a categorical M (or at
 * M = 0/1 for a binary M, and at its 25th/50th/75th percentiles for a continuous M), each with
 * SE √(cᵀVc). Knol & VanderWeele 2012, doi:10.1093/ije/dyr218 (report both).
 */
import { quantileSorted } from '../../core/quantile.js';
import type { Row } from '../types.js';
import { toNumber } from '../types.js';
import { contrast, waldTest, type CoefCov } from './contrast.js';
import type { DesignMatrix } from './designMatrix.js';
import type { Formula } from './formula.js';

export interface StratumEstimate {
  level: string;
  beta: number;
  se: number;
  ci_low: number;
  ci_high: number;
  p: number;
}

export interface ModifierSummary {
  modifier: string;
  /** Joint Wald test of this modifier's interaction columns. */
  p_interaction: number;
  chisq: number;
  df: number;
  levels: StratumEstimate[];
}

export interface InteractionReport {
  /** Joint Wald test of every coefficient of every interaction term that involves the exposure. */
  p_interaction: number;
  chisq: number;
  df: number;
  terms: string[];
  modifiers: ModifierSummary[];
}

/**
 * Summarises the exposure's interactions in a fitted model (`exposureCol` = design column of the
 * linear exposure); undefined when the formula has none. Higher-order (3-way) terms enter the
 * joint test only.
 */
export function interactionReport(
  fit: CoefCov,
  d: DesignMatrix,
  formula: Formula,
  exposure: string,
  exposureCol: number,
  rows: readonly Row[],
  level = 0.95,
): InteractionReport | undefined {
  const terms = formula.terms.filter((t) => t.components?.includes(exposure));
  if (terms.length === 0) return undefined;
  const all = terms.flatMap((t) => d.termColumns[t.column]!);
  const joint = waldTest(fit, all);
  const modifiers: ModifierSummary[] = [];
  for (const t of terms.filter((u) => u.components!.length === 2)) {
    const m = t.components!.find((c) => c !== exposure)!;
    const cols = d.termColumns[t.column]!;
    const test = waldTest(fit, cols);
    const est = (extra: { col: number; w: number }[], label: string): StratumEstimate => {
      const c = new Float64Array(fit.coef.length);
      c[exposureCol] = 1;
      for (const e of extra) c[e.col] += e.w;
      const r = contrast(fit, c, level);
      return { level: label, beta: r.estimate, se: r.se, ci_low: r.ciLow, ci_high: r.ciHigh, p: r.p };
    };
    let levels: StratumEstimate[];
    const lv = d.levels[m];
    if (lv) {
      levels = lv.map((l, k) =>
        est(k === 0 ? [] : [{ col: cols.find((j) => d.names[j]!.split(':').includes(`${m}[T.${l}]`))!, w: 1 }], `${m}=${l}`),
      );
    } else {
      const vals = d.rowIndex.map((i) => toNumber(rows[i]![m])!).sort((a, b) => a - b);
      const binary = vals.every((v) => v === 0 || v === 1);
      const at = binary ? [0, 1] : [0.25, 0.5, 0.75].map((q) => quantileSorted(vals, q));
      levels = at.map((v, k) => est([{ col: cols[0]!, w: v }], binary ? `${m}=${v}` : `${m}=${v.toPrecision(4)} (p${[25, 50, 75][k]})`));
    }
    modifiers.push({ modifier: m, p_interaction: test.p, chisq: test.chisq, df: test.df, levels });
  }
  return { p_interaction: joint.p, chisq: joint.chisq, df: joint.df, terms: terms.map((t) => t.column), modifiers };
}
