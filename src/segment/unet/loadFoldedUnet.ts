/** A model folder loaded once per process for inference, its batch norm folded into the convolutions. */
import type * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VesselprintError } from '../../core/errors.js';
import { selectBackend } from '../../backend/selectBackend.js';
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

/**
 * The inference entry of a model folder: refuses a folder without `model.json` (with `noDefault` as the
 * message when `modelDir` is the caller's default folder, i.e. no model is installed), selects the tfjs
 * backend, and returns {@link loadFoldedUnet}'s cached model.
 * @throws VesselprintError FILE_NOT_FOUND for a folder without model.json; CORRUPT_FILE from the loader
 * @example const { model } = await openFoldedUnet(dir, DEFAULT_UNET_MODEL_DIR, 'no default U-Net model is installed');
 */
export async function openFoldedUnet(
  modelDir: string,
  defaultDir: string,
  noDefault: string,
): Promise<{ model: tf.LayersModel; metadata: UnetMetadata }> {
  if (!existsSync(join(modelDir, 'model.json'))) {
    throw new VesselprintError('FILE_NOT_FOUND', modelDir === defaultDir ? noDefault : 'not a U-Net model folder (model.json missing)', {
      path: modelDir,
    });
  }
  await selectBackend();
  return loadFoldedUnet(modelDir);
}
