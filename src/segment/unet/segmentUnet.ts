/**
 * One-call U-Net segmentation of an image with a trained model folder — what
 * `vesselprint segment IMAGE --method unet --model DIR` runs.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { networkDownsample } from './inputScale.js';
import type { Image2D, Mask2D } from '../../core/image.js';
import type { UnetMetadata } from './checkpoint.js';
import { prepareUnetImage } from './prepare.js';
import { resizeChannels } from './resizeImage.js';
import { estimateFov } from '../../preprocess/fov.js';
import { selectChannel } from '../../core/channel.js';
import { resize, resizeMask } from '../../preprocess/resample.js';
import { openFoldedUnet } from './loadFoldedUnet.js';
import { thresholdProbability } from './infer.js';
import { predictProbabilityParallel } from './parallel/predictParallel.js';
import { tfWorkerPool } from './parallel/tfWorkerPool.js';

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
  /**
   * Shrink the image by this integer factor before the network and enlarge the probabilities
   * back (bilinear); default: the model's training factor (`metadata.notes.downsample`, e.g. 2
   * for the shipped HRF model), else 1 — unless `scaleByFov` applies.
   */
  downsample?: number;
  /**
   * When `downsample` is not given and the model records its training FOV diameter
   * (`metadata.inputFovDiameterPx`): resample the image so that its FOV circle has that diameter
   * (`networkDownsample`: the training factor for the training camera or a crop without a rim).
   * Default true.
   */
  scaleByFov?: boolean;
  /** Progress callback (tiles done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Worker threads for the tiles (`predictProbabilityParallel`); 1 = this thread. Default 1. */
  workers?: number;
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

/**
 * The model shipped with vesselprint (`src/segment/unet/pretrained/hrf-unet/`, trained on part of
 * the HRF data set, see its README) — used when no model folder is given. May be absent.
 */
export const DEFAULT_UNET_MODEL_DIR: string = join(dirname(fileURLToPath(import.meta.url)), 'pretrained', 'hrf-unet');

/**
 * Loads (once per process) the model in `modelDir` (default {@link DEFAULT_UNET_MODEL_DIR}), folds its batch norm into the convolutions
 * ({@link foldBatchNorm}), and segments `img` with the model's own
 * preprocessing (channel, CLAHE, FOV standardisation).
 * @throws VesselprintError FILE_NOT_FOUND / CORRUPT_FILE for a bad model folder
 * @example
 * const r = await segmentUnet(rgb, 'out/unet-synthetic/best');
 * r.mask.data; // Uint8Array, 1 = vessel
 */
export async function segmentUnet(
  img: Image2D,
  modelDir: string = DEFAULT_UNET_MODEL_DIR,
  options: SegmentUnetOptions = {},
): Promise<SegmentUnetResult> {
  const { model, metadata } = await openFoldedUnet(
    modelDir,
    DEFAULT_UNET_MODEL_DIR,
    'no default U-Net model is installed; train one with `vesselprint train-seg` and pass --model DIR',
  );
  const workers = options.workers ?? 1;
  // Start the worker threads (≈ 1 s each) now, so that they load while this thread prepares the image.
  if (workers > 1)
    tfWorkerPool(workers)
      .then((pool) => pool.loadModel(model))
      .catch(() => undefined);
  const { standardize: _s, ...pre } = metadata.preprocessing;
  const fov = options.fov ?? estimateFov(img);
  const f = networkDownsample(fov, metadata, options);
  const w = Math.max(1, Math.round(img.width / f));
  const h = Math.max(1, Math.round(img.height / f));
  const same = w === img.width && h === img.height;
  let prepared;
  if (same) prepared = prepareUnetImage(img, fov, pre);
  else if (img.channels >= 3 && pre.channel !== 'gray') {
    // Only the channel the model reads is resized (a third of the work; the same values), with
    // the range the resized RGB copy had (from bitDepth, the copy being float).
    const range: [number, number] = img.bitDepth === 16 ? [0, 65535] : [0, 255];
    prepared = prepareUnetImage(resizeChannels(selectChannel(img, pre.channel ?? 'green'), w, h), resizeMask(fov, w, h), { range, ...pre });
  } else prepared = prepareUnetImage(resizeChannels(img, w, h), resizeMask(fov, w, h), pre);
  const tileSize = options.tileSize ?? metadata.tileSize;
  const probability = await predictProbabilityParallel(model, prepared, {
    workers,
    tileSize,
    overlap: options.overlap ?? Math.min(32, Math.floor(tileSize / 4)),
    flipTta: options.flipTta ?? false,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const threshold = options.threshold ?? metadata.threshold;
  let prob = probability;
  if (!same) {
    prob = resize(probability, img.width, img.height);
    for (let k = 0; k < prob.data.length; k++) if (fov.data[k] === 0) prob.data[k] = 0;
    if (img.spacingUm !== undefined) prob.spacingUm = img.spacingUm;
  }
  return { probability: prob, mask: thresholdProbability(prob, threshold, fov), fov, threshold, metadata };
}
