import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Image2D, Mask2D } from '../core/image.js';
import type { ArteryVeinMaps } from '../segment/arteryVeinMaps.js';
import {
  arteryVeinModelChannels,
  DEFAULT_AV_MODEL_DIR,
  loadArteryVeinModel,
  predictArteryVein,
} from '../segment/unet/predictArteryVein.js';
import { VesselprintError } from '../core/errors.js';
import { networkDownsample } from '../segment/unet/inputScale.js';
import { requireUnetModelFiles, type UnetMetadata } from '../segment/unet/checkpoint.js';

/** Options of {@link predictArteryVeinAdapter}. */
export interface PredictArteryVeinAdapterOptions {
  /** Folder of a trained artery/vein model. Default: the shipped `hrf-av-unet` ({@link DEFAULT_AV_MODEL_DIR}). */
  modelDir?: string;
  /** Field of view; estimated from the image when absent. */
  fov?: Mask2D;
  /** Worker threads for the tiles (CPU backends). Default 1. */
  workers?: number;
  /**
   * Average the CNN over the identity and the row, column and both flips (4x the CNN time). Held-out
   * HRF 08_*, 15_*: centre-line A/V accuracy with the shipped four-stage `hrf-av-unet` and its prior
   * 0.821 → 0.831 (two-stage model: 0.787 → 0.799, vessel AUC 0.9825 → 0.9839; docs/retina.md).
   * The vessel threshold and width level were calibrated without flips. Default false.
   */
  flipTta?: boolean;
  /** Resample the image to the model's training FOV diameter (`predictArteryVein`'s `scaleByFov`). Default true. */
  scaleByFov?: boolean;
  /** The camera's disc radius / FOV radius when not the training camera's 0.081 (`networkDownsample`); with `scaleByFov`. */
  discRadiusFraction?: number;
}

/**
 * The one place where `retina/` asks the artery/vein CNN for its maps: the 3-class U-Net of
 * `segment/unet/predictArteryVein.ts` (background, artery, vein softmax; vessel = artery + vein),
 * run with the model's own preprocessing and scale and enlarged back to the image size. The
 * default model is the shipped `hrf-av-unet` (HRF images, Hemelings et al. 2019 A/V labels,
 * doi:10.1016/j.compmedimag.2019.05.004; its held-out accuracy is in its README and docs/retina.md).
 * The maps carry the model's calibrated vessel threshold (`vesselThreshold`, from its
 * metadata.json; {@link modelVesselThreshold}), which `analyzeRetina` uses for the vessel mask, and
 * its calibrated image-level artery fraction when it has one (`arteryFraction`; {@link modelArteryFraction}),
 * which `analyzeRetina` uses to balance the artery/vein split (`balanceArteryVein`), and its
 * calibrated width level when it has one (`widthLevel`), at which `analyzeRetina` measures the
 * zone-B widths (`levelZoneBWidths`).
 *
 * @throws VesselprintError FILE_NOT_FOUND / CORRUPT_FILE for a bad model folder, BAD_ARGUMENT for a vessel-only model
 * @example
 * const maps = await predictArteryVeinAdapter(rgb, { fov });
 * analyzeRetina(rgb, maps, { fov, spacingUm: 6 }).record.crae_um; // e.g. 150
 */
export async function predictArteryVeinAdapter(
  image: Image2D,
  options: PredictArteryVeinAdapterOptions = {},
): Promise<ArteryVeinMaps & { vesselThreshold?: number; arteryFraction?: number; widthLevel?: number }> {
  const dir = options.modelDir ?? DEFAULT_AV_MODEL_DIR;
  const maps = await predictArteryVein(image, dir, {
    ...(options.fov !== undefined ? { fov: options.fov } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.flipTta === true ? { flipTta: true } : {}),
    ...(options.scaleByFov === false ? { scaleByFov: false } : {}),
    ...(options.discRadiusFraction !== undefined ? { discRadiusFraction: options.discRadiusFraction } : {}),
  });
  return { ...maps, ...modelCalibration(dir) };
}

/**
 * Checks that `modelDir` (default: the shipped model) holds a usable artery/vein model — loads it
 * (`loadArteryVeinModel`, cached per process) and reads its calibration (`modelCalibration`) — so
 * that a caller can fail the whole run on a bad model folder before it treats what fails after as
 * a problem of one image (`extract`'s retina block).
 * @throws VesselprintError FILE_NOT_FOUND / CORRUPT_FILE for a bad folder, BAD_ARGUMENT for a vessel-only model
 * @example await requireArteryVeinModel(); // the shipped hrf-av-unet loads
 */
export async function requireArteryVeinModel(modelDir: string = DEFAULT_AV_MODEL_DIR): Promise<void> {
  await loadArteryVeinModel(modelDir);
  modelCalibration(modelDir);
}

