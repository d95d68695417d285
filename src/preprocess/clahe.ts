/**
 * Contrast-limited adaptive histogram equalisation (CLAHE; Zuiderveld, "Contrast limited adaptive
 * histogram equalization", Graphics Gems IV, 1994, doi:10.1016/B978-0-12-336156-1.50061-6) with
 * the semantics of OpenCV's `cv::createCLAHE(clipLimit, tileGridSize)` on 8-bit images:
 *
 * 1. The image is split into `tilesRows x tilesCols` tiles; when a side is not divisible by its
 *    tile count, the image is extended at the bottom and right by `tiles − size mod tiles` on each
 *    side (so by a whole tile on a side that was divisible, as OpenCV does) by mirror reflection
 *    without repeating the edge (BORDER_REFLECT_101).
 * 2. Per tile, a 256-bin histogram is clipped at `max(1, floor(clipLimit · tilePixels / 256))`;
 *    the clipped excess is spread evenly over all bins (integer part), the remainder one count
 *    per bin at a regular step from bin 0.
 * 3. Tile mapping: `lut[v] = round(cdf[v] · 255 / tilePixels)`.
 * 4. Each pixel's value is the bilinear interpolation of the four nearest tile mappings
 *    (tile centres at (i + 0.5)·tileSize; clamped at the border), rounded.
 */
