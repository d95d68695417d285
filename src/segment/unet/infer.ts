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
 * Copies the tiles at `origins` ([row, col] of their top-left pixel) of the W×H image `input` into
 * `buf` (tile b at offset b·T·T, row-major); parts beyond the image edge are 0.
 */
export function fillTileBatch(buf: Float32Array, input: Float32Array, W: number, H: number, T: number, origins: ReadonlyArray<readonly [number, number]>): void {
  buf.fill(0);
  origins.forEach(([r0, c0], b) => {
    for (let i = 0; i < T && r0 + i < H; i++) {
      const src = (r0 + i) * W + c0;
      const n = Math.min(T, W - c0);
      buf.set(input.subarray(src, src + n), b * T * T + i * T);
    }
  });
}

/** Adds the tile probabilities `probs` (tile b at offset b·T·T), weighted by the blend profile, into `acc`, and the weights into `wsum`. */
export function accumulateTiles(acc: Float32Array, wsum: Float32Array, probs: Float32Array, prof: Float32Array, W: number, H: number, T: number, origins: ReadonlyArray<readonly [number, number]>): void {
  origins.forEach(([r0, c0], b) => {
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
}

/** The model's output for a batch of tiles `x`; with `flipTta`, the mean over the identity and the row, column and both flips. */
export function forwardTiles(model: tf.LayersModel, x: tf.Tensor4D, flipTta: boolean): tf.Tensor4D {
  return tf.tidy(() => {
    const p = model.predict(x) as tf.Tensor4D;
    if (!flipTta) return p;
    const fr = tf.reverse(model.predict(tf.reverse(x, 1)) as tf.Tensor4D, 1);
    const fc = tf.reverse(model.predict(tf.reverse(x, 2)) as tf.Tensor4D, 2);
    const fb = tf.reverse(model.predict(tf.reverse(x, [1, 2])) as tf.Tensor4D, [1, 2]);
    return tf.div(tf.addN([p, fr, fc, fb]), 4) as tf.Tensor4D;
  });
}

/**
 * Probability map of a prepared image (0 outside the FOV).
 * @param model a U-Net taking `[B, T, T, 1]` standardised input
 * @throws VesselprintError BAD_ARGUMENT for a bad tile size or overlap
 * @example (await predictProbability(model, prepareUnetImage(rgb))).data // Float32Array in [0, 1]
 */
export async function predictProbability(model: tf.LayersModel, img: PreparedImage, options: SlidingWindowOptions = {}): Promise<Image2D<Float32Array>> {
  const { o, T, W, H, input, tiles, prof, acc, wsum } = planSlidingWindow(img, options);
  const buf = new Float32Array(o.batchSize * T * T);
  for (let start = 0; start < tiles.length; start += o.batchSize) {
    const batch = tiles.slice(start, start + o.batchSize);
    fillTileBatch(buf, input, W, H, T, batch);
    const t = tf.tidy(() => forwardTiles(model, tf.tensor4d(buf.subarray(0, batch.length * T * T), [batch.length, T, T, 1]), o.flipTta));
    // Asynchronous read: the webgpu backend cannot read a GPU tensor synchronously in Node.
    const probs = (await t.data()) as Float32Array;
    t.dispose();
    accumulateTiles(acc, wsum, probs, prof, W, H, T, batch);
    o.onProgress?.(Math.min(start + o.batchSize, tiles.length), tiles.length);
  }
  return blendedProbability(img, acc, wsum);
}

/** The sliding-window plan of a prepared image: options with defaults, standardised input, tile origins, blend profile and empty accumulators. */
export function planSlidingWindow(img: PreparedImage, options: SlidingWindowOptions = {}) {
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
  return { o, T, W, H, input, tiles, prof: blendProfile(T), acc: new Float32Array(W * H), wsum: new Float32Array(W * H) };
}

/** acc / wsum inside the FOV, 0 outside: the blended probability map. */
export function blendedProbability(img: PreparedImage, acc: Float32Array, wsum: Float32Array): Image2D<Float32Array> {
  const { width: W, height: H } = img;
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
