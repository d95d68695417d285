/**
 * Sliding-window U-Net inference over a pool of worker threads: the tile batches of
 * `predictMaps` (infer.ts) go to the workers (each its own tfjs backend), the main thread
 * blends them in tile order with the same window, so the result equals the one-thread result
 * (up to the last float bit of a kernel; tested ≤ 1e-5). Any number of input channels and
 * output maps (vessel probability, or background/artery/vein).
 */
import type * as tf from '@tensorflow/tfjs';
import type { Image2D } from '../../../core/image.js';
import {
  accumulateTiles,
  asImage,
  assertOneOutput,
  blendMaps,
  fillTileBatch,
  outputChannelsOf,
  planSlidingWindow,
  predictMaps,
  type SlidingWindowOptions,
} from '../infer.js';
import type { PreparedImage } from '../prepare.js';
import { effectiveWorkers, tfWorkerPool } from './tfWorkerPool.js';
import type { PredictReply } from './protocol.js';

export interface ParallelPredictOptions extends SlidingWindowOptions {
  /** Worker threads; 1 runs `predictMaps` on this thread (as does a GPU backend). Default 1. */
  workers?: number;
}

/**
 * The K output maps of prepared input channels, tiles spread over `workers` threads; same result
 * as {@link predictMaps}. The model is sent to the workers once per model object.
 * @throws VesselprintError BAD_ARGUMENT for a bad tile size, overlap or worker count; BACKEND when a worker fails
 * @example const [bg, artery, vein] = await predictMapsParallel(avModel, [red, green, blue], { workers: 2 });
 */
export async function predictMapsParallel(
  model: tf.LayersModel,
  images: readonly PreparedImage[],
  options: ParallelPredictOptions = {},
): Promise<Float32Array[]> {
  const { workers: asked = 1, ...sliding } = options;
  const workers = effectiveWorkers(asked);
  const plan = planSlidingWindow(images, outputChannelsOf(model), sliding);
  if (workers <= 1 || plan.tiles.length === 1) return predictMaps(model, images, sliding);
  const { o, T, W, H, inputs, tiles, prof, acc, wsum } = plan;
  const C = inputs.length;
  const pool = await tfWorkerPool(workers);
  const modelId = await pool.loadModel(model);
  const batches: Array<Array<[number, number]>> = [];
  for (let s = 0; s < tiles.length; s += o.batchSize) batches.push(tiles.slice(s, s + o.batchSize));
  // Each worker pulls the next batch when it finishes one; results are blended in batch order.
  const results = new Array<Float32Array | undefined>(batches.length);
  let next = 0;
  let blended = 0;
  let tilesDone = 0;
  const drain = (): void => {
    while (blended < batches.length && results[blended] !== undefined) {
      accumulateTiles(acc, wsum, results[blended]!, prof, W, H, T, batches[blended]!);
      results[blended] = undefined;
      tilesDone += batches[blended]!.length;
      blended++;
      o.onProgress?.(tilesDone, tiles.length);
    }
  };
  const run = async (w: number): Promise<void> => {
    while (next < batches.length) {
      const b = next++;
      const batch = batches[b]!;
      const buf = new Float32Array(batch.length * T * T * C);
      fillTileBatch(buf, inputs, W, H, T, batch);
      const r = await pool.call<PredictReply>(w, { kind: 'predict', modelId, x: buf, shape: [batch.length, T, T, C], flipTta: o.flipTta }, [
        buf.buffer,
      ]);
      results[b] = r.y;
      drain();
    }
  };
  await Promise.all(Array.from({ length: Math.min(pool.size, batches.length) }, (_, w) => run(w)));
  return blendMaps(images[0]!.fov, acc, wsum);
}

/**
 * Probability map of a prepared image for a one-output model, tiles spread over `workers`
 * threads; same result as {@link predictProbability}.
 * @throws VesselprintError BAD_ARGUMENT for a bad tile size, overlap or worker count, or a multi-output model; BACKEND when a worker fails
 * @example await predictProbabilityParallel(model, prepared, { workers: 2 }) // Image2D<Float32Array>
 */
export async function predictProbabilityParallel(
  model: tf.LayersModel,
  img: PreparedImage,
  options: ParallelPredictOptions = {},
): Promise<Image2D<Float32Array>> {
  assertOneOutput(model);
  return asImage(img, (await predictMapsParallel(model, [img], options))[0]!);
}
