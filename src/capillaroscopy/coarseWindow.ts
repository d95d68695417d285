import type { PixelArray } from '../core/image.js';
import { fft2d } from './fft.js';
import type { PhaseWindow } from './phaseCorrelation.js';

/** How a whole frame is reduced for coarse registration: box-averaged by `factor`, then zero-padded to powers of two. */
export interface CoarseGrid {
  /** Box-averaging factor (full-resolution px per coarse px). */
  factor: number;
  /** Size of the reduced frame, coarse px. */
  rows: number;
  cols: number;
  /** Size of the zero-padded FFT, powers of two ≥ rows, cols. */
  padRows: number;
  padCols: number;
}

/** The reduced frame fits in COARSE_MAX_PX × COARSE_MAX_PX (one 128² FFT per frame). */
export const COARSE_MAX_PX = 128;

const pow2 = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(2, n)));

/**
 * The coarse grid of a `width × height` frame: factor = max(1, ⌈max(width, height) / 128⌉), so a
 * 640×480 frame becomes 128×96 px of 5×5 (FFT 128×128) and a 320×240 frame 106×80 px of 3×3.
 *
 * @example coarseGrid(640, 480) // { factor: 5, rows: 96, cols: 128, padRows: 128, padCols: 128 }
 */
export function coarseGrid(width: number, height: number): CoarseGrid {
  const factor = Math.max(1, Math.ceil(Math.max(width, height) / COARSE_MAX_PX));
  const rows = Math.floor(height / factor),
    cols = Math.floor(width / factor);
  return { factor, rows, cols, padRows: pow2(rows), padCols: pow2(cols) };
}

const tukeyCache = new Map<number, Float64Array>();
/** Tukey (tapered cosine) window of length n with cosine tapers over the outer 1/8 at each end. */
function tukey(n: number): Float64Array {
  let w = tukeyCache.get(n);
  if (!w) {
    w = new Float64Array(n);
    const taper = Math.max(1, Math.floor(n / 8));
    for (let i = 0; i < n; i++) {
      const e = Math.min(i, n - 1 - i);
      w[i] = e >= taper ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * (e + 0.5)) / taper);
    }
    tukeyCache.set(n, w);
  }
  return w;
}

/**
 * Spectrum of a whole frame for coarse registration: the frame (channel `channel` of `channels`) is
 * box-averaged by `grid.factor`, its mean removed, multiplied by a separable Tukey window (flat centre,
 * cosine tapers on the outer eighths, so most of the field takes part while the periodic FFT sees no
 * edges), zero-padded to `padRows × padCols` and Fourier transformed. Registering whole frames at a
 * coarse scale uses every capillary in view: a small central window holds only a few, mostly flowing,
 * whose moving red cells then dominate the correlation. Shifts found on it are in coarse px (× factor).
 * `mean` is the frame's mean grey level over the reduced area (for flicker correction).
 *
 * @example phaseCorrelate(coarseWindow(ref, 640, 1, 0, g), coarseWindow(frame, 640, 1, 0, g)).dRow * g.factor
 */
export function coarseWindow(
  data: PixelArray,
  width: number,
  channels: number,
  channel: number,
  grid: CoarseGrid,
): PhaseWindow & { mean: number } {
  const { samples, mean } = coarseSamples(data, width, channels, channel, grid);
  const im = new Float64Array(samples.length);
  fft2d(samples, im, grid.padRows, grid.padCols);
  return { rows: grid.padRows, cols: grid.padCols, re: samples, im, mean };
}

/**
 * The real input of {@link coarseWindow}: the frame box-averaged by `grid.factor`, mean removed,
 * Tukey-windowed and zero-padded to `padRows × padCols` (row-major), and the frame's mean grey level.
 */
export function coarseSamples(
  data: PixelArray,
  width: number,
  channels: number,
  channel: number,
  grid: CoarseGrid,
): { samples: Float64Array; mean: number } {
  const { factor: f, rows, cols, padRows, padCols } = grid;
  const re = new Float64Array(padRows * padCols);
  const rowLen = cols * f,
    line = new Float64Array(rowLen),
    rowAt = new Int32Array(f);
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    for (let y = 0; y < f; y++) rowAt[y] = (r * f + y) * width * channels + channel;
    if (f === 1) for (let x = 0, i = rowAt[0]!; x < rowLen; x++, i += channels) line[x] = data[i]!;
    else {
      for (let x = 0, dx = 0; x < rowLen; x++, dx += channels) {
        let v = 0;
        for (let y = 0; y < f; y++) v += data[rowAt[y]! + dx]!;
        line[x] = v;
      }
    }
    const o = r * padCols;
    for (let c = 0, x = 0; c < cols; c++) {
      let s = 0;
      for (let k = 0; k < f; k++, x++) s += line[x]!;
      re[o + c] = s;
      sum += s;
    }
  }
  const mean = sum / (rows * cols),
    wr = tukey(rows),
    wc = tukey(cols);
  for (let r = 0; r < rows; r++) {
    const o = r * padCols,
      a = wr[r]!;
    for (let c = 0; c < cols; c++) re[o + c] = (re[o + c]! - mean) * a * wc[c]!;
  }
  return { samples: re, mean: mean / (f * f) };
}

/**
 * Adds `scale` × the spectrum `w` shifted back by (dRow, dCol) px (Fourier shift theorem:
 * X(k)·e^{+2πi(k_r dRow / rows + k_c dCol / cols)}) into (`accRe`, `accIm`): averaging spectra of
 * frames moved by d in this way gives the spectrum of their aligned mean (circularly; the zero padding
 * keeps wrap-around small for shifts well below the padding).
 */
export function addShiftedSpectrum(
  accRe: Float64Array,
  accIm: Float64Array,
  w: PhaseWindow,
  dRow: number,
  dCol: number,
  scale: number,
): void {
  const { rows, cols } = w;
  const cr = new Float64Array(cols),
    ci = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    const f = (c <= cols / 2 ? c : c - cols) / cols,
      a = 2 * Math.PI * f * dCol;
    cr[c] = Math.cos(a);
    ci[c] = Math.sin(a);
  }
  for (let r = 0; r < rows; r++) {
    const f = (r <= rows / 2 ? r : r - rows) / rows,
      a = 2 * Math.PI * f * dRow,
      rr = Math.cos(a),
      ri = Math.sin(a);
    for (let c = 0; c < cols; c++) {
      const pr = rr * cr[c]! - ri * ci[c]!,
        pi = rr * ci[c]! + ri * cr[c]!;
      const i = r * cols + c,
        xr = w.re[i]!,
        xi = w.im[i]!;
      accRe[i] += scale * (xr * pr - xi * pi);
      accIm[i] += scale * (xr * pi + xi * pr);
    }
  }
}
