/**
 * Elastic-net logistic regression by proximal Newton (IRLS outer loop, coordinate descent on the
 * penalised weighted least-squares inner problem, step halving on the objective), warm-started
 * along a path. glmnet's parameterisation (Friedman, Hastie & Tibshirani 2010,
 * doi:10.18637/jss.v033.i01, §3):
 *   minimise (1/n)·Σ logloss(yᵢ, b + xᵢᵀw) + λ·(ρ‖w‖₁ + (1−ρ)/2‖w‖²), b unpenalised.
 * scikit-learn's `LogisticRegression(C, l1_ratio)` is the same problem with λ = 1/(C·n).
 */
import { VesselprintError } from '../../core/errors.js';
import type { Matrix } from '../types.js';
import type { FittedModel } from './types.js';
import { log1pExp } from '../stats/logistic.js';

export interface LogisticPathPoint {
  lambda: number;
  intercept: number;
  coef: Float64Array;
  /** Newton (outer) iterations used. */
  iterations: number;
}

export interface PenalizedLogisticOptions {
  /** ρ ∈ [0, 1]. Default 0.5. */
  l1Ratio?: number;
  /** Convergence tolerance on the largest coefficient change. Default 1e-9. */
  tol?: number;
  /** Maximum Newton iterations per λ. Default 200. */
  maxIter?: number;
}

/** λ = 1/(C·n): converts scikit-learn's C for n training rows. */
export function lambdaFromC(c: number, n: number): number {
  return 1 / (c * n);
}

/** Largest useful λ: max_j |X_jᵀ(y − ȳ)| / (n·ρ) (all slopes zero above it). */
export function logisticLambdaMax(x: Matrix, y: Float64Array, l1Ratio: number): number {
  const n = x.nRows,
    p = x.nCols;
  let ym = 0;
  for (let i = 0; i < n; i++) ym += y[i]!;
  ym /= n;
  let m = 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x.data[i * p + j]! * (y[i]! - ym);
    m = Math.max(m, Math.abs(s));
  }
  return m / (n * Math.max(l1Ratio, 1e-3));
}

const sigmoid = (t: number): number => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

/**
 * Coefficients along a decreasing sequence of λ for a 0/1 outcome.
 * @example penalizedLogisticPath(x, y, [lambdaFromC(1, x.nRows)], { l1Ratio: 1 })[0].coef
 */
