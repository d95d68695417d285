/**
 * Patch sampling inside the field of view with vessel/background balance.
 */
import type { Rng } from '../../core/rng.js';
import type { Mask2D } from '../../core/image.js';
import { assertSameSize } from '../../core/image.js';
import { VesselprintError } from '../../core/errors.js';
import type { PreparedImage } from './prepare.js';
import { drawAugmentation, extractPatch, NO_AUGMENT, type AugmentOptions } from './augment.js';

/** A training image with its ground truth and precomputed sampling lists. */
export interface PatchSource {
  image: PreparedImage;
  truth: Mask2D;
  /** Flat indices of vessel pixels inside the FOV. */
  vessel: Int32Array;
  /** Flat indices of all FOV pixels. */
  inside: Int32Array;
}

/** Builds a {@link PatchSource}. @throws VesselprintError SHAPE_MISMATCH, EMPTY_INPUT (empty FOV) */
export function patchSource(image: PreparedImage, truth: Mask2D): PatchSource {
  assertSameSize(image, truth, 'image and ground truth');
  const v: number[] = [];
  const a: number[] = [];
  for (let i = 0; i < truth.data.length; i++) {
    if (image.fov.data[i] === 0) continue;
    a.push(i);
    if (truth.data[i] !== 0) v.push(i);
  }
  if (a.length === 0) throw new VesselprintError('EMPTY_INPUT', 'patchSource: the field of view is empty');
  return { image, truth, vessel: Int32Array.from(v), inside: Int32Array.from(a) };
}

export interface PatchBatchOptions {
  /** Patch side, px. Default 64. */
  patchSize?: number;
  /** Probability that a patch is centred on a vessel pixel (else on any FOV pixel). Default 0.5. */
  vesselFraction?: number;
  /** Augmentation (see {@link AugmentOptions}); `false` for none. Default: all on. */
  augment?: AugmentOptions | false;
}

export const DEFAULT_PATCH_BATCH = { patchSize: 64, vesselFraction: 0.5 };

/**
 * Samples `n` patches: pick a source uniformly, a centre (a vessel pixel with probability
 * `vesselFraction`, else a FOV pixel), draw an augmentation, extract.
 * @returns `x` and `y` as `[n, size, size]` row-major Float32Arrays
 */
export function samplePatchBatch(
  sources: readonly PatchSource[],
  n: number,
  rng: Rng,
  options: PatchBatchOptions = {},
): { x: Float32Array; y: Float32Array } {
  const o = { ...DEFAULT_PATCH_BATCH, ...options };
  if (sources.length === 0) throw new VesselprintError('EMPTY_INPUT', 'samplePatchBatch: no training images');
  const P = o.patchSize;
  const x = new Float32Array(n * P * P);
  const y = new Float32Array(n * P * P);
  for (let k = 0; k < n; k++) {
    const s = sources[rng.int(0, sources.length - 1)]!;
    const list = s.vessel.length > 0 && rng.bernoulli(o.vesselFraction) ? s.vessel : s.inside;
    const idx = list[rng.int(0, list.length - 1)]!;
    const row = Math.floor(idx / s.image.width);
    const col = idx % s.image.width;
    const a = drawAugmentation(rng, o.augment === false ? NO_AUGMENT : o.augment);
    // Centre on a pixel (even P: the centre lies between pixels; shift by half a pixel).
    const off = P % 2 === 0 ? 0.5 : 0;
    const p = extractPatch(s.image, s.truth, row - off, col - off, P, a);
    x.set(p.x, k * P * P);
    y.set(p.y, k * P * P);
  }
  return { x, y };
}
