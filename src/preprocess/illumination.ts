/**
 * Background (illumination) normalisation inside a field of view.
 */
import type { Image2D, Mask2D } from '../core/image.js';
import { VesselprintError, oneOf } from '../core/errors.js';
import { maskedGaussianBlur } from './gaussian.js';

export type IlluminationMode = 'divide' | 'subtract';
export const ILLUMINATION_MODES: readonly IlluminationMode[] = ['divide', 'subtract'];

export interface NormalizeIlluminationOptions {
  /** Standard deviation of the background Gaussian in pixels (default: 2.5 % of the shorter image side). */
  sigma?: number;
  /** 'divide' (default): I / B, a relative contrast around 1; 'subtract': I − B, around 0. */
  mode?: IlluminationMode;
}

/**
 * Removes slow illumination changes: the background B is a Gaussian-weighted mean of the image
 * over the FOV only (normalised convolution, so the dark outside does not leak in), and the
 * result is I / B or I − B. Outside the FOV the result is the neutral value (1 or 0), so later
 * filters see no edge at the FOV border (cf. Foracchia et al. 2005, doi:10.1016/j.media.2004.07.001,
 * for background estimation in fundus images).
 * @example normalizeIllumination(green, fov).data // ≈ 1 on the background, < 1 on dark vessels
 */
export function normalizeIllumination(img: Image2D, fov?: Mask2D, options: NormalizeIlluminationOptions = {}): Image2D<Float32Array> {
  if (img.channels !== 1) throw new VesselprintError('BAD_ARGUMENT', `normalizeIllumination: expected one channel, got ${img.channels}`);
  const { width, height } = img;
  const n = width * height;
  const mode = oneOf('mode', options.mode ?? 'divide', ILLUMINATION_MODES);
  const sigma = options.sigma ?? 0.025 * Math.min(width, height);
  if (!(sigma > 0))
    throw new VesselprintError('BAD_ARGUMENT', `normalizeIllumination: sigma must be > 0, got ${sigma}`, { field: 'sigma' });
  const m = fov?.data ?? new Uint8Array(n).fill(1);
  const src = img.data instanceof Float32Array ? img.data : Float32Array.from(img.data);
  const bg = maskedGaussianBlur(src, m, width, height, sigma, { insideOnly: true });
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (!m[i]) out[i] = mode === 'divide' ? 1 : 0;
    else if (mode === 'divide') out[i] = bg[i]! > 1e-6 ? src[i]! / bg[i]! : 1;
    else out[i] = src[i]! - bg[i]!;
  }
  const res: Image2D<Float32Array> = { data: out, width, height, channels: 1 };
  if (img.spacingUm !== undefined) res.spacingUm = img.spacingUm;
  return res;
}
