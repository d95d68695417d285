/**
 * Test of the proportional-hazards assumption from Schoenfeld residuals (Grambsch & Therneau
 * 1994, doi:10.1093/biomet/81.3.515), in the approximate form of R survival's `cox.zph` before
 * version 3: scaled residuals r*ₖ = β̂ + d·V rₖ (d events, V = Var β̂), time transform g = rank of
 * the event times; per covariate T_j = (Σₖ (gₖ−ḡ) r*ₖⱼ)² / (d·V_jj·Σₖ(gₖ−ḡ)²) ~ χ²₁, and the
 * global T = wᵀ V w · d / Σ(gₖ−ḡ)² with w = Σₖ (gₖ−ḡ) rₖ ~ χ²_p. A small p suggests the hazard
 * ratio changes over follow-up (consider strata or a time interaction).
 */
import { pChisqUpper } from '../stats/distributions.js';
import { coxResiduals, strataOrder, type CoxFit } from './cox.js';

export interface PhTestRow {
  term: string;
  chisq: number;
  df: number;
  p: number;
}

/** Ranks (1-based, midranks for ties) of values. */
function ranks(v: readonly number[]): number[] {
  const idx = v.map((_, i) => i).sort((a, b) => v[a]! - v[b]!);
  const r = new Array<number>(v.length);
  for (let k = 0; k < idx.length;) {
    let e = k;
    while (e < idx.length && v[idx[e]!] === v[idx[k]!]) e++;
    for (let q = k; q < e; q++) r[idx[q]!] = (k + e + 1) / 2;
    k = e;
  }
  return r;
}

/**
 * Per-covariate and global ("GLOBAL") Schoenfeld-residual tests for a fitted model (`fit` must be
 * model-based, i.e. fitted without clusters, for V). Strata are honoured through `strata`.
 * @example coxPhTest(fit, x, n, p, time, event).find((r) => r.term === 'GLOBAL')!.p
 */
export function coxPhTest(
  fit: CoxFit,
  x: Float64Array,
  n: number,
  p: number,
  time: Float64Array,
  event: Float64Array,
  strata?: Int32Array,
): PhTestRow[] {
  const order = strataOrder(time, strata, n);
  const { schoenfeld, events } = coxResiduals(x, n, p, time, event, fit.coef, order);
  const d = events.length;
  const g = ranks(events.map((i) => time[i]!));
  const gbar = g.reduce((s, v) => s + v, 0) / d;
  const sgg = g.reduce((s, v) => s + (v - gbar) ** 2, 0);
  const w = new Float64Array(p);
  for (let k = 0; k < d; k++) for (let j = 0; j < p; j++) w[j] += (g[k]! - gbar) * schoenfeld[k * p + j]!;
  const V = fit.cov;
  const vw = new Float64Array(p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) vw[a] += V[a * p + b]! * w[b]!;
  const rows: PhTestRow[] = fit.names.map((term, j) => {
    const chisq = (d * vw[j]!) ** 2 / (d * V[j * p + j]! * sgg);
    return { term, chisq, df: 1, p: pChisqUpper(chisq, 1) };
  });
  let glob = 0;
  for (let j = 0; j < p; j++) glob += w[j]! * vw[j]!;
  glob = (glob * d) / sgg;
  rows.push({ term: 'GLOBAL', chisq: glob, df: p, p: pChisqUpper(glob, p) });
  return rows;
}
