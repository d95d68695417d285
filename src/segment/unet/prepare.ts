/**
 * The preprocessing shared by U-Net training and inference (so both see the same input):
 * channel (green for RGB) → CLAHE (OpenCV semantics, clip 2, 8x8 tiles) → scaled to [0, 1] →
 * standardised with the mean and SD inside the field of view; pixels outside the FOV are 0
 * (the FOV mean). Augmentation works on the [0, 1] `unit` image and applies the same standardisation.
 */
import type { Image2D, Mask2D } from '../../core/image.js';
import { assertSameSize } from '../../core/image.js';
import { VesselprintError } from '../../core/errors.js';
import { selectChannel, type ChannelChoice } from '../../core/channel.js';
import { clahe } from '../../preprocess/clahe.js';
import { estimateFov } from '../../preprocess/fov.js';

export interface UnetPreprocessOptions {
  /** Channel taken from colour images. Default 'green'. */
  channel?: ChannelChoice;
  /** CLAHE clip limit (0 = no CLAHE). Default 2. */
  claheClip?: number;
  /** CLAHE tiles per side. Default 8. */
  claheTiles?: number;
  /** Input value range mapped to 0–255 before CLAHE; default [0, 255], or [0, 65535] for 16-bit input. */
  range?: [number, number];
}

export const DEFAULT_UNET_PREPROCESS: Required<Omit<UnetPreprocessOptions, 'range'>> = { channel: 'green', claheClip: 2, claheTiles: 8 };

/** A preprocessed image ready for patches or sliding-window inference. */
export interface PreparedImage {
  width: number;
  height: number;
  /** CLAHE output in [0, 1], row-major. */
  unit: Float32Array;
  /** Field of view (given, or estimated from the image). */
  fov: Mask2D;
  /** Mean and SD of `unit` inside the FOV (standardisation constants). */
  mean: number;
  sd: number;
  spacingUm?: number;
}

/**
 * Preprocesses one image for the U-Net.
 * @param img grey or RGB(A) image, 8- or 16-bit or float in `range`
 * @param fov field-of-view mask; estimated with `estimateFov` when absent
 * @throws VesselprintError SHAPE_MISMATCH for a FOV of another size, EMPTY_INPUT for an empty FOV
 * @example prepareUnetImage(rgb).unit.length === rgb.width * rgb.height // true
 */
export function prepareUnetImage(img: Image2D, fov?: Mask2D, options: UnetPreprocessOptions = {}): PreparedImage {
  const o = { ...DEFAULT_UNET_PREPROCESS, ...options };
  const f = fov ?? estimateFov(img);
  assertSameSize(img, f, 'image and FOV');
  const grey = selectChannel(img, o.channel);
  const range: [number, number] = options.range ?? (img.bitDepth === 16 || img.data instanceof Uint16Array ? [0, 65535] : [0, 255]);
  const n = img.width * img.height;
  const unit = new Float32Array(n);
  if (o.claheClip > 0) {
    const eq = clahe(grey, { clipLimit: o.claheClip, tilesRows: o.claheTiles, tilesCols: o.claheTiles, range });
    for (let i = 0; i < n; i++) unit[i] = eq.data[i]! / 255;
  } else {
    const [lo, hi] = range;
    for (let i = 0; i < n; i++) unit[i] = Math.min(1, Math.max(0, (grey.data[i]! - lo) / (hi - lo)));
  }
  let s = 0;
  let s2 = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (f.data[i] === 0) continue;
    s += unit[i]!;
    s2 += unit[i]! * unit[i]!;
    k++;
  }
  if (k === 0) throw new VesselprintError('EMPTY_INPUT', 'prepareUnetImage: the field of view is empty');
  const mean = s / k;
  const sd = Math.sqrt(Math.max(s2 / k - mean * mean, 1e-12));
  const out: PreparedImage = { width: img.width, height: img.height, unit, fov: f, mean, sd };
  if (img.spacingUm !== undefined) out.spacingUm = img.spacingUm;
  return out;
}

/** Standardised network input of a prepared image: (unit − mean)/sd inside the FOV, 0 outside. */
export function standardize(p: PreparedImage): Float32Array {
  const n = p.width * p.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = p.fov.data[i] !== 0 ? (p.unit[i]! - p.mean) / p.sd : 0;
  return out;
}
