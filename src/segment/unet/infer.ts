/**
 * Sliding-window U-Net inference with overlap and smooth blending, optional test-time flips.
 *
 * Tiles of `tileSize` (a multiple of 2^depth) step by `tileSize − overlap`; the last tile in each
 * direction is aligned to the image edge. Each tile's probabilities are weighted by a separable
 * window w(i) = ε + sin²(π·(i + ½)/T) (a Hann-type taper that never reaches 0, so every pixel
 * has weight), accumulated, and divided by the summed weights. Images smaller than a tile are
 * padded with 0 (the standardised FOV mean). Memory: two float32 image-size accumulators plus one
 * batch of tiles, so a 2048x2048 or 3504x2336 image infers in bounded memory. Tiles are read back
 * with `await tensor.data()` (asynchronous), which every backend supports, webgpu included.
 */
import * as tf from '@tensorflow/tfjs';
import type { Image2D, Mask2D } from '../../core/image.js';
import { VesselprintError } from '../../core/errors.js';
import { standardize, type PreparedImage } from './prepare.js';

export interface SlidingWindowOptions {
  /** Tile side, px (multiple of 2^depth of the model). Default 256. */
  tileSize?: number;
  /** Overlap between neighbouring tiles, px. Default 32. */
  overlap?: number;
  /** Tiles per forward pass. Default 4. */
  batchSize?: number;
  /** Test-time augmentation: also predict the row-, column- and both-flipped tile and average. Default false. */
  flipTta?: boolean;
  /** Called after each batch with (tiles done, tiles total). */
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_SLIDING_WINDOW = { tileSize: 256, overlap: 32, batchSize: 4, flipTta: false };

/** Tile origins along one axis of length `n`. */
export function tileOrigins(n: number, tile: number, overlap: number): number[] {
  if (n <= tile) return [0];
  const step = Math.max(1, tile - overlap);
  const out: number[] = [];
  for (let o = 0; o + tile < n; o += step) out.push(o);
  out.push(n - tile);
  return out;
}

/** The separable blending weight profile of one tile side. */
export function blendProfile(tile: number): Float32Array {
  const w = new Float32Array(tile);
  for (let i = 0; i < tile; i++) w[i] = 1e-3 + Math.sin((Math.PI * (i + 0.5)) / tile) ** 2;
  return w;
}

/**
 * Probability map of a prepared image (0 outside the FOV).
 * @param model a U-Net taking `[B, T, T, 1]` standardised input
 * @throws VesselprintError BAD_ARGUMENT for a bad tile size or overlap
 * @example (await predictProbability(model, prepareUnetImage(rgb))).data // Float32Array in [0, 1]
 */
export async function predictProbability(model: tf.LayersModel, img: PreparedImage, options: SlidingWindowOptions = {}): Promise<Image2D<Float32Array>> {
  const o = { ...DEFAULT_SLIDING_WINDOW, ...options };
  const T = o.tileSize;
  if (!Number.isInteger(T) || T < 8) throw new VesselprintError('BAD_ARGUMENT', `tileSize must be an integer ≥ 8, got ${T}`, { field: 'tileSize' });
  if (!(o.overlap >= 0 && o.overlap < T)) throw new VesselprintError('BAD_ARGUMENT', `overlap must be in [0, tileSize), got ${o.overlap}`, { field: 'overlap' });
  const { width: W, height: H } = img;
  const input = standardize(img);
  const rows = tileOrigins(H, T, o.overlap);
  const cols = tileOrigins(W, T, o.overlap);
  const tiles: Array<[number, number]> = [];
  for (const r of rows) for (const c of cols) tiles.push([r, c]);
  const prof = blendProfile(T);
  const acc = new Float32Array(W * H);
  const wsum = new Float32Array(W * H);
  const buf = new Float32Array(o.batchSize * T * T);
  for (let start = 0; start < tiles.length; start += o.batchSize) {
    const batch = tiles.slice(start, start + o.batchSize);
    buf.fill(0);
    batch.forEach(([r0, c0], b) => {
      for (let i = 0; i < T && r0 + i < H; i++) {
        const src = (r0 + i) * W + c0;
        const n = Math.min(T, W - c0);
        buf.set(input.subarray(src, src + n), b * T * T + i * T);
      }
    });
    const probsTensor = tf.tidy(() => {
      const x = tf.tensor4d(buf.subarray(0, batch.length * T * T), [batch.length, T, T, 1]);
      let p = model.predict(x) as tf.Tensor4D;
      if (o.flipTta) {
        const fr = tf.reverse(model.predict(tf.reverse(x, 1)) as tf.Tensor4D, 1);
        const fc = tf.reverse(model.predict(tf.reverse(x, 2)) as tf.Tensor4D, 2);
        const fb = tf.reverse(model.predict(tf.reverse(x, [1, 2])) as tf.Tensor4D, [1, 2]);
        p = tf.div(tf.addN([p, fr, fc, fb]), 4) as tf.Tensor4D;
      }
      return p;
    });
    const probs = (await probsTensor.data()) as Float32Array;
    probsTensor.dispose();
    batch.forEach(([r0, c0], b) => {
      for (let i = 0; i < T && r0 + i < H; i++) {
        const wi = prof[i]!;
        for (let j = 0; j < T && c0 + j < W; j++) {
          const w = wi * prof[j]!;
          const k = (r0 + i) * W + c0 + j;
          acc[k] += w * probs[b * T * T + i * T + j]!;
          wsum[k] += w;
        }
      }
    });
    o.onProgress?.(Math.min(start + o.batchSize, tiles.length), tiles.length);
  }
  const out = new Float32Array(W * H);
  for (let k = 0; k < W * H; k++) out[k] = img.fov.data[k] !== 0 ? acc[k]! / wsum[k]! : 0;
  const res: Image2D<Float32Array> = { data: out, width: W, height: H, channels: 1 };
  if (img.spacingUm !== undefined) res.spacingUm = img.spacingUm;
  return res;
}

/** Binary vessel mask: probability ≥ threshold inside the FOV. */
export function thresholdProbability(prob: Image2D, threshold: number, fov?: Mask2D): Mask2D {
  const n = prob.width * prob.height;
  const data = new Uint8Array(n);
  for (let k = 0; k < n; k++) data[k] = prob.data[k]! >= threshold && (fov === undefined || fov.data[k] !== 0) ? 1 : 0;
  const m: Mask2D = { data, width: prob.width, height: prob.height };
  if (prob.spacingUm !== undefined) m.spacingUm = prob.spacingUm;
  return m;
}
