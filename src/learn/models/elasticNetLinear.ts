/**
 * Elastic-net linear regression by cyclic coordinate descent with warm starts along a path of
 * penalties, in scikit-learn's parameterisation (`ElasticNet(alpha, l1_ratio)`):
 *   minimise 1/(2n)·‖y − b − Xw‖² + α·ρ·‖w‖₁ + α(1−ρ)/2·‖w‖²,
 * intercept b unpenalised (centring). Friedman, Hastie & Tibshirani 2010, doi:10.18637/jss.v033.i01, eq. (5).
 */
import { VesselprintError } from '../../core/errors.js';
import type { Matrix } from '../types.js';
import type { FittedModel } from './types.js';

export interface ElasticNetOptions {
  /** ρ ∈ [0, 1]: 1 = lasso, 0 = ridge. Default 0.5. */
  l1Ratio?: number;
  /** Convergence: stop when the largest coefficient change × √(column scale) < tol. Default 1e-10. */
  tol?: number;
  /** Maximum sweeps per penalty. Default 10000. */
  maxIter?: number;
}

export interface LinearPathPoint {
  alpha: number;
  intercept: number;
  coef: Float64Array;
  /** Coordinate-descent sweeps used. */
  iterations: number;
}

/** Centred copies of X's columns (column-major), their means, and the centred y. */
function centre(x: Matrix, y: Float64Array): { cols: Float64Array[]; xm: Float64Array; yc: Float64Array; ym: number } {
  const { nRows: n, nCols: p, data } = x;
  const xm = new Float64Array(p);
  const cols = Array.from({ length: p }, () => new Float64Array(n));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) {
      const v = data[i * p + j]!;
      cols[j]![i] = v;
      xm[j] += v;
    }
  for (let j = 0; j < p; j++) {
    xm[j] = xm[j]! / n;
    const c = cols[j]!;
    for (let i = 0; i < n; i++) c[i] = c[i]! - xm[j]!;
  }
  let ym = 0;
  for (let i = 0; i < n; i++) ym += y[i]!;
  ym /= n;
  return { cols, xm, yc: y.map((v) => v - ym), ym };
}

/**
 * Largest useful α (all coefficients zero above it): max_j |X_jᵀ(y − ȳ)| / (n·ρ), as sklearn.
 */
export function linearAlphaMax(x: Matrix, y: Float64Array, l1Ratio: number): number {
  const { cols, yc } = centre(x, y);
  let m = 0;
  for (const c of cols) {
    let s = 0;
    for (let i = 0; i < c.length; i++) s += c[i]! * yc[i]!;
    m = Math.max(m, Math.abs(s));
  }
  return m / (x.nRows * Math.max(l1Ratio, 1e-3));
}

/** `nAlphas` log-spaced penalties from α_max down to eps·α_max (sklearn's default grid). */
export function alphaGrid(alphaMax: number, nAlphas = 100, eps = 1e-3): number[] {
  return Array.from({ length: nAlphas }, (_, k) => alphaMax * Math.pow(eps, k / (nAlphas - 1)));
}

/**
 * Coefficients along a decreasing sequence of α (warm-started).
 * @example elasticNetPath(x, y, [1, 0.1, 0.01], { l1Ratio: 1 })[2].coef
 */
export function elasticNetPath(x: Matrix, y: Float64Array, alphas: readonly number[], options: ElasticNetOptions = {}): LinearPathPoint[] {
  const rho = options.l1Ratio ?? 0.5,
    tol = options.tol ?? 1e-10,
    maxIter = options.maxIter ?? 10000;
  if (!(rho >= 0 && rho <= 1)) throw new VesselprintError('BAD_ARGUMENT', `l1Ratio must be in [0, 1], got ${rho}`, { field: 'l1Ratio' });
  const n = x.nRows,
    p = x.nCols;
  if (y.length !== n) throw new VesselprintError('SHAPE_MISMATCH', `elastic net: ${n} rows but ${y.length} outcomes`);
  const { cols, xm, yc, ym } = centre(x, y);
  const norm2 = cols.map((c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += c[i]! * c[i]!;
    return s / n;
  });
  const w = new Float64Array(p);
  const r = Float64Array.from(yc);
  const out: LinearPathPoint[] = [];
  for (const alpha of alphas) {
    const l1 = alpha * rho,
      l2 = alpha * (1 - rho);
    let it: number;
    for (it = 1; it <= maxIter; it++) {
      let maxDelta = 0;
      for (let j = 0; j < p; j++) {
        if (norm2[j] === 0) continue;
        const c = cols[j]!,
          wj = w[j]!;
        let g = 0;
        for (let i = 0; i < n; i++) g += c[i]! * r[i]!;
        g = g / n + norm2[j]! * wj;
        const nw = (Math.sign(g) * Math.max(Math.abs(g) - l1, 0)) / (norm2[j]! + l2);
        const d = nw - wj;
        if (d !== 0) {
          for (let i = 0; i < n; i++) r[i] = r[i]! - d * c[i]!;
          w[j] = nw;
          maxDelta = Math.max(maxDelta, Math.abs(d) * Math.sqrt(norm2[j]!));
        }
      }
      if (maxDelta < tol) break;
    }
    let b = ym;
    for (let j = 0; j < p; j++) b -= xm[j]! * w[j]!;
    out.push({ alpha, intercept: b, coef: Float64Array.from(w), iterations: it });
  }
  return out;
}

/** A fitted linear model ŷ = b + xᵀw. */
export function linearModel(intercept: number, coef: Float64Array, kind = 'elasticnet-linear'): FittedModel {
  return {
    kind,
    task: 'regression',
    nFeatures: coef.length,
    predict(x: Matrix): Float64Array {
      if (x.nCols !== coef.length)
        throw new VesselprintError('SHAPE_MISMATCH', `${kind}: expected ${coef.length} features, got ${x.nCols}`);
      const out = new Float64Array(x.nRows);
      for (let i = 0; i < x.nRows; i++) {
        let s = intercept;
        for (let j = 0; j < coef.length; j++) s += x.data[i * x.nCols + j]! * coef[j]!;
        out[i] = s;
      }
      return out;
    },
  };
}