import type { Image2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';

export interface ClaheOptions {
  /** Relative clip limit (OpenCV's `clipLimit`); 0 or less disables clipping. Default 2. */
  clipLimit?: number;
  /** Number of tiles along rows (default 8, OpenCV's default grid). */
  tilesRows?: number;
  /** Number of tiles along columns (default 8). */
  tilesCols?: number;
  /** Input value range mapped to 0–255 before equalisation (default [0, 255]). */
  range?: readonly [number, number];
}

export const DEFAULT_CLAHE = { clipLimit: 2, tilesRows: 8, tilesCols: 8, range: [0, 255] as readonly [number, number] };

/**
 * CLAHE of a one-channel image. Values are mapped from `range` to integers 0–255 (rounded,
 * clamped); the result holds integers 0–255 as float32.
 * @example clahe(green, { clipLimit: 2, tilesRows: 8, tilesCols: 8 }).data // Float32Array of 0..255
 * @throws VesselprintError BAD_ARGUMENT for multi-channel input or more tiles than pixels
 */
export function clahe(img: Image2D, options: ClaheOptions = {}): Image2D<Float32Array> {
  const o = { ...DEFAULT_CLAHE, ...options };
  if (img.channels !== 1) throw new VesselprintError('BAD_ARGUMENT', `clahe: expected one channel, got ${img.channels}`);
  const { width, height } = img;
  const tr = o.tilesRows;
  const tc = o.tilesCols;
  if (!Number.isInteger(tr) || !Number.isInteger(tc) || tr < 1 || tc < 1 || tr > height || tc > width) {
    throw new VesselprintError('BAD_ARGUMENT', `clahe: tile grid ${tr}x${tc} does not fit a ${width}x${height} image`, { field: 'tiles' });
  }
  const [lo, hi] = o.range;
  if (!(hi > lo)) throw new VesselprintError('BAD_ARGUMENT', `clahe: range must have hi > lo, got [${lo}, ${hi}]`, { field: 'range' });
  const n = width * height;
  const v8 = new Uint8Array(n);
  const k = 255 / (hi - lo);
  for (let i = 0; i < n; i++) {
    const v = Math.round((img.data[i]! - lo) * k);
    v8[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  // OpenCV pads only when a side is not divisible, and then pads BOTH sides by
  // `tiles − size % tiles` (a full extra tile row/column on a side that was divisible)
  const divisible = height % tr === 0 && width % tc === 0;
  const tileH = divisible ? height / tr : (height + tr - (height % tr)) / tr;
  const tileW = divisible ? width / tc : (width + tc - (width % tc)) / tc;
  const tilePixels = tileH * tileW;
  const clip = o.clipLimit > 0 ? Math.max(1, Math.floor((o.clipLimit * tilePixels) / 256)) : 0;
  const luts = new Uint8Array(tr * tc * 256);
  const hist = new Int32Array(256);
  const at = (r: number, c: number): number => v8[reflect101(r, height) * width + reflect101(c, width)]!;
  for (let ty = 0; ty < tr; ty++) {
    for (let tx = 0; tx < tc; tx++) {
      hist.fill(0);
      for (let r = ty * tileH; r < (ty + 1) * tileH; r++) {
        for (let c = tx * tileW; c < (tx + 1) * tileW; c++) hist[at(r, c)]!++;
      }
      if (clip > 0) {
        let clipped = 0;
        for (let b = 0; b < 256; b++) {
          if (hist[b]! > clip) {
            clipped += hist[b]! - clip;
            hist[b] = clip;
          }
        }
        const batch = Math.floor(clipped / 256);
        let residual = clipped - batch * 256;
        for (let b = 0; b < 256; b++) hist[b]! += batch;
        if (residual > 0) {
          const step = Math.max(Math.floor(256 / residual), 1);
          for (let b = 0; b < 256 && residual > 0; b += step, residual--) hist[b]!++;
        }
      }
      const base = (ty * tc + tx) * 256;
      const scale = Math.fround(255 / tilePixels); // single precision, as OpenCV
      let sum = 0;
      for (let b = 0; b < 256; b++) {
        sum += hist[b]!;
        const v = roundHalfEven(Math.fround(sum * scale));
        luts[base + b] = v > 255 ? 255 : v;
      }
    }
  }
  const out = new Float32Array(n);
  const cx1 = new Int32Array(width);
  const cx2 = new Int32Array(width);
  const cxa = new Float64Array(width);
  for (let c = 0; c < width; c++) {
    const f = Math.fround(Math.fround(c * Math.fround(1 / tileW)) - 0.5);
    const t1 = Math.floor(f);
    cxa[c] = Math.fround(f - t1);
    cx1[c] = Math.max(t1, 0);
    cx2[c] = Math.min(t1 + 1, tc - 1);
  }
  for (let r = 0; r < height; r++) {
    const f = Math.fround(Math.fround(r * Math.fround(1 / tileH)) - 0.5);
    const t1 = Math.floor(f);
    const ya = Math.fround(f - t1);
    const ty1 = Math.max(t1, 0);
    const ty2 = Math.min(t1 + 1, tr - 1);
    for (let c = 0; c < width; c++) {
      const v = v8[r * width + c]!;
      const xa = cxa[c]!;
      const a = luts[(ty1 * tc + cx1[c]!) * 256 + v]!;
      const b = luts[(ty1 * tc + cx2[c]!) * 256 + v]!;
      const d = luts[(ty2 * tc + cx1[c]!) * 256 + v]!;
      const e = luts[(ty2 * tc + cx2[c]!) * 256 + v]!;
      const fr = Math.fround;
      const xa1 = fr(1 - xa);
      const ya1 = fr(1 - ya);
      const res = fr(fr(fr(fr(a * xa1) + fr(b * xa)) * ya1) + fr(fr(fr(d * xa1) + fr(e * xa)) * ya));
      out[r * width + c] = Math.min(255, roundHalfEven(res));
    }
  }
  const result: Image2D<Float32Array> = { data: out, width, height, channels: 1 };
  if (img.spacingUm !== undefined) result.spacingUm = img.spacingUm;
  return result;
}

/** Rounds to the nearest integer, ties to even (C `lrint`, as OpenCV's `cvRound`). */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Mirror index without repeating the edge (`… c b | a b c … | b a …`, OpenCV BORDER_REFLECT_101). */
function reflect101(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n - 2;
  let j = i % period;
  if (j < 0) j += period;
  return j < n ? j : period - j;
}