export function penalizedLogisticPath(
  x: Matrix,
  y: Float64Array,
  lambdas: readonly number[],
  options: PenalizedLogisticOptions = {},
): LogisticPathPoint[] {
  const rho = options.l1Ratio ?? 0.5,
    tol = options.tol ?? 1e-9,
    maxIter = options.maxIter ?? 200;
  if (!(rho >= 0 && rho <= 1)) throw new VesselprintError('BAD_ARGUMENT', `l1Ratio must be in [0, 1], got ${rho}`, { field: 'l1Ratio' });
  const n = x.nRows,
    p = x.nCols;
  if (y.length !== n) throw new VesselprintError('SHAPE_MISMATCH', `penalized logistic: ${n} rows but ${y.length} outcomes`);
  for (let i = 0; i < n; i++)
    if (y[i] !== 0 && y[i] !== 1)
      throw new VesselprintError('BAD_ARGUMENT', `penalized logistic: outcome must be 0/1, got ${y[i]} at row ${i + 1}`);
  const cols = Array.from({ length: p }, (_, j) => {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = x.data[i * p + j]!;
    return c;
  });
  let ym = 0;
  for (let i = 0; i < n; i++) ym += y[i]!;
  ym /= n;
  if (ym === 0 || ym === 1)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `penalized logistic: the training outcome has only one class (${ym * n} of ${n} are 1); use fewer folds or more data`,
    );
  let b = Math.log(ym / (1 - ym));
  const w = new Float64Array(p);
  const eta = new Float64Array(n).fill(b);
  const out: LogisticPathPoint[] = [];
  const objective = (bb: number, ww: Float64Array, et: Float64Array, lam: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += log1pExp(et[i]!) - y[i]! * et[i]!;
    let l1 = 0,
      l2 = 0;
    for (let j = 0; j < p; j++) {
      l1 += Math.abs(ww[j]!);
      l2 += ww[j]! * ww[j]!;
    }
    void bb;
    return s / n + lam * (rho * l1 + ((1 - rho) / 2) * l2);
  };
  const wt = new Float64Array(n),
    z = new Float64Array(n),
    r = new Float64Array(n);
  for (const lam of lambdas) {
    let it: number;
    for (it = 1; it <= maxIter; it++) {
      // Quadratic approximation at the current point.
      for (let i = 0; i < n; i++) {
        const pi = sigmoid(eta[i]!);
        wt[i] = Math.max(pi * (1 - pi), 1e-10);
        z[i] = eta[i]! + (y[i]! - pi) / wt[i]!;
      }
      const nb = { b },
        nw = Float64Array.from(w);
      for (let i = 0; i < n; i++) r[i] = z[i]! - eta[i]!; // residual of the WLS at the current point
      const xw2 = cols.map((c) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += wt[i]! * c[i]! * c[i]!;
        return s / n;
      });
      let sw = 0;
      for (let i = 0; i < n; i++) sw += wt[i]!;
      for (let inner = 0; inner < 10000; inner++) {
        let maxD = 0;
        // intercept
        let gb = 0;
        for (let i = 0; i < n; i++) gb += wt[i]! * r[i]!;
        const db = gb / sw;
        if (db !== 0) {
          for (let i = 0; i < n; i++) r[i] = r[i]! - db;
          nb.b += db;
          maxD = Math.max(maxD, Math.abs(db));
        }
        for (let j = 0; j < p; j++) {
          if (xw2[j] === 0) continue;
          const c = cols[j]!,
            wj = nw[j]!;
          let g = 0;
          for (let i = 0; i < n; i++) g += wt[i]! * c[i]! * r[i]!;
          g = g / n + xw2[j]! * wj;
          const v = (Math.sign(g) * Math.max(Math.abs(g) - lam * rho, 0)) / (xw2[j]! + lam * (1 - rho));
          const d = v - wj;
          if (d !== 0) {
            for (let i = 0; i < n; i++) r[i] = r[i]! - d * c[i]!;
            nw[j] = v;
            maxD = Math.max(maxD, Math.abs(d) * Math.sqrt(xw2[j]!));
          }
        }
        if (maxD < tol * 0.1) break;
      }
      // Step halving on the true objective.
      const f0 = objective(b, w, eta, lam);
      let t = 1,
        accepted = false;
      const etaNew = new Float64Array(n),
        wNew = new Float64Array(p);
      let bNew = b;
      for (let h = 0; h < 30; h++) {
        bNew = b + t * (nb.b - b);
        for (let j = 0; j < p; j++) wNew[j] = w[j]! + t * (nw[j]! - w[j]!);
        for (let i = 0; i < n; i++) {
          let s = bNew;
          for (let j = 0; j < p; j++) s += cols[j]![i]! * wNew[j]!;
          etaNew[i] = s;
        }
        if (objective(bNew, wNew, etaNew, lam) <= f0 + 1e-15 * Math.abs(f0)) {
          accepted = true;
          break;
        }
        t /= 2;
      }
      let maxChange = 0;
      if (accepted) {
        maxChange = Math.abs(bNew - b);
        for (let j = 0; j < p; j++) maxChange = Math.max(maxChange, Math.abs(wNew[j]! - w[j]!));
        b = bNew;
        w.set(wNew);
        eta.set(etaNew);
      }
      if (!accepted || maxChange < tol) break;
    }
    out.push({ lambda: lam, intercept: b, coef: Float64Array.from(w), iterations: it });
  }
  return out;
}

/** A fitted logistic model P(y=1|x) = σ(b + xᵀw). */
export function logisticModel(intercept: number, coef: Float64Array, kind = 'elasticnet-logistic'): FittedModel {
  return {
    kind,
    task: 'classification',
    nFeatures: coef.length,
    predict(x: Matrix): Float64Array {
      if (x.nCols !== coef.length)
        throw new VesselprintError('SHAPE_MISMATCH', `${kind}: expected ${coef.length} features, got ${x.nCols}`);
      const out = new Float64Array(x.nRows);
      for (let i = 0; i < x.nRows; i++) {
        let s = intercept;
        for (let j = 0; j < coef.length; j++) s += x.data[i * x.nCols + j]! * coef[j]!;
        out[i] = sigmoid(s);
      }
      return out;
    },
  };
}
