import type { PixelArray } from '../core/image.js';

/** A reference patch prepared for {@link refineShift}: values and central-difference gradients. */
export interface RefinePatch {
  size: number;
  /** Top-left of the patch in the reference frame, px. */
  row0: number;
  col0: number;
  values: Float64Array;
  gradRow: Float64Array;
  gradCol: Float64Array;
  /** 1 where the pixel takes part (static tissue), 0 where it is ignored. */
  use: Uint8Array;
}

/** Prepares a `size × size` reference patch (values in row-major order) for {@link refineShift}; `use` (default all 1) masks pixels out. */
export function refinePatch(values: Float64Array, size: number, row0: number, col0: number, use: Uint8Array = new Uint8Array(size * size).fill(1)): RefinePatch {
  const gradRow = new Float64Array(size * size), gradCol = new Float64Array(size * size);
  for (let r = 1; r < size - 1; r++) {
    for (let c = 1; c < size - 1; c++) {
      const i = r * size + c;
      gradRow[i] = (values[i + size]! - values[i - size]!) / 2;
      gradCol[i] = (values[i + 1]! - values[i - 1]!) / 2;
    }
  }
  return { size, row0, col0, values, gradRow, gradCol, use };
}

/** Result of {@link refineShift}. */
export interface RefinedShift {
  dRow: number;
  dCol: number;
  /** Median absolute residual at the solution (grey levels): lower is a better fit; Infinity when refinement failed. */
  cost: number;
}

/** Options of {@link refineShift}. */
export interface RefineShiftOptions {
  /** Gauss–Newton iterations at most (stops when a step is below 0.002 px). Default 12. */
  iterations?: number;
  /** Tukey biweight tuning constant, in robust SDs (1.4826 · MAD) of the residuals. Default 4.685. */
  tukeyC?: number;
}

/**
 * Sub-pixel refinement of a translation by robust Lucas–Kanade: minimises Σ ρ(F(x + d)·g − R(x)) over
 * the patch, with F the frame sampled bilinearly, g = `gain`, R the reference patch and ρ Tukey's
 * biweight (iteratively reweighted least squares; the scale is re-estimated from the MAD of the
 * residuals at every iteration). Each step solves the 2×2 normal equations with the reference's
 * gradients (inverse-compositional approximation): δ = −(Σ w ∇R∇Rᵀ)⁻¹ Σ w ∇R e, jointly with an affine
 * illumination bias (a + b_r·row + b_c·col across the patch) that absorbs fixed vignetting. Pixels where red cells
 * flow change by far more than the noise between frames, so the biweight gives them zero weight and
 * the shift is measured on the static tissue; pixels with `use` 0 (known flow) are left out from the start. Returns the start shift unchanged when the system is
 * singular or the patch would leave the frame (cost Infinity). The last pass only measures the cost.
 *
 * References: B. D. Lucas & T. Kanade, "An iterative image registration technique with an application to
 * stereo vision", Proc. IJCAI 1981, 674–679; M. J. Black & P. Anandan, "The robust estimation of multiple
 * motions", Comput. Vis. Image Underst. 63(1):75–104, 1996, doi:10.1006/cviu.1996.0006.
 *
 * @example refineShift(frame.data, w, h, 1, 0, refinePatch(ref, 128, r0, c0), 1.8, -0.4, 1) // ≈ { dRow: 1.83, dCol: -0.41, cost: 3.1 }
 */
