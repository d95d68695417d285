/**
 * One-call U-Net segmentation of an image with a trained model folder — what
 * `vesselprint segment IMAGE --method unet --model DIR` runs.
 */
import type * as tf from '@tensorflow/tfjs';
import { resolve } from 'node:path';
import type { Image2D, Mask2D } from '../../core/image.js';
import { selectBackend } from '../../backend/selectBackend.js';
import { loadUnetModel, type UnetMetadata } from './checkpoint.js';
import { prepareUnetImage } from './prepare.js';
import { foldBatchNorm } from './foldBatchNorm.js';
import { predictProbability, thresholdProbability } from './infer.js';

export interface SegmentUnetOptions {
  /** Field of view; estimated from the image when absent. */
  fov?: Mask2D;
  /** Probability threshold; default: the model's validation-optimal threshold (metadata.json). */
  threshold?: number;
  /** Tile side (multiple of 2^depth); default: the model's `tileSize`. */
  tileSize?: number;
  /** Tile overlap, px. Default min(32, tileSize/4). */
  overlap?: number;
  /** Test-time flips (4x slower). Default false. */
  flipTta?: boolean;
  /** Progress callback (tiles done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Result of {@link segmentUnet}. */
export interface SegmentUnetResult {
  /** Vessel probability in [0, 1] (0 outside the FOV). */
  probability: Image2D<Float32Array>;
  /** probability ≥ threshold inside the FOV. */
  mask: Mask2D;
  fov: Mask2D;
  threshold: number;
  metadata: UnetMetadata;
}

const cache = new Map<string, Promise<{ model: tf.LayersModel; metadata: UnetMetadata }>>();

/**
 * Loads (once per process) the model in `modelDir`, folds its batch norm into the convolutions
 * ({@link foldBatchNorm}), and segments `img` with the model's own
 * preprocessing (channel, CLAHE, FOV standardisation).
 * @throws VesselprintError FILE_NOT_FOUND / CORRUPT_FILE for a bad model folder
 * @example
 * const r = await segmentUnet(rgb, 'out/unet-synthetic/best');
 * r.mask.data; // Uint8Array, 1 = vessel
 */
export async function segmentUnet(img: Image2D, modelDir: string, options: SegmentUnetOptions = {}): Promise<SegmentUnetResult> {
  await selectBackend();
  const key = resolve(modelDir);
  let loading = cache.get(key);
  if (loading === undefined) {
    // Batch norm folded into the convs: same output, fewer kernels.
    loading = loadUnetModel(key).then(({ model, metadata }) => {
      const fast = foldBatchNorm(model, metadata.architecture);
      if (fast !== model) model.dispose();
      return { model: fast, metadata };
    });
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  const { model, metadata } = await loading;
  const { standardize: _s, ...pre } = metadata.preprocessing;
  const prepared = prepareUnetImage(img, options.fov, pre);
  const tileSize = options.tileSize ?? metadata.tileSize;
  const probability = predictProbability(model, prepared, {
    tileSize,
    overlap: options.overlap ?? Math.min(32, Math.floor(tileSize / 4)),
    flipTta: options.flipTta ?? false,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const threshold = options.threshold ?? metadata.threshold;
  return { probability, mask: thresholdProbability(probability, threshold, prepared.fov), fov: prepared.fov, threshold, metadata };
}
