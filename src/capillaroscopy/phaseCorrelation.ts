import { fft2d } from './fft.js';

/** A square window of a frame prepared for phase correlation. */
export interface PhaseWindow {
  /** Rows and columns of the (possibly zero-padded) window, powers of two. */
  rows: number;
  cols: number;
  /** Spectrum of the windowed, mean-removed patch. */
  re: Float64Array;
  im: Float64Array;
}

/** Result of {@link phaseCorrelate}. */
export interface PhaseShift {
  /** Displacement of the moving patch's content relative to the reference, px: moving(r, c) ≈ reference(r − dRow, c − dCol). */
  dRow: number;
  dCol: number;
  /** Height of the (Gaussian-weighted) correlation peak, 0–1: 1 for identical content, near 0 for unrelated patches. */
  peak: number;
}

const gaussCache = new Map<string, Float64Array>();
/** exp(−2π²σ²f²) over the FFT frequencies of a length-n axis (cached). */
function gaussianWeights(n: number, sigma: number): Float64Array {
  const key = `${n}:${sigma}`;
  let g = gaussCache.get(key);
  if (!g) {
    g = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const f = (k <= n / 2 ? k : k - n) / n;
      g[k] = Math.exp(-2 * Math.PI * Math.PI * sigma * sigma * f * f);
    }
    gaussCache.set(key, g);
  }
  return g;
}

const hannCache = new Map<number, Float64Array>();
function hann(n: number): Float64Array {
  let w = hannCache.get(n);
  if (!w) {
    w = new Float64Array(n);
    for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / n);
    hannCache.set(n, w);
  }
  return w;
}

/**
 * Cuts a `size × size` patch whose top-left corner is (row0, col0) out of a grey frame, removes its
 * mean and applies a separable Hann window (so the periodic FFT sees no edges): the real input of
 * {@link phaseWindow}. The patch must lie inside the frame.
 */
export function hannPatch(
  data: ArrayLike<number>,
  width: number,
  row0: number,
  col0: number,
  size: number,
  channels = 1,
  channel = 0,
): Float64Array {
  const n = size * size;
  const re = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < size; r++) {
    const base = ((row0 + r) * width + col0) * channels + channel;
    for (let c = 0; c < size; c++) {
      const v = data[base + c * channels]!;
      re[r * size + c] = v;
      sum += v;
    }
  }
  const mean = sum / n,
    w = hann(size);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) re[r * size + c] = (re[r * size + c]! - mean) * w[r]! * w[c]!;
  return re;
}

/**
 * The 2-D spectrum of {@link hannPatch}: a `size × size` patch at (row0, col0), mean removed,
 * Hann-windowed. `size` must be a power of two.
 */
export function phaseWindow(
  data: ArrayLike<number>,
  width: number,
  row0: number,
  col0: number,
  size: number,
  channels = 1,
  channel = 0,
): PhaseWindow {
  const re = hannPatch(data, width, row0, col0, size, channels, channel),
    im = new Float64Array(size * size);
  fft2d(re, im, size, size);
  return { rows: size, cols: size, re, im };
}

/**
 * Sub-pixel phase correlation of two windows of equal size (rows × cols, e.g. two {@link coarseWindow}s or two {@link phaseWindow}s). The normalised cross-power spectrum
 * M·R* / |M·R*| (Kuglin & Hines) is multiplied by a Gaussian exp(−2π²σ²|k|²) with σ = `peakSigmaPx`
 * before the inverse FFT, so a pure translation gives a sampled Gaussian peak of SD σ at the
 * displacement; the sub-pixel position is the exact 3-point Gaussian fit along rows and columns
 * through the integer maximum: δ = (ln c₋ − ln c₊) / (2 (ln c₋ − 2 ln c₀ + ln c₊)).
 * An optional per-frequency `weight` (same layout as the spectra, symmetric: w(−k) = w(k)) multiplies the
 * Gaussian, e.g. the temporal coherence of {@link spectralCoherence} that down-weights frequencies where
 * the content changes between frames (flowing red cells); the peak then stays symmetric but is not
 * exactly Gaussian, and the fit is an approximation (its bias is measured in the tests).
 * Displacements are wrapped to (−rows/2, rows/2] and (−cols/2, cols/2].
 *
 * References: C. D. Kuglin & D. C. Hines, "The phase correlation image alignment method", Proc.
 * IEEE Int. Conf. Cybernetics and Society, 163–165, 1975; H. Foroosh, J. B. Zerubia & M. Berthod,
 * "Extension of phase correlation to subpixel registration", IEEE Trans. Image Process. 11(3):188–200,
 * 2002, doi:10.1109/83.988953 (sub-pixel peak models).
 *
 * @example phaseCorrelate(phaseWindow(ref, w, 0, 0, 64), phaseWindow(moved, w, 0, 0, 64)) // { dRow, dCol, peak }
 */
