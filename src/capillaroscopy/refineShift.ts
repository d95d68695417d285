import type { PixelArray } from '../core/image.js';

/**
 * A reference patch prepared for {@link refineShift}: the pixels that take part (static tissue,
 * 2 px inside the patch, those with the strongest gradient, which carry nearly all the shift
 * information) with their value, central-difference gradient and position across the patch.
 */
export interface RefinePatch {
  /** Size of the patch, px. */
  rows: number;
  cols: number;
  /** Top-left of the patch in the reference frame, px. */
  row0: number;
  col0: number;
  /** Pixel offsets (row · cols + col) inside the patch. */
  index: Int32Array;
  value: Float64Array;
  gradRow: Float64Array;
  gradCol: Float64Array;
  /** Row and column position scaled to [−1, 1] across the patch (for the illumination bias). */
  rho: Float64Array;
  gamma: Float64Array;
}

/** Options of {@link refinePatch}. */
export interface RefinePatchOptions {
  /** 0 masks a pixel out (row-major over the patch). Default: all pixels usable. */
  use?: Uint8Array;
  /** Share of the usable pixels kept, strongest gradient first. Default 0.5. */
  keepFraction?: number;
  /** At most this many pixels are kept. Default Infinity. */
  maxPixels?: number;
}

/**
 * Prepares a `rows × cols` reference patch (values row-major, top-left at (row0, col0) of the reference
 * frame) for {@link refineShift}: of the usable pixels 2 px inside the patch, the `keepFraction` (at most
 * `maxPixels`, at least 16) with the largest gradient magnitude are kept.
 *
 * @example refinePatch(ref, 64, 64, 16, 16).index.length // 1800 (half of the 60² inner pixels)
 */
