/**
 * Sliding-window U-Net inference with overlap and smooth blending, optional test-time flips, for
 * C input channels and K output maps (1 vessel probability, or K class probabilities).
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
import { assertSameSize, type Image2D, type Mask2D } from '../../core/image.js';
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
 * Copies the tiles at `origins` ([row, col] of their top-left pixel) of the W×H input channels
 * `inputs` into `buf` (tile b at offset b·T·T·C, row-major, channels interleaved — the NHWC layout
 * of a `[B, T, T, C]` tensor); parts beyond the image edge are 0.
 */
export function fillTileBatch(
  buf: Float32Array,
  inputs: readonly Float32Array[],
  W: number,
  H: number,
  T: number,
  origins: ReadonlyArray<readonly [number, number]>,
): void {
  const C = inputs.length;
  buf.fill(0);
  origins.forEach(([r0, c0], b) => {
    const n = Math.min(T, W - c0);
    for (let i = 0; i < T && r0 + i < H; i++) {
      const src = (r0 + i) * W + c0;
      const dst = (b * T + i) * T * C;
      if (C === 1) buf.set(inputs[0]!.subarray(src, src + n), dst);
      else for (let j = 0; j < n; j++) for (let c = 0; c < C; c++) buf[dst + j * C + c] = inputs[c]![src + j]!;
    }
  });
}

/**
 * Adds the tile outputs `probs` (`[B, T, T, K]`, K = `acc.length`), weighted by the blend profile,
 * into the K accumulators `acc`, and the weights into `wsum`.
 */
export function accumulateTiles(
  acc: readonly Float32Array[],
  wsum: Float32Array,
  probs: Float32Array,
  prof: Float32Array,
  W: number,
  H: number,
  T: number,
  origins: ReadonlyArray<readonly [number, number]>,
): void {
  const K = acc.length;
  origins.forEach(([r0, c0], b) => {
    for (let i = 0; i < T && r0 + i < H; i++) {
      const wi = prof[i]!;
      for (let j = 0; j < T && c0 + j < W; j++) {
        const w = wi * prof[j]!;
        const k = (r0 + i) * W + c0 + j;
        const src = ((b * T + i) * T + j) * K;
        for (let c = 0; c < K; c++) acc[c]![k] += w * probs[src + c]!;
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

/** Number of output channels K of a U-Net (last axis of its output). */
export function outputChannelsOf(model: tf.LayersModel): number {
  const shape = model.outputs[0]?.shape;
  const k = shape?.[shape.length - 1];
  return typeof k === 'number' && k > 0 ? k : 1;
}

/**
 * The K output maps of a prepared multi-channel image (`images[c]` feeds input channel c; all the
 * same size; K = the model's output channels, e.g. 1 vessel probability, or background/artery/vein
 * softmax), blended over overlapping tiles; 0 outside the FOV of `images[0]`. The one tiled
 * inference of vesselprint: {@link predictProbability} is its one-channel case.
 * @throws VesselprintError BAD_ARGUMENT for a bad tile size or overlap, no input image, or images of different sizes
 * @example const [bg, artery, vein] = await predictMaps(avModel, [red, green, blue]);
 */
export async function predictMaps(
  model: tf.LayersModel,
  images: readonly PreparedImage[],
  options: SlidingWindowOptions = {},
): Promise<Float32Array[]> {
  const { o, T, W, H, inputs, tiles, prof, acc, wsum } = planSlidingWindow(images, outputChannelsOf(model), options);
  const C = inputs.length;
  const buf = new Float32Array(o.batchSize * T * T * C);
  for (let start = 0; start < tiles.length; start += o.batchSize) {
    const batch = tiles.slice(start, start + o.batchSize);
    fillTileBatch(buf, inputs, W, H, T, batch);
    const t = tf.tidy(() =>
      forwardTiles(model, tf.tensor4d(buf.subarray(0, batch.length * T * T * C), [batch.length, T, T, C]), o.flipTta),
    );
    // Asynchronous read: the webgpu backend cannot read a GPU tensor synchronously in Node.
    const probs = (await t.data()) as Float32Array;
    t.dispose();
    accumulateTiles(acc, wsum, probs, prof, W, H, T, batch);
    o.onProgress?.(Math.min(start + o.batchSize, tiles.length), tiles.length);
  }
  return blendMaps(images[0]!.fov, acc, wsum);
}

/**
 * Probability map of a prepared image (0 outside the FOV), for a one-output model.
 * @param model a U-Net taking `[B, T, T, 1]` standardised input
 * @throws VesselprintError BAD_ARGUMENT for a bad tile size or overlap, or a multi-output model (use {@link predictMaps})
 * @example (await predictProbability(model, prepareUnetImage(rgb))).data // Float32Array in [0, 1]
 */
export async function predictProbability(
  model: tf.LayersModel,
  img: PreparedImage,
  options: SlidingWindowOptions = {},
): Promise<Image2D<Float32Array>> {
  assertOneOutput(model);
  return asImage(img, (await predictMaps(model, [img], options))[0]!);
}

/** @throws VesselprintError BAD_ARGUMENT unless the model has one output channel. */
export function assertOneOutput(model: tf.LayersModel): void {
  const k = outputChannelsOf(model);
  if (k !== 1)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `predictProbability needs a one-output (vessel) model, this one has ${k} output channels; use predictMaps (or predictArteryVein for an artery/vein model)`,
      { field: 'model' },
    );
}

/**
 * The sliding-window plan of prepared images: options with defaults, standardised inputs, tile
 * origins, blend profile and `outputs` empty accumulators.
 */
export function planSlidingWindow(images: readonly PreparedImage[], outputs: number, options: SlidingWindowOptions = {}) {
  const o = { ...DEFAULT_SLIDING_WINDOW, ...options };
  const T = o.tileSize;
  const first = images[0];
  if (first === undefined) throw new VesselprintError('BAD_ARGUMENT', 'sliding-window inference: no input image', { field: 'images' });
  if (!Number.isInteger(T) || T < 8)
    throw new VesselprintError('BAD_ARGUMENT', `tileSize must be an integer ≥ 8, got ${T}`, { field: 'tileSize' });
  if (!(o.overlap >= 0 && o.overlap < T))
    throw new VesselprintError('BAD_ARGUMENT', `overlap must be in [0, tileSize), got ${o.overlap}`, { field: 'overlap' });
  const { width: W, height: H } = first;
  for (const im of images) assertSameSize(first, im, 'input channels');
  const inputs = images.map((im) => standardize(im));
  const rows = tileOrigins(H, T, o.overlap);
  const cols = tileOrigins(W, T, o.overlap);
  const tiles: Array<[number, number]> = [];
  for (const r of rows) for (const c of cols) tiles.push([r, c]);
  const acc = Array.from({ length: outputs }, () => new Float32Array(W * H));
  return { o, T, W, H, inputs, tiles, prof: blendProfile(T), acc, wsum: new Float32Array(W * H) };
}

/** acc / wsum inside the FOV, 0 outside, in place: the blended maps. */
export function blendMaps(fov: Mask2D, acc: Float32Array[], wsum: Float32Array): Float32Array[] {
  for (const a of acc) for (let k = 0; k < a.length; k++) a[k] = fov.data[k] !== 0 ? a[k]! / wsum[k]! : 0;
  return acc;
}

/** A map of a prepared image as an `Image2D` (its size and spacing). */
export function asImage(img: PreparedImage, data: Float32Array): Image2D<Float32Array> {
  const res: Image2D<Float32Array> = { data, width: img.width, height: img.height, channels: 1 };
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