export function phaseCorrelate(reference: PhaseWindow, moving: PhaseWindow, peakSigmaPx = 1, weight?: Float64Array): PhaseShift {
  const nr = reference.rows,
    nc = reference.cols,
    nn = nr * nc;
  const re = new Float64Array(nn),
    im = new Float64Array(nn);
  const gRow = gaussianWeights(nr, peakSigmaPx),
    gCol = gaussianWeights(nc, peakSigmaPx);
  let gsum = 0;
  for (let r = 0; r < nr; r++) {
    const gr = gRow[r]!;
    for (let c = 0; c < nc; c++) {
      const i = r * nc + c;
      const ar = moving.re[i]!,
        ai = moving.im[i]!,
        br = reference.re[i]!,
        bi = -reference.im[i]!;
      const xr = ar * br - ai * bi,
        xi = ar * bi + ai * br;
      const mag2 = xr * xr + xi * xi;
      const wgt = gr * gCol[c]! * (weight ? weight[i]! : 1);
      gsum += wgt;
      if (mag2 > 1e-24) {
        const k = wgt / Math.sqrt(mag2);
        re[i] = xr * k;
        im[i] = xi * k;
      }
    }
  }
  fft2d(re, im, nr, nc, true);
  let best = 0,
    bv = -Infinity;
  for (let i = 0; i < nn; i++)
    if (re[i]! > bv) {
      bv = re[i]!;
      best = i;
    }
  const pr = Math.floor(best / nc),
    pc = best % nc;
  const at = (r: number, c: number): number => re[(((r % nr) + nr) % nr) * nc + (((c % nc) + nc) % nc)]!;
  const fit = (m: number, z: number, p: number): number => {
    if (!(m > 0 && z > 0 && p > 0)) return 0;
    const lm = Math.log(m),
      lz = Math.log(z),
      lp = Math.log(p);
    const den = 2 * (lm - 2 * lz + lp);
    return den < 0 ? Math.max(-0.5, Math.min(0.5, (lm - lp) / den)) : 0;
  };
  const c0 = at(pr, pc);
  let dRow = pr + fit(at(pr - 1, pc), c0, at(pr + 1, pc));
  let dCol = pc + fit(at(pr, pc - 1), c0, at(pr, pc + 1));
  if (dRow > nr / 2) dRow -= nr;
  if (dCol > nc / 2) dCol -= nc;
  return { dRow, dCol, peak: bv / gsum };
}

/**
 * Height of the phase-correlation surface of {@link phaseCorrelate} (same Gaussian weighting and
 * normalisation) at one displacement (dRow, dCol), evaluated directly from the spectra without an inverse
 * FFT: Re Σ_k w(k) e^{iφ(k)} e^{2πi(k_r dRow / rows + k_c dCol / cols)} / Σ w(k), with e^{iφ} the normalised
 * cross-power spectrum. At the displacement phaseCorrelate finds, it equals that peak height up to the
 * peak's sub-pixel sampling; it is what a frame registered by other means scores against the reference.
 *
 * @example correlationAt(ref, moved, s.dRow, s.dCol) // ≈ phaseCorrelate(ref, moved).peak at s = its shift
 */
export function correlationAt(reference: PhaseWindow, moving: PhaseWindow, dRow: number, dCol: number, peakSigmaPx = 1): number {
  const nr = reference.rows,
    nc = reference.cols;
  const gRow = gaussianWeights(nr, peakSigmaPx),
    gCol = gaussianWeights(nc, peakSigmaPx);
  const cr = new Float64Array(nc),
    ci = new Float64Array(nc);
  for (let c = 0; c < nc; c++) {
    const a = (2 * Math.PI * (c <= nc / 2 ? c : c - nc) * dCol) / nc;
    cr[c] = Math.cos(a);
    ci[c] = Math.sin(a);
  }
  let total = 0,
    gsum = 0;
  for (let r = 0; r < nr; r++) {
    const gr = gRow[r]!;
    if (gr < 1e-12) {
      for (let c = 0; c < nc; c++) gsum += gr * gCol[c]!;
      continue;
    }
    const a = (2 * Math.PI * (r <= nr / 2 ? r : r - nr) * dRow) / nr,
      rr = Math.cos(a),
      ri = Math.sin(a);
    for (let c = 0; c < nc; c++) {
      const i = r * nc + c,
        wgt = gr * gCol[c]!;
      gsum += wgt;
      const ar = moving.re[i]!,
        ai = moving.im[i]!,
        br = reference.re[i]!,
        bi = -reference.im[i]!;
      const xr = ar * br - ai * bi,
        xi = ar * bi + ai * br;
      const mag2 = xr * xr + xi * xi;
      if (!(mag2 > 1e-24)) continue;
      const pr = rr * cr[c]! - ri * ci[c]!,
        pi = rr * ci[c]! + ri * cr[c]!;
      total += (wgt / Math.sqrt(mag2)) * (xr * pr - xi * pi);
    }
  }
  return total / gsum;
}

/**
 * Temporal coherence of a set of spectra at each frequency k: |Σⱼ Xⱼ(k)|² / (N Σⱼ |Xⱼ(k)|²), in [1/N, 1]
 * for incoherent to identical content (1 where there is no energy at all). Frequencies where the
 * content changes from frame to frame (red cells flowing, noise) score low; static tissue scores high.
 *
 * @example spectralCoherence([w, w])[0] // 1
 */
export function spectralCoherence(windows: readonly PhaseWindow[]): Float64Array {
  const nn = windows[0]!.re.length,
    k = windows.length;
  const out = new Float64Array(nn);
  for (let i = 0; i < nn; i++) {
    let sr = 0,
      si = 0,
      e = 0;
    for (const w of windows) {
      sr += w.re[i]!;
      si += w.im[i]!;
      e += w.re[i]! ** 2 + w.im[i]! ** 2;
    }
    out[i] = e > 0 ? (sr * sr + si * si) / (k * e) : 1;
  }
  return out;
}
