/**
 * One data-parallel optimizer step of U-Net training on CPU.
 *
 * The batch of B patches is split into S equal shards (contiguous, S divides B). Each shard's loss
 * and gradients are computed by `shardGradients` from the same weights — on worker threads (shard
 * s on worker s mod W, each with its own tfjs backend) or, with one worker, one after the other on
 * this thread. The main thread averages the S gradients in shard order (float64 sums) and applies
 * the optimizer once, so the step is
 *
 *   L = (1/S) Σ_s loss(shard s),   θ ← optimizer(θ, (1/S) Σ_s ∇θ loss(shard s)).
 *
 * Batch norm: each shard normalises with its own batch statistics ("ghost batch norm", Hoffer,
 * Hubara & Soudry 2017, "Train longer, generalize better", arXiv:1705.08741), and the moving
 * averages become the mean over shards of each shard's update m + 0.1·(μ_s − m) — which equals one
 * update with the mean of the shard statistics, since the update is linear. Soft Dice (and clDice)
 * is likewise computed per shard. So the numbers depend on S but not on the worker count W:
 * the same seed and S give the same weights with 1 or N workers (tested ≤ 1e-5; bit-identical
 * here, since every shard runs the same kernels on the same inputs). S = 1 is ordinary training.
 * Seeded dropout draws the mask of call `dropoutCall + s` for shard s.
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../../core/errors.js';
import { shardGradients, type ShardGradients, type ShardLoss } from './shardGradients.js';
import { effectiveWorkers, tfWorkerPool } from './tfWorkerPool.js';
import type { GradientReply } from './protocol.js';

export interface DataParallelOptions {
  /** Worker threads computing shards; 1 computes them on this thread (as does a GPU backend). Default 1. */
  workers?: number;
  /** Shards (ghost batches) per batch: a training hyper-parameter, independent of `workers`. Default: `workers`. */
  shards?: number;
}

/** A batch as flat arrays with their `[B, …]` shapes. */
export interface FlatBatch {
  x: Float32Array;
  xShape: number[];
  y: Float32Array;
  yShape: number[];
}

/**
 * Computes the sharded gradients of `batch` and applies `optimizer` to `model` (in place).
 * @returns the mean shard loss
 * @throws VesselprintError BAD_ARGUMENT when `shards` does not divide the batch; BACKEND when a worker fails
 * @example const loss = await dataParallelStep(model, tf.train.adam(1e-3), batch, { workers: 2 }, {}, 0);
 */
export async function dataParallelStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  batch: FlatBatch,
  options: DataParallelOptions,
  loss: ShardLoss,
  dropoutCall: number,
): Promise<number> {
  const S = options.shards ?? options.workers ?? 1;
  const W = effectiveWorkers(options.workers ?? 1);
  const B = batch.xShape[0]!;
  if (!Number.isInteger(S) || S < 1 || B % S !== 0)
    throw new VesselprintError('BAD_ARGUMENT', `shards must be a positive integer dividing the batch size ${B}, got ${S}`, {
      field: 'shards',
    });
  if (!Number.isInteger(W) || W < 1)
    throw new VesselprintError('BAD_ARGUMENT', `workers must be an integer ≥ 1, got ${W}`, { field: 'workers' });
  const b = B / S;
  const xStride = batch.x.length / B;
  const yStride = batch.y.length / B;
  const xShape = [b, ...batch.xShape.slice(1)];
  const yShape = [b, ...batch.yShape.slice(1)];
  const shardX = (s: number): Float32Array<ArrayBuffer> => batch.x.slice(s * b * xStride, (s + 1) * b * xStride);
  const shardY = (s: number): Float32Array<ArrayBuffer> => batch.y.slice(s * b * yStride, (s + 1) * b * yStride);
  const nonTrainable = model.nonTrainableWeights;
  let results: ShardGradients[];
  if (W === 1) {
    const start = nonTrainable.map((w) => w.read().clone());
    results = [];
    for (let s = 0; s < S; s++) {
      tf.tidy(() => nonTrainable.forEach((w, i) => w.write(start[i]!.clone())));
      const x = tf.tensor(shardX(s), xShape);
      const y = tf.tensor(shardY(s), yShape);
      results.push(await shardGradients(model, x, y, loss, dropoutCall + s));
      x.dispose();
      y.dispose();
    }
    start.forEach((t) => t.dispose());
  } else {
    const pool = await tfWorkerPool(W);
    const modelId = await pool.loadModel(model);
    const weights = await Promise.all(model.weights.map(async (w) => ((await w.read().data()) as Float32Array).slice()));
    results = await Promise.all(
      Array.from({ length: S }, (_, s) => {
        const x = shardX(s);
        const y = shardY(s);
        return pool.call<GradientReply>(
          s % pool.size,
          { kind: 'gradients', modelId, weights, x, xShape, y, yShape, loss, dropoutCall: dropoutCall + s },
          [x.buffer, y.buffer],
        );
      }),
    );
  }
  const mean = (pick: (r: ShardGradients) => Float32Array[], i: number): Float32Array => {
    const n = pick(results[0]!)[i]!.length;
    const sum = new Float64Array(n);
    for (const r of results) {
      const a = pick(r)[i]!;
      for (let k = 0; k < n; k++) sum[k] += a[k]!;
    }
    return Float32Array.from(sum, (v) => v / S);
  };
  tf.tidy(() => {
    const grads: tf.NamedTensorMap = {};
    model.trainableWeights.forEach((w, i) => {
      grads[(w.read() as tf.Variable).name] = tf.tensor(
        mean((r) => r.grads, i),
        w.shape as number[],
      );
    });
    optimizer.applyGradients(grads);
    nonTrainable.forEach((w, i) =>
      w.write(
        tf.tensor(
          mean((r) => r.nonTrainable, i),
          w.shape as number[],
        ),
      ),
    );
  });
  return results.reduce((a, r) => a + r.loss, 0) / S;
}
