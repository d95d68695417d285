/**
 * Multi-scale line detector of Nguyen, Bhuiyan, Park, Ramamohanarao, "An effective retinal blood
 * vessel segmentation method using multi-scale line detection", Pattern Recognition 46 (2013)
 * 703–715, doi:10.1016/j.patcog.2012.08.009.
 *
 * With vessels made bright (the image is negated for dark vessels), at each pixel:
 *   R_L = max_θ mean(I along a line of length L at angle θ) − mean(I in the W×W window)   (eq. 1-2)
 * each R_L is standardised over the FOV (zero mean, unit SD) (eq. 3) and the combined response is
 *   R = (Σ_L R'_L + I') / (n_L + 1)   (eq. 4), I' the standardised image.
 * Lines are digitised Bresenham-style (L pixels, one step along the dominant axis each), with
 * 12 orientations 15° apart; L takes the odd values 1, 3, …, W (our choice of the length set).
 */
import type { Image2D, Mask2D } from '../../core/image.js';
import { VesselprintError } from '../../core/errors.js';
import { checkGreyImage } from './hessian.js';
import type { RidgePolarity } from './frangi.js';

export interface LineDetectorOptions {
  /** Window size W in pixels, odd (default 15, Nguyen 2013 for DRIVE at 565 px width). */
  window?: number;
  /** Number of orientations (default 12, i.e. 15° apart). */
  orientations?: number;
  /** 'dark' (default) vessels darker than background, or 'bright'. */
  polarity?: RidgePolarity;
  /** Pixels over which the responses are standardised (default: the whole image). */
  fov?: Mask2D;
}

export const DEFAULT_LINE_DETECTOR = { window: 15, orientations: 12, polarity: 'dark' as RidgePolarity };

/**
 * Combined multi-scale line response (dimensionless, standardised units: a value of 2 means two
 * standard deviations above the FOV mean). Outside `fov` the value is 0.
 * @example lineDetector(green, { window: 15 }).data // Float32Array
 * @throws VesselprintError BAD_ARGUMENT for an even or too small window, or multi-channel input
 */
