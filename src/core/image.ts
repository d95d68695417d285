/**
 * Images are plain objects holding a row-major typed array. Pixel (row r, column c, channel k)
 * is `data[(r * width + c) * channels + k]`. `spacingUm` is the physical size of one pixel in
 * micrometres (square pixels assumed; `spacingUmRowCol` when rows and columns differ).
 */
import { VesselprintError } from './errors.js';

export type PixelArray = Uint8Array | Uint16Array | Float32Array | Float64Array;

export interface Image2D<T extends PixelArray = PixelArray> {
  data: T;
  width: number;
  height: number;
  /** 1 (grey), 3 (RGB) or 4 (RGBA). */
  channels: number;
  /** µm per pixel, when known. */
  spacingUm?: number;
  /** [row spacing, column spacing] in µm, when they differ. */
  spacingUmRowCol?: [number, number];
  /** Bits per sample of the source file (8, 16, 32), when read from disk. */
  bitDepth?: number;
}

/** A binary mask: one channel, 1 = inside, 0 = outside. */
export interface Mask2D {
  data: Uint8Array;
  width: number;
  height: number;
  spacingUm?: number;
}

/** Creates a zero-filled image. @example createImage(4, 3).data.length // 12 */
export function createImage(width: number, height: number, channels = 1, spacingUm?: number): Image2D<Float32Array> {
  checkDims(width, height, channels);
  const img: Image2D<Float32Array> = { data: new Float32Array(width * height * channels), width, height, channels };
  if (spacingUm !== undefined) img.spacingUm = spacingUm;
  return img;
}

/** Creates an all-zero mask. */
export function createMask(width: number, height: number, spacingUm?: number): Mask2D {
  checkDims(width, height, 1);
  const m: Mask2D = { data: new Uint8Array(width * height), width, height };
  if (spacingUm !== undefined) m.spacingUm = spacingUm;
  return m;
}

function checkDims(width: number, height: number, channels: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new VesselprintError('BAD_ARGUMENT', `image size must be positive integers, got ${width}x${height}`);
  }
  if (![1, 2, 3, 4].includes(channels)) {
    throw new VesselprintError('BAD_ARGUMENT', `channels must be 1-4, got ${channels}`);
  }
}

/**
 * Extracts one channel as a Float32 single-channel image (values unchanged).
 * @param channel 0-based channel index (for RGB fundus images, 1 = green).
 */
export function getChannel(img: Image2D, channel: number): Image2D<Float32Array> {
  if (channel < 0 || channel >= img.channels) {
    throw new VesselprintError('BAD_ARGUMENT', `channel ${channel} out of range for a ${img.channels}-channel image`, { field: 'channel' });
  }
  const n = img.width * img.height;
  const out = new Float32Array(n);
  for (let i = 0, j = channel; i < n; i++, j += img.channels) out[i] = img.data[j]!;
  return withMeta({ data: out, width: img.width, height: img.height, channels: 1 }, img);
}

/**
 * Luminance (ITU-R BT.601: 0.299 R + 0.587 G + 0.114 B) of an RGB(A) image as Float32; a grey
 * image is returned as a Float32 copy.
 */
export function toGray(img: Image2D): Image2D<Float32Array> {
  if (img.channels < 3) return getChannel(img, 0);
  const n = img.width * img.height;
  const out = new Float32Array(n);
  const c = img.channels;
  for (let i = 0; i < n; i++) {
    out[i] = 0.299 * img.data[i * c]! + 0.587 * img.data[i * c + 1]! + 0.114 * img.data[i * c + 2]!;
  }
  return withMeta({ data: out, width: img.width, height: img.height, channels: 1 }, img);
}

/** Mask from an image: pixel of channel 0 non-zero → 1. */
export function toMask(img: Image2D): Mask2D {
  const n = img.width * img.height;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = img.data[i * img.channels] !== 0 ? 1 : 0;
  const m: Mask2D = { data: out, width: img.width, height: img.height };
  if (img.spacingUm !== undefined) m.spacingUm = img.spacingUm;
  return m;
}

/** Throws `SHAPE_MISMATCH` unless `a` and `b` have the same width and height. */
export function assertSameSize(a: { width: number; height: number }, b: { width: number; height: number }, what = 'images'): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new VesselprintError('SHAPE_MISMATCH', `${what} differ in size: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  }
}

/** Number of non-zero pixels in a mask. */
export function countMask(m: Mask2D): number {
  let s = 0;
  for (let i = 0; i < m.data.length; i++) s += m.data[i] !== 0 ? 1 : 0;
  return s;
}

function withMeta<T extends PixelArray>(out: Image2D<T>, src: Image2D): Image2D<T> {
  if (src.spacingUm !== undefined) out.spacingUm = src.spacingUm;
  if (src.spacingUmRowCol !== undefined) out.spacingUmRowCol = src.spacingUmRowCol;
  return out;
}
