/**
 * Artery/vein/vessel probabilities of a fundus image with a trained 3-class U-Net folder (default:
 * the shipped `pretrained/hrf-av-unet`), returned as the {@link ArteryVeinMaps} contract that
 * `retina/` consumes. The image goes through the model's own preprocessing (its input channels —
 * e.g. red, green, blue — each CLAHE'd and standardised in the FOV) at the model's training scale
 * (`metadata.notes.downsample`, or for another camera the factor that makes its FOV circle as wide
 * as the training images', `metadata.inputFovDiameterPx`), and the maps are resized back to the
 * image size.
 */
import type { LayersModel } from '@tensorflow/tfjs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VesselprintError } from '../../core/errors.js';
import type { Image2D, Mask2D } from '../../core/image.js';
import { estimateFov } from '../../preprocess/fov.js';
import { networkDownsample } from './inputScale.js';
import { resize, resizeMask } from '../../preprocess/resample.js';
import { CHANNEL_NAMES, type ChannelChoice } from '../../core/channel.js';
import type { ArteryVeinMaps } from '../arteryVeinMaps.js';
import type { UnetMetadata } from './checkpoint.js';
import { openFoldedUnet } from './loadFoldedUnet.js';
import { prepareUnetImage } from './prepare.js';
import { resizeChannels } from './resizeImage.js';
import { predictMapsParallel } from './parallel/predictParallel.js';
import { tfWorkerPool } from './parallel/tfWorkerPool.js';

/** The artery/vein model shipped with vesselprint (trained on HRF with the Hemelings et al. labels; see its README). */
export const DEFAULT_AV_MODEL_DIR: string = join(dirname(fileURLToPath(import.meta.url)), 'pretrained', 'hrf-av-unet');

export interface PredictArteryVeinOptions {
  /** Field of view; estimated from the image when absent. */
  fov?: Mask2D;
  /** Tile side (multiple of 2^depth); default: the model's `tileSize`. */
  tileSize?: number;
  /** Tile overlap, px. Default min(32, tileSize/4). */
  overlap?: number;
  /** Test-time flips (4x slower). Default false. */
  flipTta?: boolean;
  /** Integer shrink factor before the network; default: the model's training factor (notes.downsample), else 1, unless `scaleByFov` applies. */
  downsample?: number;
  /**
   * When `downsample` is not given and the model records the FOV diameter of its training images
   * at its input (`metadata.inputFovDiameterPx`): resample the image so that its FOV circle
   * (`fovCircle`, fitted to the visible rim) has that diameter, whatever the camera's resolution —
   * unless that factor is within 10 % of the training factor, which is then used exactly (all HRF
   * photographs), or no circle can be fitted (a crop from inside the field: the training factor).
   * Default true.
   */
  scaleByFov?: boolean;
  /** The camera's disc radius / FOV radius when it is not the training camera's 0.081 (`networkDownsample`): the field is scaled so that the retina reaches the network at its training size. */
  discRadiusFraction?: number;
  /** Progress callback (tiles done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Worker threads for the tiles (`predictMapsParallel`); 1 = this thread. Default 1. */
  workers?: number;
}

const CHANNELS: readonly ChannelChoice[] = CHANNEL_NAMES;

/** The input channel names and the checks that a model folder holds a 3-class artery/vein model. */
export function arteryVeinModelChannels(metadata: UnetMetadata, path: string): ChannelChoice[] {
  const classes = metadata.notes?.['classes'];
  if (metadata.notes?.['task'] !== 'artery-vein' || classes !== 'background,artery,vein') {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `not an artery/vein model (metadata.notes.task must be "artery-vein" with classes background,artery,vein); a vessel-only model is used with segmentUnet`,
      { path, field: 'notes.task' },
    );
  }
  const names = (metadata.notes['channels'] ?? metadata.preprocessing.channel).split(',');
  for (const n of names)
    if (!(CHANNELS as readonly string[]).includes(n))
      throw new VesselprintError('CORRUPT_FILE', `unknown input channel "${n}" (expected ${CHANNELS.join(', ')})`, {
        path,
        field: 'notes.channels',
      });
  if (names.length !== metadata.inputChannels)
    throw new VesselprintError(
      'CORRUPT_FILE',
      `notes.channels names ${names.length} channel(s), inputChannels is ${metadata.inputChannels}`,
      { path, field: 'notes.channels' },
    );
  return names as ChannelChoice[];
}

/**
 * Loads an artery/vein model folder for inference (cached per process, `openFoldedUnet`) and checks
 * that it is one (`arteryVeinModelChannels`); returns the model, its metadata and its input channels.
 * Callers that must tell a bad model folder (a problem of the whole run) from a bad image (a problem
 * of one row) call this first.
 * @throws VesselprintError FILE_NOT_FOUND / CORRUPT_FILE for a bad folder, BAD_ARGUMENT for a vessel-only model
 * @example (await loadArteryVeinModel(DEFAULT_AV_MODEL_DIR)).channels // ['red', 'green', 'blue']
 */