export function lineDetector(img: Image2D, options: LineDetectorOptions = {}): Image2D<Float32Array> {
  checkGreyImage(img, 'lineDetector');
  const W = options.window ?? DEFAULT_LINE_DETECTOR.window;
  const nTheta = options.orientations ?? DEFAULT_LINE_DETECTOR.orientations;
  const polarity = options.polarity ?? DEFAULT_LINE_DETECTOR.polarity;
  if (!Number.isInteger(W) || W < 3 || W % 2 === 0) {
    throw new VesselprintError('BAD_ARGUMENT', `lineDetector: window must be an odd integer ≥ 3, got ${W}`, { field: 'window' });
  }
  if (!Number.isInteger(nTheta) || nTheta < 1) {
    throw new VesselprintError('BAD_ARGUMENT', `lineDetector: orientations must be a positive integer, got ${nTheta}`, {
      field: 'orientations',
    });
  }
  const { width, height } = img;
  const n = width * height;
  const fov = options.fov;
  if (fov && (fov.width !== width || fov.height !== height)) {
    throw new VesselprintError('SHAPE_MISMATCH', `lineDetector: fov is ${fov.width}x${fov.height}, image is ${width}x${height}`, {
      field: 'fov',
    });
  }
  const s = polarity === 'dark' ? -1 : 1;
  const I = new Float32Array(n);
  for (let i = 0; i < n; i++) I[i] = s * img.data[i]!;
  const half = (W - 1) / 2;
  const windowMean = boxMean(I, width, height, half);
  const nL = half; // L = 3, 5, ..., W  (L = 1 is the pixel itself, included as I')
  const maxAvg: Float32Array[] = [];
  for (let h = 1; h <= nL; h++) maxAvg.push(new Float32Array(n).fill(-Infinity));
  const sum = new Float32Array(n);
  for (let k = 0; k < nTheta; k++) {
    const theta = (Math.PI * k) / nTheta;
    const dr = Math.sin(theta);
    const dc = Math.cos(theta);
    sum.set(I);
    for (let h = 1; h <= nL; h++) {
      // Bresenham-style: one pixel step along the dominant axis per h, so no pixel repeats
      const dom = Math.max(Math.abs(dr), Math.abs(dc));
      const or = Math.round((h * dr) / dom);
      const oc = Math.round((h * dc) / dom);
      addShifted(I, sum, width, height, or, oc);
      addShifted(I, sum, width, height, -or, -oc);
      const m = maxAvg[h - 1]!;
      const inv = 1 / (2 * h + 1);
      for (let i = 0; i < n; i++) {
        const v = sum[i]! * inv;
        if (v > m[i]!) m[i] = v;
      }
    }
  }
  const inside = (i: number): boolean => !fov || fov.data[i] !== 0;
  const out = new Float32Array(n);
  const accumulateStandardised = (x: Float32Array): void => {
    let sm = 0;
    let sq = 0;
    let cnt = 0;
    for (let i = 0; i < n; i++) {
      if (!inside(i)) continue;
      sm += x[i]!;
      sq += x[i]! * x[i]!;
      cnt++;
    }
    if (cnt === 0) throw new VesselprintError('EMPTY_INPUT', 'lineDetector: fov has no pixels');
    const mean = sm / cnt;
    const sd = Math.sqrt(Math.max(0, sq / cnt - mean * mean));
    if (sd === 0) return; // constant response carries no information: adds 0
    for (let i = 0; i < n; i++) if (inside(i)) out[i] = out[i]! + (x[i]! - mean) / sd;
  };
  for (let h = 1; h <= nL; h++) {
    const m = maxAvg[h - 1]!;
    for (let i = 0; i < n; i++) m[i] = m[i]! - windowMean[i]!;
    accumulateStandardised(m);
  }
  accumulateStandardised(I);
  for (let i = 0; i < n; i++) out[i] = out[i]! / (nL + 1);
  const res: Image2D<Float32Array> = { data: out, width, height, channels: 1 };
  if (img.spacingUm !== undefined) res.spacingUm = img.spacingUm;
  return res;
}

/** dst[r,c] += src[r+or, c+oc] with coordinates clamped to the image. */
function addShifted(src: Float32Array, dst: Float32Array, width: number, height: number, or: number, oc: number): void {
  for (let r = 0; r < height; r++) {
    const rr = Math.min(height - 1, Math.max(0, r + or));
    const so = rr * width;
    const d0 = r * width;
    for (let c = 0; c < width; c++) {
      const cc = c + oc < 0 ? 0 : c + oc >= width ? width - 1 : c + oc;
      dst[d0 + c] = dst[d0 + c]! + src[so + cc]!;
    }
  }
}

/** Mean over the (2h+1)² window (clipped at the borders: mean of the pixels inside the image). */
function boxMean(x: Float32Array, width: number, height: number, h: number): Float32Array {
  const W1 = width + 1;
  const S = new Float64Array(W1 * (height + 1));
  for (let r = 0; r < height; r++) {
    let rowSum = 0;
    for (let c = 0; c < width; c++) {
      rowSum += x[r * width + c]!;
      S[(r + 1) * W1 + c + 1] = S[r * W1 + c + 1]! + rowSum;
    }
  }
  const out = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    const r0 = Math.max(0, r - h);
    const r1 = Math.min(height, r + h + 1);
    for (let c = 0; c < width; c++) {
      const c0 = Math.max(0, c - h);
      const c1 = Math.min(width, c + h + 1);
      const s = S[r1 * W1 + c1]! - S[r0 * W1 + c1]! - S[r1 * W1 + c0]! + S[r0 * W1 + c0]!;
      out[r * width + c] = s / ((r1 - r0) * (c1 - c0));
    }
  }
  return out;
}
