/**
 * Field-of-view (FOV) mask estimation for photographs with a dark rim (fundus cameras), and
 * binary erosion.
 */
import type { Image2D, Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import type { Modality } from '../core/modality.js';
import { fillHoles, largestComponent } from './components.js';
import { otsuSplit } from './otsuSplit.js';

export interface EstimateFovOptions {
  /**
   * Position of the threshold between the rim level and the inside level (medians of the two
   * Otsu classes): t = rim + fraction·(inside − rim). Default 0.15.
   */
  fraction?: number;
  /** Erosion radius in pixels applied last (removes the bright JPEG ring at the edge); default: 0.4 % of the shorter side, at least 1. */
  erodePx?: number;
  /**
   * When the dark class covers less than this fraction of the image, or its level exceeds
   * `noRimRatio` of the inside level, the image has no dark rim and the FOV is the whole image.
   * Defaults 0.02 and 0.3.
   */
  minRimFraction?: number;
  noRimRatio?: number;
}

export const DEFAULT_ESTIMATE_FOV = { fraction: 0.15, minRimFraction: 0.02, noRimRatio: 0.3 };

/**
 * Estimates the FOV of a fundus photograph: the per-pixel maximum over the colour channels is
 * split into a dark rim and a bright inside by Otsu's method on a 256-bin histogram, the
 * threshold is placed at `fraction` between the two class medians, and the largest connected
 * bright region, with holes filled and eroded by `erodePx`, is the FOV. Images without a dark rim
 * (skin capillary images, cropped fundus) give the whole image.
 * @example estimateFov(fundusRgb).data // Uint8Array, 1 inside the FOV
 * @throws VesselprintError EMPTY_INPUT when nothing bright is found
 */
export function estimateFov(img: Image2D, options: EstimateFovOptions = {}): Mask2D {
  const o = { ...DEFAULT_ESTIMATE_FOV, ...options };
  const { width, height, channels } = img;
  const n = width * height;
  const v = new Float32Array(n);
  let lo = Infinity;
  let hi = -Infinity;
  const d = img.data;
  const K = Math.min(channels, 3);
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    const m = K === 3 ? Math.max(d[j]!, d[j + 1]!, d[j + 2]!) : K === 2 ? Math.max(d[j]!, d[j + 1]!) : Math.max(d[j]!);
    v[i] = m;
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  const full = (): Mask2D => withSpacing({ data: new Uint8Array(n).fill(1), width, height }, img);
  if (hi === lo) return full();
  // 256-bin histogram and Otsu split
  const bins = 256;
  const hist = new Float64Array(bins);
  const scale = (bins - 1) / (hi - lo);
  for (let i = 0; i < n; i++) hist[Math.round((v[i]! - lo) * scale)]! += 1;
  const split = otsuSplit(hist);
  const median = (from: number, to: number): number => {
    let cnt = 0;
    for (let b = from; b <= to; b++) cnt += hist[b]!;
    let acc = 0;
    for (let b = from; b <= to; b++) {
      acc += hist[b]!;
      if (acc >= cnt / 2) return b;
    }
    return to;
  };
  let darkCount = 0;
  for (let b = 0; b <= split; b++) darkCount += hist[b]!;
  const rim = median(0, split);
  const inside = median(split + 1, bins - 1);
  if (darkCount / n < o.minRimFraction || rim > o.noRimRatio * inside) return full();
  const tBin = rim + o.fraction * (inside - rim);
  const bin = new Uint8Array(n);
  for (let i = 0; i < n; i++) bin[i] = (v[i]! - lo) * scale > tBin ? 1 : 0;
  let m = largestComponent({ data: bin, width, height });
  m = fillHoles(m);
  const r = o.erodePx ?? Math.max(1, Math.round(0.004 * Math.min(width, height)));
  if (r > 0) m = erodeSquare(m, r);
  let cnt = 0;
  for (let i = 0; i < n; i++) cnt += m.data[i]!;
  if (cnt === 0) throw new VesselprintError('EMPTY_INPUT', 'estimateFov: no field of view found (image too dark?)');
  return withSpacing(m, img);
}

/**
 * Binary erosion by a (2r+1)x(2r+1) square (outside the image counts as background), via a
 * summed-area table: a pixel stays 1 when its whole window is 1.
 * @example erodeSquare(mask, 1) // removes a one-pixel layer
 */
export function erodeSquare(mask: Mask2D, r: number): Mask2D {
  const { width, height } = mask;
  const W1 = width + 1;
  const S = new Int32Array(W1 * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += mask.data[y * width + x] ? 1 : 0;
      S[(y + 1) * W1 + x + 1] = S[y * W1 + x + 1]! + row;
    }
  }
  const full = (2 * r + 1) * (2 * r + 1);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    if (y - r < 0 || y + r >= height) continue;
    for (let x = r; x < width - r; x++) {
      const s = S[(y + r + 1) * W1 + x + r + 1]! - S[(y - r) * W1 + x + r + 1]! - S[(y + r + 1) * W1 + x - r]! + S[(y - r) * W1 + x - r]!;
      out[y * width + x] = s === full ? 1 : 0;
    }
  }
  return withSpacing({ data: out, width, height }, mask);
}

function withSpacing(m: Mask2D, src: { spacingUm?: number }): Mask2D {
  if (src.spacingUm !== undefined) m.spacingUm = src.spacingUm;
  return m;
}

/**
 * The field of view of an image that comes without a FOV mask: estimated for a fundus photograph
 * ({@link estimateFov}), the whole frame for a skin capillary image (the segmenters and `extract`
 * share this rule).
 * @example defaultFov(skinImage, 'skin').data.every((v) => v === 1) // true
 */
export function defaultFov(img: Image2D, modality: Modality): Mask2D {
  return modality === 'fundus'
    ? estimateFov(img)
    : { data: new Uint8Array(img.width * img.height).fill(1), width: img.width, height: img.height };
}