export function refinePatch(
  values: Float64Array,
  rows: number,
  cols: number,
  row0: number,
  col0: number,
  options: RefinePatchOptions = {},
): RefinePatch {
  const use = options.use,
    keepFraction = options.keepFraction ?? 0.5,
    maxPixels = options.maxPixels ?? Infinity;
  const m = 2,
    inner = (rows - 2 * m) * (cols - 2 * m);
  const idx = new Int32Array(inner),
    g2 = new Float64Array(inner);
  let n = 0;
  for (let r = m; r < rows - m; r++) {
    for (let c = m; c < cols - m; c++) {
      const i = r * cols + c;
      if (use && !use[i]) continue;
      const gr = (values[i + cols]! - values[i - cols]!) / 2,
        gc = (values[i + 1]! - values[i - 1]!) / 2;
      idx[n] = i;
      g2[n++] = gr * gr + gc * gc;
    }
  }
  const count = Math.min(n, Math.max(16, Math.min(maxPixels, Math.round(keepFraction * n))));
  // the `count` largest squared gradients: a threshold from a sorted sample (set low so that it keeps
  // ≥ count pixels), then an exact sort of the few candidates above it
  let cut = -Infinity;
  if (n > 8 * count) {
    const step = 8,
      sample = new Float64Array(Math.ceil(n / step));
    for (let j = 0, o = 0; j < n; j += step) sample[o++] = g2[j]!;
    sample.sort();
    const q = Math.max(0, sample.length - Math.ceil((2 * count) / step) - 1);
    cut = sample[q]!;
    let above = 0;
    for (let j = 0; j < n; j++) if (g2[j]! >= cut) above++;
    if (above < count) cut = -Infinity;
  }
  const cand: number[] = [];
  for (let j = 0; j < n; j++) if (g2[j]! >= cut) cand.push(j);
  cand.sort((a, b) => g2[b]! - g2[a]! || a - b);
  const keep = Int32Array.from(cand.slice(0, count), (j) => idx[j]!).sort();
  const hr = (rows - 1) / 2,
    hc = (cols - 1) / 2;
  return {
    rows,
    cols,
    row0,
    col0,
    index: keep,
    value: Float64Array.from(keep, (i) => values[i]!),
    gradRow: Float64Array.from(keep, (i) => (values[i + cols]! - values[i - cols]!) / 2),
    gradCol: Float64Array.from(keep, (i) => (values[i + 1]! - values[i - 1]!) / 2),
    rho: Float64Array.from(keep, (i) => (Math.floor(i / cols) - hr) / hr),
    gamma: Float64Array.from(keep, (i) => ((i % cols) - hc) / hc),
  };
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
  /** Gauss–Newton iterations at most (stops when a step is below 0.005 px). Default 10. */
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
 * @example refineShift(frame.data, w, h, 1, 0, refinePatch(ref, 128, 128, r0, c0), 1.8, -0.4, 1) // ≈ { dRow: 1.83, dCol: -0.41, cost: 3.1 }
 */
export function refineShift(
  data: PixelArray,
  width: number,
  height: number,
  channels: number,
  channel: number,
  ref: RefinePatch,
  dRow: number,
  dCol: number,
  gain: number,
  options: RefineShiftOptions = {},
): RefinedShift {
  const iterations = options.iterations ?? 10,
    tukeyC = options.tukeyC ?? 4.685;
  const k = ref.index.length;
  if (k < 5) return { dRow, dCol, cost: Infinity };
  const res = new Float64Array(k);
  const hist = new Int32Array(HIST_BINS + 1);
  const A = new Float64Array(25),
    B = new Float64Array(5),
    J = new Float64Array(5);
  const stride = width * channels;
  const offset = new Int32Array(k); // each pixel's offset in the frame from the patch's top-left
  for (let j = 0; j < k; j++) {
    const q = ref.index[j]!,
      r = Math.floor(q / ref.cols);
    offset[j] = r * stride + (q - r * ref.cols) * channels;
  }
  let dr = dRow,
    dc = dCol,
    cost = Infinity;
  let b0 = 0,
    b1 = 0,
    b2 = 0; // illumination bias a + bR·ρ + bC·γ
  for (let it = 0; it <= iterations; it++) {
    const ir = Math.floor(dr),
      ic = Math.floor(dc),
      ar = dr - ir,
      ac = dc - ic;
    if (ref.row0 + ir < 0 || ref.col0 + ic < 0 || ref.row0 + ir + ref.rows >= height || ref.col0 + ic + ref.cols >= width)
      return { dRow, dCol, cost: Infinity };
    const w00 = (1 - ar) * (1 - ac),
      w01 = (1 - ar) * ac,
      w10 = ar * (1 - ac),
      w11 = ar * ac;
    const base = ((ref.row0 + ir) * width + ref.col0 + ic) * channels + channel;
    hist.fill(0);
    for (let j = 0; j < k; j++) {
      const p = base + offset[j]!;
      const v = w00 * data[p]! + w01 * data[p + channels]! + w10 * data[p + stride]! + w11 * data[p + stride + channels]!;
      const e = v * gain - ref.value[j]! - (b0 + b1 * ref.rho[j]! + b2 * ref.gamma[j]!);
      res[j] = e;
      hist[Math.min(HIST_BINS, Math.floor(Math.abs(e) / HIST_STEP))]++;
    }
    cost = histMedian(hist, k);
    if (it === iterations) break;
    const scale = Math.max(1e-6, 1.4826 * cost) * tukeyC;
    // 5 unknowns: the shift and the illumination bias, so a fixed vignetting gradient, which does not move
    // with the tissue, cannot pull the shift towards zero
    A.fill(0);
    B.fill(0);
    for (let j = 0; j < k; j++) {
      const e = res[j]!,
        u = e / scale;
      if (u <= -1 || u >= 1) continue;
      const w = (1 - u * u) ** 2;
      J[0] = ref.gradRow[j]!;
      J[1] = ref.gradCol[j]!;
      J[2] = 1;
      J[3] = ref.rho[j]!;
      J[4] = ref.gamma[j]!;
      for (let a = 0; a < 5; a++) {
        const wa = w * J[a]!;
        B[a] += wa * e;
        for (let b = a; b < 5; b++) A[a * 5 + b] += wa * J[b]!;
      }
    }
    for (let a = 0; a < 5; a++) for (let b = 0; b < a; b++) A[a * 5 + b] = A[b * 5 + a]!;
    const step = solve5(A, B);
    if (!step) return { dRow, dCol, cost: Infinity };
    // e = F(x + d)·g − R − bias: ∂e/∂d = ∇R and ∂e/∂bias = −basis, so Gauss–Newton moves d by −step, the bias by +step
    const sr = -step[0]!,
      sc = -step[1]!;
    b0 += step[2]!;
    b1 += step[3]!;
    b2 += step[4]!;
    dr += sr;
    dc += sc;
    if (Math.abs(dr - dRow) > 3 || Math.abs(dc - dCol) > 3) return { dRow, dCol, cost: Infinity };
    if (Math.abs(sr) < 0.005 && Math.abs(sc) < 0.005) it = iterations - 1; // converged: one more pass measures the cost
  }
  return { dRow: dr, dCol: dc, cost };
}

/** Solves the 5×5 system A x = b by Gaussian elimination with partial pivoting; null when singular. */
function solve5(A: Float64Array, b: Float64Array): Float64Array | null {
  const M = Float64Array.from(A),
    x = Float64Array.from(b),
    n = 5;
  const scale = Math.max(...Array.from(M, Math.abs));
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i * n + k]!) > Math.abs(M[p * n + k]!)) p = i;
    if (!(Math.abs(M[p * n + k]!) > 1e-12 * scale)) return null;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = M[k * n + j]!;
        M[k * n + j] = M[p * n + j]!;
        M[p * n + j] = t;
      }
      const t = x[k]!;
      x[k] = x[p]!;
      x[p] = t;
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

const HIST_STEP = 0.05,
  HIST_BINS = 4000;

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
