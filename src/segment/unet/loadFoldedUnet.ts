/** A model folder loaded once per process for inference, its batch norm folded into the convolutions. */
import type * as tf from '@tensorflow/tfjs';
import { resolve } from 'node:path';
import { loadUnetModel, type UnetMetadata } from './checkpoint.js';
import { foldBatchNorm } from './foldBatchNorm.js';

const cache = new Map<string, Promise<{ model: tf.LayersModel; metadata: UnetMetadata }>>();

/**
 * Loads `dir` with {@link loadUnetModel} and folds its batch norm ({@link foldBatchNorm}: same
 * output, fewer kernels); later calls with the same folder reuse the loaded model. A failed load
 * is not cached.
 * @example const { model, metadata } = await loadFoldedUnet('out/unet/best');
 */
export function loadFoldedUnet(dir: string): Promise<{ model: tf.LayersModel; metadata: UnetMetadata }> {
  const key = resolve(dir);
  let loading = cache.get(key);
  if (loading === undefined) {
    loading = loadUnetModel(key).then(({ model, metadata }) => {
      const fast = foldBatchNorm(model, metadata.architecture);
      if (fast !== model) model.dispose();
      return { model: fast, metadata };
    });
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return loading;
}
