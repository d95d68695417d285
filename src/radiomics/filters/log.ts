import { VesselprintError } from '../../core/errors.js';
import { convolve1d } from './convolve.js';

/**
 * Laplacian of Gaussian filter (IBSI 2, section 2.3): the response of the image to
 * ∇²G_σ = −(1/σ²)(1/(2πσ²))(2 − r²/σ²) exp(−r²/(2σ²)), computed separably as
 * (g'' ⊗ g) + (g ⊗ g'') with the sampled 1D Gaussian g and its second derivative
 * g''(x) = (x²/σ⁴ − 1/σ²) g(x); kernels truncated at 4σ, mirror boundaries.
 *
 * @param values image (row-major)
 * @param sigmaPx σ in pixels (σ_mm / pixel size in mm)
 * @throws VesselprintError BAD_ARGUMENT when σ is not positive
 * @example laplacianOfGaussian(new Float64Array(25).fill(3), 5, 5, 1) // all ≈ 0
 */
export function laplacianOfGaussian(values: Float64Array, width: number, height: number, sigmaPx: number): Float64Array {
  if (!(sigmaPx > 0) || !Number.isFinite(sigmaPx))
    throw new VesselprintError('BAD_ARGUMENT', `log filter: sigma must be positive, got ${sigmaPx}`, { field: 'filter' });
  const rad = Math.ceil(4 * sigmaPx);
  const n = 2 * rad + 1;
  const g = new Float64Array(n);
  const g2 = new Float64Array(n);
  const s2 = sigmaPx * sigmaPx;
  for (let t = 0; t < n; t++) {
    const x = t - rad;
    g[t] = Math.exp(-(x * x) / (2 * s2)) / (Math.sqrt(2 * Math.PI) * sigmaPx);
    g2[t] = ((x * x) / (s2 * s2) - 1 / s2) * g[t]!;
  }
  const a = convolve1d(convolve1d(values, width, height, g2, 'x', rad), width, height, g, 'y', rad);
  const b = convolve1d(convolve1d(values, width, height, g, 'x', rad), width, height, g2, 'y', rad);
  for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
  return a;
}
