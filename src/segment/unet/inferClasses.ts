/**
 * Sliding-window inference of a multi-channel-input, multi-class-output U-Net: the tiling and
 * Hann-type blending of {@link predictProbability} (see `infer.ts`), with `C_in` standardised input
 * channels and `C_out` output probability maps.
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../core/errors.js';
import { blendProfile, DEFAULT_SLIDING_WINDOW, tileOrigins, type SlidingWindowOptions } from './infer.js';
import { standardize, type PreparedImage } from './prepare.js';

/**
 * Per-class probability maps (row-major, image size; 0 outside the FOV of the first channel).
 * @param channels one prepared image per network input channel, all the same size
 * @throws VesselprintError BAD_ARGUMENT for a bad tile size or overlap, or no channel
 * @example const [bg, artery, vein] = predictClassProbabilities(model, [red, green, blue]);
 */
export function predictClassProbabilities(model: tf.LayersModel, channels: readonly PreparedImage[], options: SlidingWindowOptions = {}): Float32Array[] {
  const o = { ...DEFAULT_SLIDING_WINDOW, ...options };
  const T = o.tileSize;
  const first = channels[0];
  if (first === undefined) throw new VesselprintError('BAD_ARGUMENT', 'predictClassProbabilities: no input channel', { field: 'channels' });
  if (!Number.isInteger(T) || T < 8) throw new VesselprintError('BAD_ARGUMENT', `tileSize must be an integer ≥ 8, got ${T}`, { field: 'tileSize' });
  if (!(o.overlap >= 0 && o.overlap < T)) throw new VesselprintError('BAD_ARGUMENT', `overlap must be in [0, tileSize), got ${o.overlap}`, { field: 'overlap' });
  const { width: W, height: H } = first;
  const C = channels.length;
  const inputs = channels.map((c) => standardize(c));
  const tiles: Array<[number, number]> = [];
  for (const r of tileOrigins(H, T, o.overlap)) for (const c of tileOrigins(W, T, o.overlap)) tiles.push([r, c]);
  const prof = blendProfile(T);
  let K = 0;
  let acc: Float32Array[] = [];
  const wsum = new Float32Array(W * H);
  const buf = new Float32Array(o.batchSize * T * T * C);
  for (let start = 0; start < tiles.length; start += o.batchSize) {
    const batch = tiles.slice(start, start + o.batchSize);
    buf.fill(0);
    batch.forEach(([r0, c0], b) => {
      for (let i = 0; i < T && r0 + i < H; i++) {
        for (let j = 0; j < T && c0 + j < W; j++) {
          const src = (r0 + i) * W + c0 + j;
          const dst = ((b * T + i) * T + j) * C;
          for (let c = 0; c < C; c++) buf[dst + c] = inputs[c]![src]!;
        }
      }
    });
    const { probs, k } = tf.tidy(() => {
      const x = tf.tensor4d(buf.subarray(0, batch.length * T * T * C), [batch.length, T, T, C]);
      let p = model.predict(x) as tf.Tensor4D;
      if (o.flipTta) {
        const fr = tf.reverse(model.predict(tf.reverse(x, 1)) as tf.Tensor4D, 1);
        const fc = tf.reverse(model.predict(tf.reverse(x, 2)) as tf.Tensor4D, 2);
        const fb = tf.reverse(model.predict(tf.reverse(x, [1, 2])) as tf.Tensor4D, [1, 2]);
        p = tf.div(tf.addN([p, fr, fc, fb]), 4) as tf.Tensor4D;
      }
      return { probs: p.dataSync() as Float32Array, k: p.shape[3] };
    });
    if (K === 0) {
      K = k;
      acc = Array.from({ length: K }, () => new Float32Array(W * H));
    }
    batch.forEach(([r0, c0], b) => {
      for (let i = 0; i < T && r0 + i < H; i++) {
        const wi = prof[i]!;
        for (let j = 0; j < T && c0 + j < W; j++) {
          const w = wi * prof[j]!;
          const px = (r0 + i) * W + c0 + j;
          const src = ((b * T + i) * T + j) * K;
          for (let c = 0; c < K; c++) acc[c]![px] += w * probs[src + c]!;
          wsum[px] += w;
        }
      }
    });
    o.onProgress?.(Math.min(start + o.batchSize, tiles.length), tiles.length);
  }
  for (let px = 0; px < W * H; px++) {
    const inside = first.fov.data[px] !== 0;
    for (let c = 0; c < K; c++) acc[c]![px] = inside ? acc[c]![px]! / wsum[px]! : 0;
  }
  return acc;
}