export function refineShift(
  data: PixelArray, width: number, height: number, channels: number, channel: number,
  ref: RefinePatch, dRow: number, dCol: number, gain: number, options: RefineShiftOptions = {},
): RefinedShift {
  const iterations = options.iterations ?? 12, tukeyC = options.tukeyC ?? 4.685;
  const n = ref.size, m = 2;
  const res = new Float64Array(n * n);
  const hist = new Int32Array(HIST_BINS + 1);
  let dr = dRow, dc = dCol, cost = Infinity;
  const bias = new Float64Array(3);
  for (let it = 0; it <= iterations; it++) {
    const fr0 = ref.row0 + m + dr, fc0 = ref.col0 + m + dc;
    if (fr0 < 0 || fc0 < 0 || fr0 + n - 2 * m + 1 >= height || fc0 + n - 2 * m + 1 >= width) return { dRow, dCol, cost: Infinity };
    const ir = Math.floor(dr), ic = Math.floor(dc), ar = dr - ir, ac = dc - ic;
    const w00 = (1 - ar) * (1 - ac), w01 = (1 - ar) * ac, w10 = ar * (1 - ac), w11 = ar * ac;
    let k = 0;
    hist.fill(0);
    for (let r = m; r < n - m; r++) {
      const fr = ref.row0 + r + ir;
      let p = (fr * width + ref.col0 + m + ic) * channels + channel;
      const stride = width * channels;
      for (let c = m; c < n - m; c++, p += channels) {
        const v = w00 * data[p]! + w01 * data[p + channels]! + w10 * data[p + stride]! + w11 * data[p + stride + channels]!;
        const e = v * gain - ref.values[r * n + c]!;
        res[r * n + c] = e;
        const eb = e - (bias[0]! + bias[1]! * (r - (n - 1) / 2) / ((n - 1) / 2) + bias[2]! * (c - (n - 1) / 2) / ((n - 1) / 2));
        if (ref.use[r * n + c]) { hist[Math.min(HIST_BINS, Math.floor(Math.abs(eb) / HIST_STEP))]++; k++; }
      }
    }
    if (k === 0) return { dRow, dCol, cost: Infinity };
    cost = histMedian(hist, k);
    if (it === iterations) break;
    const scale = Math.max(1e-6, 1.4826 * cost) * tukeyC;
    // 5 unknowns: shift (row, col) and an illumination bias a + bR·ρ + bC·γ (ρ, γ ∈ [−1, 1] across the patch),
    // so a fixed vignetting gradient, which does not move with the tissue, cannot pull the shift to zero
    const A = new Float64Array(25), B = new Float64Array(5), J = new Float64Array(5);
    const half = (n - 1) / 2;
    for (let r = m; r < n - m; r++) {
      for (let c = m; c < n - m; c++) {
        const i = r * n + c;
        if (!ref.use[i]) continue;
        J[0] = ref.gradRow[i]!; J[1] = ref.gradCol[i]!; J[2] = 1; J[3] = (r - half) / half; J[4] = (c - half) / half;
        const e = res[i]! - (bias[0]! + bias[1]! * J[3] + bias[2]! * J[4]);
        const u = e / scale;
        if (u <= -1 || u >= 1) continue;
        const w = (1 - u * u) ** 2;
        for (let p = 0; p < 5; p++) {
          B[p] += w * J[p]! * e;
          for (let q = p; q < 5; q++) A[p * 5 + q] += w * J[p]! * J[q]!;
        }
      }
    }
    for (let p = 0; p < 5; p++) for (let q = 0; q < p; q++) A[p * 5 + q] = A[q * 5 + p]!;
    const step = solve5(A, B);
    if (!step) return { dRow, dCol, cost: Infinity };
    // e = F(x + d) g − R − bias: ∂e/∂d = ∇R, ∂e/∂bias = −basis, so Gauss–Newton moves d by −step and bias by +step
    const sr = -step[0]!, sc = -step[1]!;
    bias[0] += step[2]!; bias[1] += step[3]!; bias[2] += step[4]!;
    dr += sr; dc += sc;
    if (Math.abs(dr - dRow) > 3 || Math.abs(dc - dCol) > 3) return { dRow, dCol, cost: Infinity };
    if (Math.abs(sr) < 0.002 && Math.abs(sc) < 0.002) it = iterations - 1; // converged: one more pass measures the cost
  }
  return { dRow: dr, dCol: dc, cost };
}

const HIST_STEP = 0.05, HIST_BINS = 4000;

/** Median of |residuals| from a histogram of bin width HIST_STEP (the last bin holds everything above), linear within the bin. */
function histMedian(hist: Int32Array, k: number): number {
  const half = k / 2;
  let acc = 0;
  for (let b = 0; b < hist.length; b++) {
    const h = hist[b]!;
    if (acc + h >= half) return (b + (h > 0 ? (half - acc) / h : 0)) * HIST_STEP;
    acc += h;
  }
  return HIST_BINS * HIST_STEP;
}

/** Solves the 5×5 system A x = b by Gaussian elimination with partial pivoting; null when singular. */
function solve5(A: Float64Array, b: Float64Array): Float64Array | null {
  const M = Float64Array.from(A), x = Float64Array.from(b), n = 5;
  const scale = Math.max(...Array.from(M, Math.abs));
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i * n + k]!) > Math.abs(M[p * n + k]!)) p = i;
    if (!(Math.abs(M[p * n + k]!) > 1e-12 * scale)) return null;
    if (p !== k) {
      for (let j = 0; j < n; j++) { const t = M[k * n + j]!; M[k * n + j] = M[p * n + j]!; M[p * n + j] = t; }
      const t = x[k]!; x[k] = x[p]!; x[p] = t;
    }
    for (let i = k + 1; i < n; i++) {
      const f = M[i * n + k]! / M[k * n + k]!;
      for (let j = k; j < n; j++) M[i * n + j] -= f * M[k * n + j]!;
      x[i] -= f * x[k]!;
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    let s = x[k]!;
    for (let j = k + 1; j < n; j++) s -= M[k * n + j]! * x[j]!;
    x[k] = s / M[k * n + k]!;
  }
  return x;
}
