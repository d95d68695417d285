/** Small dense linear solve by Gaussian elimination with partial pivoting (KernelSHAP's normal equations, the FOV circle fit). */
import { VesselprintError } from './errors.js';

/**
 * Solves A z = b for a row-major n×n matrix A (copies its inputs).
 * @param singular the error message when A is singular (say what the caller should change)
 * @throws VesselprintError BAD_ARGUMENT when A is singular.
 * @example solveDense(Float64Array.of(2, 0, 0, 4), Float64Array.of(2, 8), 2) // [1, 2]
 */
export function solveDense(a: Float64Array, b: Float64Array, n: number, singular = 'singular linear system'): Float64Array {
  const m = Float64Array.from(a),
    z = Float64Array.from(b);
  let scale = 0;
  for (const v of m) scale = Math.max(scale, Math.abs(v));
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[piv * n + c]!)) piv = r;
    if (!(Math.abs(m[piv * n + c]!) > 1e-13 * scale)) throw new VesselprintError('BAD_ARGUMENT', singular);
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        const t = m[c * n + k]!;
        m[c * n + k] = m[piv * n + k]!;
        m[piv * n + k] = t;
      }
      const t = z[c]!;
      z[c] = z[piv]!;
      z[piv] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / m[c * n + c]!;
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k] -= f * m[c * n + k]!;
      z[r] -= f * z[c]!;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = z[c]!;
    for (let k = c + 1; k < n; k++) s -= m[c * n + k]! * z[k]!;
    z[c] = s / m[c * n + c]!;
  }
  return z;
}
