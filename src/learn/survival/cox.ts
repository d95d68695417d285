/**
 * Cox proportional-hazards regression by Newton–Raphson on the partial likelihood, matching
 * statsmodels `PHReg(time, X, status, ties=…, strata=…).fit()`.
 *
 * Breslow ties: ℓ(β) = Σ_t [Σ_{i∈D_t} ηᵢ − d_t·log S₀(t)], S₀(t) = Σ_{j∈R_t} e^{ηⱼ}.
 * Efron ties:   ℓ(β) = Σ_t [Σ_{i∈D_t} ηᵢ − Σ_{l=0}^{d_t−1} log(S₀(t) − (l/d_t)·Σ_{i∈D_t} e^{ηᵢ})].
 * R_t = {j : timeⱼ ≥ t} within the row's stratum (separate baseline hazards per stratum).
 * Var(β̂) = I(β̂)⁻¹ (observed information); cluster-robust: I⁻¹ (Σ_g u_g u_gᵀ) I⁻¹ with u_g the sum
 * of the (Breslow) score residuals of cluster g (Lin & Wei 1989, doi:10.1080/01621459.1989.10478874),
 * no small-sample factor (as statsmodels `PHReg.fit(groups=…)`).
 * Cox 1972, doi:10.1111/j.2517-6161.1972.tb00899.x; Breslow 1974, doi:10.2307/2529620;
 * Efron 1977, doi:10.1080/01621459.1977.10480613.
 */
import { VesselprintError, oneOf } from '../../core/errors.js';
import { cholesky, choleskyInverse, choleskySolve, sandwichProduct } from '../linalg.js';
import { clusterMeat, type ClusterIndex } from '../stats/cluster.js';
import { pChisqUpper, pNormal2, zQuantile } from '../stats/distributions.js';
import type { RegressionFit } from '../stats/regressionTypes.js';

export type CoxTies = 'breslow' | 'efron';

export interface CoxOptions {
  /** Tie handling. Default `'efron'` (statsmodels' and R's default). */
  ties?: CoxTies;
  /** Stratum (0-based) of each row; default one stratum. */
  strata?: Int32Array;
  /** Clusters for robust (sandwich) SE; default model-based SE. */
  clusters?: ClusterIndex;
  names?: string[];
  /** Confidence level. Default 0.95. */
  level?: number;
  maxIter?: number;
  /** Largest relative coefficient step at convergence. Default 1e-10. */
  tol?: number;
}
export const DEFAULT_COX_OPTIONS = { ties: 'efron', level: 0.95, maxIter: 100, tol: 1e-10 } as const;

/** Cox fit: the shared regression fields (`coef` = log hazard ratios, Wald z in `stat`) plus hazard ratios. */
export interface CoxFit extends Pick<
  RegressionFit,
  'names' | 'coef' | 'se' | 'stat' | 'p' | 'ciLow' | 'ciHigh' | 'cov' | 'n' | 'nClusters' | 'logLik'
> {
  /** Hazard ratios e^β and their CI. */
  hr: Float64Array;
  hrCiLow: Float64Array;
  hrCiHigh: Float64Array;
  covType: 'nonrobust' | 'cluster';
  ties: CoxTies;
  n: number;
  nEvents: number;
  nStrata: number;
  /** Partial log-likelihood at β = 0 (`logLik` is at β̂); likelihood-ratio test (p df). */
  logLik0: number;
  lrStat: number;
  lrPValue: number;
  iterations: number;
}

/** Rows grouped by stratum, each sorted by time descending (the order the risk-set sweeps need). */
export function strataOrder(time: Float64Array, strata: Int32Array | undefined, n: number): number[][] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const s = strata ? strata[i]! : 0;
    const g = groups.get(s) ?? [];
    g.push(i);
    groups.set(s, g);
  }
  return [...groups.values()].map((g) => g.sort((a, b) => time[b]! - time[a]!));
}

interface PartialLik {
  ll: number;
  grad: Float64Array;
  hess: Float64Array;
}