/**
 * The same checks as {@link requireArteryVeinModel} without loading the network (no TensorFlow.js in
 * the calling thread): the folder holds model.json, weights.bin and metadata.json, and the metadata
 * describes an artery/vein model with a valid calibration. `extract` runs it before the first image.
 * @throws VesselprintError FILE_NOT_FOUND / CORRUPT_FILE for a bad folder, BAD_ARGUMENT for a vessel-only model
 * @example checkArteryVeinModelFolder(DEFAULT_AV_MODEL_DIR); // passes
 */
export function checkArteryVeinModelFolder(modelDir: string = DEFAULT_AV_MODEL_DIR): void {
  requireUnetModelFiles(modelDir);
  arteryVeinModelChannels(readModelMetadata(join(modelDir, 'metadata.json')) as UnetMetadata, resolve(modelDir));
  modelCalibration(modelDir);
}

/**
 * What an artery/vein model's `metadata.json` says about using its maps, read once:
 * - `vesselThreshold`: `threshold` when its `thresholdSource` is not `"default"` (a threshold
 *   calibrated on the model's training or validation images, e.g. the shipped model's, see its
 *   README); undefined otherwise, so `analyzeRetina` falls back to 0.5;
 * - `arteryFraction`: `avBalance.arteryFraction`, the image-level artery fraction calibrated on the
 *   model's validation images (`balanceArteryVein`), which `analyzeRetina` then applies by default;
 *   undefined when the model has none;
 * - `widthLevel`: `widthLevel.level`, the vessel-probability level at which zone-B widths are
 *   measured (`levelZoneBWidths`), calibrated on the model's training images; `analyzeRetina` then
 *   measures calibres with it by default; undefined when the model has none.
 * @throws VesselprintError CORRUPT_FILE when the fraction or the level is present but not in (0, 1)
 * @example modelCalibration(DEFAULT_AV_MODEL_DIR) // { vesselThreshold: 0.85, arteryFraction: 0.47, widthLevel: 0.9 }
 */
export function modelCalibration(modelDir: string): { vesselThreshold?: number; arteryFraction?: number; widthLevel?: number } {
  const file = join(modelDir, 'metadata.json');
  const meta = readModelMetadata(file) as {
    threshold?: unknown;
    thresholdSource?: unknown;
    avBalance?: { arteryFraction?: unknown };
    widthLevel?: { level?: unknown };
  };
  const t = meta.threshold;
  const f = meta.avBalance?.arteryFraction;
  if (f !== undefined && (typeof f !== 'number' || !(f > 0 && f < 1)))
    throw new VesselprintError('CORRUPT_FILE', `${file}: avBalance.arteryFraction must be a number in (0, 1), got ${JSON.stringify(f)}`, {
      path: file,
      field: 'avBalance.arteryFraction',
    });
  const l = meta.widthLevel?.level;
  if (meta.widthLevel !== undefined && (typeof l !== 'number' || !(l > 0 && l < 1)))
    throw new VesselprintError('CORRUPT_FILE', `${file}: widthLevel.level must be a number in (0, 1), got ${JSON.stringify(l)}`, {
      path: file,
      field: 'widthLevel.level',
    });
  return {
    ...(typeof t === 'number' && t > 0 && t < 1 && meta.thresholdSource !== 'default' && { vesselThreshold: t }),
    ...(typeof f === 'number' && { arteryFraction: f }),
    ...(typeof l === 'number' && { widthLevel: l }),
  };
}

/** {@link modelCalibration}'s `vesselThreshold`. @example modelVesselThreshold(DEFAULT_AV_MODEL_DIR) // 0.85 */
export function modelVesselThreshold(modelDir: string): number | undefined {
  return modelCalibration(modelDir).vesselThreshold;
}

/** {@link modelCalibration}'s `arteryFraction`. @example modelArteryFraction(DEFAULT_AV_MODEL_DIR) // 0.47 */
export function modelArteryFraction(modelDir: string): number | undefined {
  return modelCalibration(modelDir).arteryFraction;
}

/**
 * Image px per network px at which the model in `modelDir` would run on a photograph with this FOV
 * (`networkDownsample`: its training factor, or the one that gives the FOV its training diameter),
 * read from its metadata.json without loading the network; undefined when the folder has no
 * metadata.json (loading the model then says what is missing).
 * @example modelNetworkDownsample(DEFAULT_AV_MODEL_DIR, hrfFov) // 2
 */
export function modelNetworkDownsample(
  modelDir: string,
  fov: Mask2D,
  options: { scaleByFov?: boolean; discRadiusFraction?: number } = {},
): number | undefined {
  const file = join(modelDir, 'metadata.json');
  if (!existsSync(file)) return undefined;
  const meta = readModelMetadata(file) as Pick<UnetMetadata, 'notes' | 'inputFovDiameterPx'>;
  return networkDownsample(fov, meta, {
    ...(options.scaleByFov === false && { scaleByFov: false }),
    ...(options.discRadiusFraction !== undefined && { discRadiusFraction: options.discRadiusFraction }),
  });
}

/** A model's metadata.json, parsed; CORRUPT_FILE naming the file when it is not JSON. */
function readModelMetadata(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new VesselprintError('CORRUPT_FILE', `${file}: not valid JSON (${e.message})`, { path: file });
    throw e;
  }
}
