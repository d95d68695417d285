/**
 * Gradients of one batch shard: the unit of work of data-parallel U-Net training, run the same
 * way on the main thread (one worker) and in the worker threads, so the worker count never
 * changes the numbers.
 */
import * as tf from '@tensorflow/tfjs';
import { segLoss, type SegLossOptions } from '../losses.js';
import { multiClassLoss, type MultiClassLossOptions } from '../multiClassLoss.js';
import { SeededDropout } from '../seededDropout.js';

/**
 * The loss of a data-parallel step. A bare {@link SegLossOptions} is the vessel loss (`segLoss`, targets
 * `[b, P, P, 1]`); `{ kind: 'artery-vein' }` is the partial-label multi-class loss (`multiClassLoss`), its
 * targets packed along the last axis as `[b, P, P, K + 1]`: the K allowed-class channels, then the pixel weight.
 */
export type ShardLoss = SegLossOptions | { kind: 'artery-vein'; options: MultiClassLossOptions };

/** The loss of `pred` against shard targets `y`, as {@link ShardLoss} says. */
export function shardLoss(y: tf.Tensor4D, pred: tf.Tensor4D, loss: ShardLoss): tf.Scalar {
  if (!('kind' in loss)) return segLoss(y, pred, loss);
  const k = y.shape[3] - 1;
  return tf.tidy(() => {
    const [allowed, weight] = tf.split(y, [k, 1], 3) as [tf.Tensor4D, tf.Tensor4D];
    return multiClassLoss(allowed, pred, weight, loss.options);
  });
}

/** A shard's result: its loss, one gradient per trainable weight (`model.trainableWeights` order) and the non-trainable weights after the forward pass (batch-norm moving statistics). */
export interface ShardGradients {
  loss: number;
  grads: Float32Array[];
  nonTrainable: Float32Array[];
}

/**
 * Loss `shardLoss(y, model(x, training))` of one shard and its gradients with respect to every
 * trainable weight. Batch norm normalises with the shard's own statistics and moves its moving
 * averages once (momentum 0.9) from the values the model holds; seeded dropout layers draw the
 * mask of training call `dropoutCall`.
 * @param x `[b, P, P, Cin]` inputs; `y` targets of the loss' shape (e.g. `[b, P, P, C]`)
 */
export async function shardGradients(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  loss: ShardLoss,
  dropoutCall: number,
): Promise<ShardGradients> {
  for (const layer of model.layers) if (layer instanceof SeededDropout) layer.setCallIndex(dropoutCall);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(
    () => shardLoss(y as tf.Tensor4D, model.apply(x, { training: true }) as tf.Tensor4D, loss),
    vars,
  );
  // Asynchronous reads (every backend, webgpu included); copies, since the buffers are transferred.
  try {
    return {
      loss: (await value.data())[0]!,
      grads: await Promise.all(vars.map(async (v) => ((await grads[v.name]!.data()) as Float32Array).slice())),
      nonTrainable: await Promise.all(model.nonTrainableWeights.map(async (w) => ((await w.read().data()) as Float32Array).slice())),
    };
  } finally {
    value.dispose();
    for (const g of Object.values(grads)) g.dispose();
  }
}