export async function loadArteryVeinModel(
  modelDir: string = DEFAULT_AV_MODEL_DIR,
): Promise<{ model: LayersModel; metadata: UnetMetadata; channels: ChannelChoice[] }> {
  const { model, metadata } = await openFoldedUnet(
    modelDir,
    DEFAULT_AV_MODEL_DIR,
    'no default artery/vein model is installed; train one with `vesselprint train-seg` (task "artery-vein") and pass its folder',
  );
  return { model, metadata, channels: arteryVeinModelChannels(metadata, resolve(modelDir)) };
}

/**
 * A model that reads more than one colour channel learnt arteries and veins from colour: a grey
 * photograph (one channel, or red = green = blue everywhere: a red-free or converted image) gives
 * it nothing to tell them apart by, and its labels on such images were never validated (on HRF
 * 08_h's green channel alone the shipped model gave AVR 0.48 against 0.80 in colour).
 * @throws VesselprintError BAD_ARGUMENT for such an image
 */
function requireColour(img: Image2D, names: readonly ChannelChoice[]): void {
  const colours = new Set(names.filter((n) => n === 'red' || n === 'green' || n === 'blue'));
  if (colours.size < 2) return;
  let grey = img.channels < 3;
  if (!grey) {
    grey = true;
    const c = img.channels;
    for (let i = 0; i < img.data.length && grey; i += c) grey = img.data[i] === img.data[i + 1] && img.data[i] === img.data[i + 2];
  }
  if (grey)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `the artery/vein model reads ${[...colours].join(', ')} and needs a colour photograph; this image is grey (${img.channels === 1 ? 'one channel' : 'red = green = blue everywhere'}: a red-free or converted photograph?). Its artery/vein labels would not be validated; use a colour image, or give manual labels (--av-maps, retina.avSource "manual")`,
      { field: 'image' },
    );
}

/**
 * Per-pixel artery, vein and vessel probabilities (vessel = artery + vein = 1 − background;
 * 0 outside the FOV), at the image's size.
 * @param img RGB fundus photograph (8- or 16-bit)
 * @param modelDir a folder written by the artery/vein trainer (default {@link DEFAULT_AV_MODEL_DIR})
 * @throws VesselprintError FILE_NOT_FOUND / CORRUPT_FILE for a bad model folder, BAD_ARGUMENT for a vessel-only model or a grey image (see requireColour)
 * @example
 * const maps = await predictArteryVein(rgb);
 * maps.artery[k] > maps.vein[k] // pixel k looks like an arteriole
 */
export async function predictArteryVein(
  img: Image2D,
  modelDir: string = DEFAULT_AV_MODEL_DIR,
  options: PredictArteryVeinOptions = {},
): Promise<ArteryVeinMaps> {
  const { model, metadata, channels: names } = await loadArteryVeinModel(modelDir);
  requireColour(img, names);
  const workers = options.workers ?? 1;
  // Start the worker threads now, so that they load while this thread prepares the image.
  if (workers > 1)
    tfWorkerPool(workers)
      .then((pool) => pool.loadModel(model))
      .catch(() => undefined);
  const fov = options.fov ?? estimateFov(img);
  const f = networkDownsample(fov, metadata, options);
  const w = Math.max(1, Math.round(img.width / f));
  const h = Math.max(1, Math.round(img.height / f));
  const same = w === img.width && h === img.height;
  const small = same ? img : resizeChannels(img, w, h);
  const smallFov = same ? fov : resizeMask(fov, w, h);
  const pre = { claheClip: metadata.preprocessing.claheClip, claheTiles: metadata.preprocessing.claheTiles };
  const channels = names.map((channel) => prepareUnetImage(small, smallFov, { ...pre, channel }));
  const tileSize = options.tileSize ?? metadata.tileSize;
  const [, artery, vein] = (await predictMapsParallel(model, channels, {
    workers,
    tileSize,
    overlap: options.overlap ?? Math.min(32, Math.floor(tileSize / 4)),
    flipTta: options.flipTta ?? false,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  })) as [Float32Array, Float32Array, Float32Array];
  const up = (a: Float32Array): Float32Array => {
    const r = same ? a : resize({ data: a, width: w, height: h, channels: 1 }, img.width, img.height).data;
    for (let k = 0; k < r.length; k++) if (fov.data[k] === 0) r[k] = 0;
    return r;
  };
  const A = up(artery);
  const V = up(vein);
  const vessel = new Float32Array(A.length);
  for (let k = 0; k < A.length; k++) vessel[k] = Math.min(1, A[k]! + V[k]!);
  const out: ArteryVeinMaps = { width: img.width, height: img.height, vessel, artery: A, vein: V, networkDownsample: img.width / w };
  if (img.spacingUm !== undefined) out.spacingUm = img.spacingUm;
  return out;
}
