/**
 * Separable Gaussian filtering of single-channel Float32 images.
 *
 * Borders use half-sample symmetric reflection (`d c b a | a b c d | d c b a`), the `reflect`
 * mode of scipy.ndimage / scikit-image, so results match `scipy.ndimage.gaussian_filter(img,
 * sigma, mode='reflect', truncate=4)` up to float32 rounding.
 */
import { VesselprintError } from '../core/errors.js';

/**
 * Sampled, normalised 1-D Gaussian kernel `w[k] ∝ exp(-k²/(2σ²))`, k = -R..R, R = ceil(truncate·σ).
 * Returns only the half `w[0..R]` (the kernel is symmetric), summing with its mirror to 1.
 * @param sigma standard deviation in pixels (> 0)
 * @param truncate kernel radius in standard deviations (default 4, as scipy)
 * @example gaussianHalfKernel(1).length // 5
 */
export function gaussianHalfKernel(sigma: number, truncate = 4): Float64Array {
  if (!(sigma > 0) || !Number.isFinite(sigma)) {
    throw new VesselprintError('BAD_ARGUMENT', `gaussianHalfKernel: sigma must be a positive number, got ${sigma}`, { field: 'sigma' });
  }
  const radius = Math.max(1, Math.ceil(truncate * sigma));
  const w = new Float64Array(radius + 1);
  let sum = 0;
  for (let k = 0; k <= radius; k++) {
    w[k] = Math.exp((-k * k) / (2 * sigma * sigma));
    sum += k === 0 ? w[k]! : 2 * w[k]!;
  }
  for (let k = 0; k <= radius; k++) w[k] = w[k]! / sum;
  return w;
}

/** Half-sample symmetric reflection of index `i` into [0, n). */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n;
  let j = i % period;
  if (j < 0) j += period;
  return j < n ? j : period - 1 - j;
}

/**
 * Convolves each row (along columns) with the symmetric kernel given by its half `w`.
 * `src` and `dst` are width·height Float32 arrays (must not alias).
 */
export function convolveRowsSymmetric(src: Float32Array, dst: Float32Array, width: number, height: number, w: Float64Array): void {
  const R = w.length - 1;
  const padded = new Float32Array(width + 2 * R);
  const w0 = w[0]!;
  for (let r = 0; r < height; r++) {
    const off = r * width;
    for (let i = 0; i < padded.length; i++) padded[i] = src[off + reflectIndex(i - R, width)]!;
    for (let c = 0; c < width; c++) {
      const p = c + R;
      let acc = w0 * padded[p]!;
      for (let k = 1; k <= R; k++) acc += w[k]! * (padded[p - k]! + padded[p + k]!);
      dst[off + c] = acc;
    }
  }
}

/**
 * Convolves each column (along rows) with the symmetric kernel given by its half `w`; works row
 * by row (cache friendly). `src` and `dst` must not alias.
 */
export function convolveColsSymmetric(src: Float32Array, dst: Float32Array, width: number, height: number, w: Float64Array): void {
  const R = w.length - 1;
  const acc = new Float64Array(width);
  for (let r = 0; r < height; r++) {
    const w0 = w[0]!;
    const o0 = r * width;
    for (let c = 0; c < width; c++) acc[c] = w0 * src[o0 + c]!;
    for (let k = 1; k <= R; k++) {
      const wk = w[k]!;
      const oa = reflectIndex(r - k, height) * width;
      const ob = reflectIndex(r + k, height) * width;
      for (let c = 0; c < width; c++) acc[c] = acc[c]! + wk * (src[oa + c]! + src[ob + c]!);
    }
    for (let c = 0; c < width; c++) dst[o0 + c] = acc[c]!;
  }
}

/**
 * Gaussian blur of a single-channel image stored in `data` (row-major, width x height).
 * @param sigma standard deviation in pixels, same along rows and columns
 * @returns a new Float32Array
 * @example gaussianBlur(new Float32Array([0, 0, 9, 0, 0]), 5, 1, 1)[2] // ≈ 3.6 (9 · 0.399)
 */
export function gaussianBlur(data: Float32Array, width: number, height: number, sigma: number, truncate = 4): Float32Array {
  const w = gaussianHalfKernel(sigma, truncate);
  const tmp = new Float32Array(width * height);
  const out = new Float32Array(width * height);
  convolveRowsSymmetric(data, tmp, width, height, w);
  convolveColsSymmetric(tmp, out, width, height, w);
  return out;
}

/**
 * Normalised convolution: a Gaussian-weighted mean of `data` over the pixels where `mask` is 1,
 * `blur(data·mask) / blur(mask)`. Pixels with no masked neighbours within reach get the global
 * masked mean. Used to estimate a smooth background that ignores the outside of the FOV.
 * (Knutsson & Westin 1993, doi:10.1109/CVPR.1993.341081)
 */
export function maskedGaussianBlur(data: Float32Array, mask: Uint8Array, width: number, height: number, sigma: number): Float32Array {
  const n = width * height;
  const num = new Float32Array(n);
  const den = new Float32Array(n);
  let sum = 0;
  let cnt = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i]) {
      num[i] = data[i]!;
      den[i] = 1;
      sum += data[i]!;
      cnt++;
    }
  }
  if (cnt === 0) throw new VesselprintError('EMPTY_INPUT', 'maskedGaussianBlur: mask has no pixels inside the image');
  const mean = sum / cnt;
  const bn = gaussianBlur(num, width, height, sigma);
  const bd = gaussianBlur(den, width, height, sigma);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = bd[i]! > 1e-6 ? bn[i]! / bd[i]! : mean;
  return out;
}