/** Partial log-likelihood, score and information (−Hessian) at β. */
export function coxPartialLikelihood(
  x: Float64Array,
  n: number,
  p: number,
  time: Float64Array,
  event: Float64Array,
  beta: Float64Array,
  ties: CoxTies,
  order: number[][],
): PartialLik {
  let ll = 0;
  const grad = new Float64Array(p),
    info = new Float64Array(p * p);
  const s1 = new Float64Array(p),
    s2 = new Float64Array(p * p),
    a1 = new Float64Array(p),
    a2 = new Float64Array(p * p),
    m1 = new Float64Array(p);
  for (const idx of order) {
    const eta = idx.map((i) => {
      let s = 0;
      for (let j = 0; j < p; j++) s += x[i * p + j]! * beta[j]!;
      return s;
    });
    const shift = Math.max(...eta);
    let s0 = 0;
    s1.fill(0);
    s2.fill(0);
    for (let k = 0; k < idx.length;) {
      const t = time[idx[k]!]!;
      let end = k;
      while (end < idx.length && time[idx[end]!] === t) end++;
      let d = 0,
        a0 = 0;
      a1.fill(0);
      a2.fill(0);
      for (let q = k; q < end; q++) {
        const i = idx[q]!,
          w = Math.exp(eta[q]! - shift);
        s0 += w;
        for (let a = 0; a < p; a++) {
          const xa = x[i * p + a]!;
          s1[a] += w * xa;
          for (let b = 0; b <= a; b++) s2[a * p + b] += w * xa * x[i * p + b]!;
        }
        if (event[i] === 1) {
          d++;
          a0 += w;
          ll += eta[q]! - shift;
          for (let a = 0; a < p; a++) {
            const xa = x[i * p + a]!;
            grad[a] += xa;
            a1[a] += w * xa;
            for (let b = 0; b <= a; b++) a2[a * p + b] += w * xa * x[i * p + b]!;
          }
        }
      }
      const steps = ties === 'efron' ? d : d > 0 ? 1 : 0;
      for (let l = 0; l < steps; l++) {
        const f = ties === 'efron' ? l / d : 0,
          mult = ties === 'efron' ? 1 : d;
        const z0 = s0 - f * a0;
        ll -= mult * Math.log(z0);
        for (let a = 0; a < p; a++) {
          m1[a] = (s1[a]! - f * a1[a]!) / z0;
          grad[a] -= mult * m1[a]!;
        }
        for (let a = 0; a < p; a++)
          for (let b = 0; b <= a; b++) info[a * p + b] += mult * ((s2[a * p + b]! - f * a2[a * p + b]!) / z0 - m1[a]! * m1[b]!);
      }
      k = end;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) info[b * p + a] = info[a * p + b]!;
  return { ll, grad, hess: info };
}

/**
 * Breslow score residuals (n×p): Σ_{t ≤ Tᵢ} (xᵢ − x̄(t))(dNᵢ(t) − e^{ηᵢ} d_t/S₀(t)), x̄ = S₁/S₀;
 * also the Schoenfeld residuals xᵢ − x̄(Tᵢ) of each event (row order `events`).
 */
export function coxResiduals(
  x: Float64Array,
  n: number,
  p: number,
  time: Float64Array,
  event: Float64Array,
  beta: Float64Array,
  order: number[][],
): { score: Float64Array; schoenfeld: Float64Array; events: number[] } {
  const score = new Float64Array(n * p);
  const events: number[] = [],
    sch: number[] = [];
  for (const idx of order) {
    const w = idx.map((i) => {
      let s = 0;
      for (let j = 0; j < p; j++) s += x[i * p + j]! * beta[j]!;
      return s;
    });
    const shift = Math.max(...w);
    for (let q = 0; q < w.length; q++) w[q] = Math.exp(w[q]! - shift);
    // Pass over distinct event times (ascending), with risk-set sums from a descending sweep.
    const times: { t: number; d: number; s0: number; xbar: Float64Array; upto: number }[] = [];
    let s0 = 0;
    const s1 = new Float64Array(p);
    for (let k = 0; k < idx.length;) {
      const t = time[idx[k]!]!;
      let end = k,
        d = 0;
      while (end < idx.length && time[idx[end]!] === t) {
        const i = idx[end]!;
        s0 += w[end]!;
        for (let a = 0; a < p; a++) s1[a] += w[end]! * x[i * p + a]!;
        if (event[i] === 1) d++;
        end++;
      }
      if (d > 0) times.push({ t, d, s0, xbar: s1.map((v) => v / s0), upto: end });
      k = end;
    }
    for (const tt of times) {
      for (let q = 0; q < tt.upto; q++) {
        // rows at risk at tt.t (time ≥ t)
        const i = idx[q]!,
          dn = (event[i] === 1 && time[i] === tt.t ? 1 : 0) - (w[q]! * tt.d) / tt.s0;
        for (let a = 0; a < p; a++) score[i * p + a] += (x[i * p + a]! - tt.xbar[a]!) * dn;
        if (event[i] === 1 && time[i] === tt.t) {
          events.push(i);
          for (let a = 0; a < p; a++) sch.push(x[i * p + a]! - tt.xbar[a]!);
        }
      }
    }
  }
  return { score, schoenfeld: Float64Array.from(sch), events };
}

/**
 * Fits the Cox model (no intercept column in `x`).
 * @throws VesselprintError BAD_ARGUMENT for no events, event values other than 0/1, a negative
 * or non-finite time, collinear covariates, or non-convergence (monotone likelihood: a covariate
 * separates events).
 * @example coxFit(x, n, 1, time, event, { ties: 'breslow' }).hr[0] // hazard ratio per unit of x
 */
export function coxFit(x: Float64Array, n: number, p: number, time: Float64Array, event: Float64Array, options: CoxOptions = {}): CoxFit {
  const ties = oneOf('ties', options.ties ?? DEFAULT_COX_OPTIONS.ties, ['breslow', 'efron'] as const);
  const level = options.level ?? DEFAULT_COX_OPTIONS.level,
    maxIter = options.maxIter ?? DEFAULT_COX_OPTIONS.maxIter,
    tol = options.tol ?? DEFAULT_COX_OPTIONS.tol;
  let nEvents = 0;
  for (let i = 0; i < n; i++) {
    if (event[i] !== 0 && event[i] !== 1)
      throw new VesselprintError('BAD_ARGUMENT', `Cox event indicator must be 0/1, got ${event[i]} at row ${i + 1}`, {
        row: i + 1,
        field: 'event',
      });
    if (!(time[i]! >= 0) || !Number.isFinite(time[i]))
      throw new VesselprintError('BAD_ARGUMENT', `Cox time must be a finite number ≥ 0, got ${time[i]} at row ${i + 1}`, {
        row: i + 1,
        field: 'time',
      });
    nEvents += event[i]!;
  }
  if (nEvents === 0)
    throw new VesselprintError('BAD_ARGUMENT', `Cox regression needs events; none of ${n} rows has event = 1`, { field: 'event' });
  const order = strataOrder(time, options.strata, n);
  let beta = new Float64Array(p);
  let cur = coxPartialLikelihood(x, n, p, time, event, beta, ties, order);
  const ll0 = cur.ll;
  let it: number,
    converged = false;
  for (it = 1; it <= maxIter; it++) {
    const step = choleskySolve(cholesky(cur.hess, p, 'Cox information matrix'), p, cur.grad);
    let scale = 1,
      next = cur,
      nb = beta;
    for (let h = 0; h < 30; h++) {
      // step halving keeps the likelihood increasing
      nb = beta.map((b, j) => b + scale * step[j]!);
      next = coxPartialLikelihood(x, n, p, time, event, nb, ties, order);
      if (Number.isFinite(next.ll) && next.ll >= cur.ll - 1e-12 * Math.abs(cur.ll)) break;
      scale /= 2;
    }
    let maxStep = 0;
    for (let j = 0; j < p; j++) maxStep = Math.max(maxStep, Math.abs(nb[j]! - beta[j]!) / Math.max(1, Math.abs(nb[j]!)));
    beta = nb;
    cur = next;
    if (maxStep < tol) {
      converged = true;
      break;
    }
  }
  if (!converged || !beta.every((b) => Math.abs(b) < 50))
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `Cox regression did not converge in ${maxIter} iterations (monotone likelihood? a covariate may separate events from non-events)`,
    );
  const infoInv = choleskyInverse(cholesky(cur.hess, p, 'Cox information matrix'), p);
  let cov = infoInv;
  if (options.clusters) {
    const { score } = coxResiduals(x, n, p, time, event, beta, order);
    cov = sandwichProduct(infoInv, clusterMeat(score, n, p, new Float64Array(n).fill(1), options.clusters), p);
  }
  const zq = zQuantile(1 - (1 - level) / 2);
  const se = cov.filter((_, k) => k % (p + 1) === 0).map(Math.sqrt);
  const stat = beta.map((b, j) => b / se[j]!);
  const ciLow = beta.map((b, j) => b - zq * se[j]!),
    ciHigh = beta.map((b, j) => b + zq * se[j]!);
  const lrStat = 2 * (cur.ll - ll0);
  return {
    names: options.names ?? Array.from({ length: p }, (_, j) => `x${j}`),
    coef: beta,
    se,
    stat,
    p: stat.map(pNormal2),
    ciLow,
    ciHigh,
    hr: beta.map(Math.exp),
    hrCiLow: ciLow.map(Math.exp),
    hrCiHigh: ciHigh.map(Math.exp),
    cov,
    covType: options.clusters ? 'cluster' : 'nonrobust',
    ties,
    n,
    nEvents,
    nStrata: order.length,
    ...(options.clusters ? { nClusters: options.clusters.nClusters } : {}),
    logLik: cur.ll,
    logLik0: ll0,
    lrStat,
    lrPValue: pChisqUpper(lrStat, p),
    iterations: it,
  };
}
