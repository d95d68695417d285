/**
 * Gradients of one batch shard: the unit of work of data-parallel U-Net training, run the same
 * way on the main thread (one worker) and in the worker threads, so the worker count never
 * changes the numbers.
 */
import * as tf from '@tensorflow/tfjs';
import { segLoss, type SegLossOptions } from '../losses.js';
import { SeededDropout } from '../seededDropout.js';

/** A shard's result: its loss, one gradient per trainable weight (`model.trainableWeights` order) and the non-trainable weights after the forward pass (batch-norm moving statistics). */
export interface ShardGradients {
  loss: number;
  grads: Float32Array[];
  nonTrainable: Float32Array[];
}

/**
 * Loss `segLoss(y, model(x, training))` of one shard and its gradients with respect to every
 * trainable weight. Batch norm normalises with the shard's own statistics and moves its moving
 * averages once (momentum 0.9) from the values the model holds; seeded dropout layers draw the
 * mask of training call `dropoutCall`.
 * @param x `[b, P, P, Cin]` inputs; `y` targets of the loss' shape (e.g. `[b, P, P, C]`)
 */
export function shardGradients(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, loss: SegLossOptions, dropoutCall: number): ShardGradients {
  for (const layer of model.layers) if (layer instanceof SeededDropout) layer.setCallIndex(dropoutCall);
  return tf.tidy(() => {
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => segLoss(y as tf.Tensor4D, model.apply(x, { training: true }) as tf.Tensor4D, loss), vars);
    return {
      loss: value.dataSync()[0]!,
      // Copies: a cpu-backend dataSync() is the tensor's own storage, and these buffers are transferred.
      grads: vars.map((v) => (grads[v.name]!.dataSync() as Float32Array).slice()),
      nonTrainable: model.nonTrainableWeights.map((w) => (w.read().dataSync() as Float32Array).slice()),
    };
  });
}
