/**
 * Synthetic training/validation/test subjects for the U-Net from the fundus generator of
 * `synth/` (vessel trees with ground-truth masks and FOVs). Subject k is generated from the
 * stream `seed → "subject<k>"`, so splits never share a subject and any subject can be
 * regenerated alone.
 */
import { createRng } from '../../core/rng.js';
import type { Image2D, Mask2D } from '../../core/image.js';
import { synthFundus } from '../../synth/fundus.js';

export interface SyntheticSubject {
  id: string;
  image: Image2D<Uint8Array>;
  truth: Mask2D;
  fov: Mask2D;
}

export interface SyntheticSetOptions {
  /** Image width, px. Default 584 (DRIVE-like). */
  width?: number;
  /** Image height, px. Default 565. */
  height?: number;
}

/**
 * Generates subjects `first … first + count − 1` of the synthetic cohort with seed `seed`.
 * @example syntheticSubjects(42, 0, 2).map((s) => s.id) // ['synth-000', 'synth-001']
 */
export function syntheticSubjects(seed: number, first: number, count: number, options: SyntheticSetOptions = {}): SyntheticSubject[] {
  const root = createRng(seed);
  const out: SyntheticSubject[] = [];
  for (let k = first; k < first + count; k++) {
    const f = synthFundus(root.fork(`subject${k}`), {
      width: options.width ?? 584,
      height: options.height ?? 565,
      eye: k % 2 === 0 ? 'OD' : 'OS',
    });
    out.push({ id: `synth-${String(k).padStart(3, '0')}`, image: f.image, truth: f.vesselMask, fov: f.fovMask });
  }
  return out;
}
