/**
 * Small dense linear algebra for the learn/ module: symmetric positive-definite solves and
 * inverses by Cholesky factorisation (Golub & Van Loan, *Matrix Computations*, 4th ed., alg. 4.2.1).
 * Matrices are row-major `Float64Array`s of size p×p; vectors are `Float64Array`s.
 */
import { VesselprintError } from '../core/errors.js';

/**
 * Cholesky factor L (lower triangular, row-major) with A = L Lᵀ. Throws when A is not
 * (numerically) positive definite, which for a regression means collinear columns.
 * @example cholesky(Float64Array.from([4, 2, 2, 3]), 2) // [2, 0, 1, 1.414…]
 */
export function cholesky(a: Float64Array, p: number, what = 'matrix'): Float64Array {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]!;
    for (let k = 0; k < j; k++) d -= l[j * p + k]! * l[j * p + k]!;
    if (!(d > 1e-13 * Math.max(1, Math.abs(a[j * p + j]!)))) {
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `${what} is singular or not positive definite at column ${j + 1} (collinear or constant columns?)`,
      );
    }
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = s / ljj;
    }
  }
  return l;
}

/** Solves A x = b given the Cholesky factor L of A (forward then back substitution). */
export function choleskySolve(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * y[k]!;
    y[i] = s / l[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * x[k]!;
    x[i] = s / l[i * p + i]!;
  }
  return x;
}

/** Inverse of a symmetric positive-definite matrix from its Cholesky factor. */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i]!;
  }
  return inv;
}

/**
 * Xᵀ W X for a row-major n×p matrix X and optional weights w (length n); returns p×p row-major.
 */
export function crossprod(x: Float64Array, n: number, p: number, w?: Float64Array): Float64Array {
  const out = new Float64Array(p * p);
  for (let r = 0; r < n; r++) {
    const wr = w ? w[r]! : 1;
    if (wr === 0) continue;
    const o = r * p;
    for (let i = 0; i < p; i++) {
      const xi = x[o + i]! * wr;
      if (xi === 0) continue;
      for (let j = 0; j <= i; j++) out[i * p + j] += xi * x[o + j]!;
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) out[j * p + i] = out[i * p + j]!;
  return out;
}

/** Xᵀ (w ∘ v) for a row-major n×p matrix X. */
export function crossprodVec(x: Float64Array, n: number, p: number, v: Float64Array, w?: Float64Array): Float64Array {
  const out = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    const vr = v[r]! * (w ? w[r]! : 1);
    if (vr === 0) continue;
    const o = r * p;
    for (let i = 0; i < p; i++) out[i] += x[o + i]! * vr;
  }
  return out;
}

/** X b for a row-major n×p matrix. */
export function matVec(x: Float64Array, n: number, p: number, b: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    const o = r * p;
    for (let i = 0; i < p; i++) s += x[o + i]! * b[i]!;
    out[r] = s;
  }
  return out;
}

/** B M B for symmetric p×p B ("bread") and M ("meat"), the sandwich covariance product. */
export function sandwichProduct(bread: Float64Array, meat: Float64Array, p: number): Float64Array {
  const tmp = new Float64Array(p * p),
    out = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let k = 0; k < p; k++) {
      const b = bread[i * p + k]!;
      if (b === 0) continue;
      for (let j = 0; j < p; j++) tmp[i * p + j] += b * meat[k * p + j]!;
    }
  for (let i = 0; i < p; i++)
    for (let k = 0; k < p; k++) {
      const t = tmp[i * p + k]!;
      if (t === 0) continue;
      for (let j = 0; j < p; j++) out[i * p + j] += t * bread[k * p + j]!;
    }
  return out;
}
