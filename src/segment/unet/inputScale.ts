/**
 * The shrink factor between an image and a U-Net's input: the model's training factor
 * (`metadata.notes.downsample`), or — for a photograph from another camera — the factor that makes
 * its field of view as wide as the training images' (`metadata.inputFovDiameterPx`).
 */
import { VesselprintError } from '../../core/errors.js';
import type { Mask2D } from '../../core/image.js';
import { fovCircle } from '../../preprocess/fovCircle.js';
import type { UnetMetadata } from './checkpoint.js';

/** How the caller asked for the factor (`segmentUnet` / `predictArteryVein` options). */
export interface InputScaleOptions {
  /** An explicit integer factor (overrides everything). */
  downsample?: number;
  /** Scale by the FOV circle when the model records its training FOV diameter. Default true. */
  scaleByFov?: boolean;
  /**
   * The camera's optic disc radius as a fraction of its FOV circle's radius, when it differs from the
   * training camera's (`TRAINING_DISC_RADIUS_FRACTION`, HRF's 0.081): a narrower field shows the retina
   * larger within the same circle, so with `scaleByFov` the field is scaled to `inputFovDiameterPx` ×
   * 0.081 / this instead, and the vessels reach the network at their training size. Default: 0.081.
   */
  discRadiusFraction?: number;
}

/**
 * Optic disc radius / FOV circle radius of the shipped models' training photographs (HRF, Canon CR-1,
 * 45° field; median of our annotations, docs/retina.md): what `inputFovDiameterPx` is relative to.
 */
export const TRAINING_DISC_RADIUS_FRACTION = 0.081;

/**
 * Checks a camera's disc radius / FOV radius (`discRadiusFraction` of the CNN scale and the disc detector).
 * @throws VesselprintError BAD_ARGUMENT unless 0 < fraction ≤ 0.5
 * @example checkDiscRadiusFraction(0.139) // 0.139
 */
export function checkDiscRadiusFraction(fraction: number): number {
  if (!(fraction > 0 && fraction <= 0.5))
    throw new VesselprintError('BAD_ARGUMENT', `disc radius fraction must be in (0, 0.5], got ${fraction}`, {
      field: 'discRadiusFraction',
    });
  return fraction;
}

/**
 * Image px per network px. With an explicit `downsample`: that (a positive integer). Otherwise the
 * training factor t (`notes.downsample`, default 1), unless the model records
 * `inputFovDiameterPx` and a circle at least 0.3 × the frame's longer side across can be fitted
 * to the FOV's rim (`fovCircle`): then
 * f = FOV diameter / `inputFovDiameterPx.px` × (`discRadiusFraction` / 0.081: another camera's
 * magnification), replaced by t when |f / t − 1| ≤ 0.1 (the training camera itself: its exact factor).
 *
 * @throws VesselprintError BAD_ARGUMENT for an explicit factor that is not a positive integer, CORRUPT_FILE for a bad `notes.downsample`
 * @example networkDownsample(hrfFov, metadata) // 2; a half-size HRF photograph: 1
 */
export function networkDownsample(
  fov: Mask2D,
  metadata: Pick<UnetMetadata, 'notes' | 'inputFovDiameterPx'>,
  options: InputScaleOptions = {},
): number {
  if (options.downsample !== undefined) {
    const f = options.downsample;
    if (!Number.isInteger(f) || f < 1)
      throw new VesselprintError('BAD_ARGUMENT', `downsample must be a positive integer, got ${f}`, { field: 'downsample' });
    return f;
  }
  const trained = Number(metadata.notes?.['downsample'] ?? 1);
  if (!(trained > 0))
    throw new VesselprintError(
      'CORRUPT_FILE',
      `metadata notes.downsample must be a positive number, got ${metadata.notes?.['downsample']}`,
      {
        field: 'notes.downsample',
      },
    );
  const want = metadata.inputFovDiameterPx?.px;
  if (options.scaleByFov === false || want === undefined || !(want > 0)) return trained;
  const c = fovCircle(fov);
  // a field far smaller than the frame is no camera field (and enlarging it would be unbounded)
  if (c === undefined || 2 * c.radiusPx < 0.3 * Math.max(fov.width, fov.height)) return trained;
  const camera = checkDiscRadiusFraction(options.discRadiusFraction ?? TRAINING_DISC_RADIUS_FRACTION);
  const f = ((2 * c.radiusPx) / want) * (camera / TRAINING_DISC_RADIUS_FRACTION);
  return Math.abs(f / trained - 1) <= 0.1 ? trained : f;
}
