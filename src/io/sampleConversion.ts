import type { Image2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import type { BitDepth } from './types.js';

/**
 * Converts an image's samples to the typed array a writer stores for `bitDepth`, without any
 * rescaling: 8/16-bit samples are rounded to the nearest integer and must already lie in
 * [0, 255] / [0, 65535]; 32-bit samples are stored as float32 as they are.
 *
 * @throws VesselprintError `BAD_ARGUMENT` naming `path`, the first offending pixel (row, column,
 *   channel) and its value when a sample is NaN or out of range.
 * @example toStoredSamples({ data: new Float32Array([0, 254.6]), width: 2, height: 1, channels: 1 }, 8, 'a.png')
 * // Uint8Array [0, 255]
 */
export function toStoredSamples(img: Image2D, bitDepth: BitDepth, path: string): Uint8Array | Uint16Array | Float32Array {
  const n = img.data.length;
  if (bitDepth === 32) {
    return img.data instanceof Float32Array ? img.data : Float32Array.from(img.data);
  }
  const max = bitDepth === 8 ? 255 : 65535;
  const out = bitDepth === 8 ? new Uint8Array(n) : new Uint16Array(n);
  const src = img.data;
  for (let i = 0; i < n; i++) {
    const v = src[i]!;
    const r = Math.round(v);
    if (!(r >= 0 && r <= max)) {
      const pix = Math.floor(i / img.channels);
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `writeImage: sample ${v} at row ${Math.floor(pix / img.width)}, column ${pix % img.width}, channel ${i % img.channels} does not fit ${bitDepth}-bit (0..${max}); scale the image or choose another bitDepth (TIFF allows 32-bit float)`,
        { path, field: 'bitDepth' },
      );
    }
    out[i] = r;
  }
  return out;
}

/** Checks the image is self-consistent (data length = width × height × channels). */
export function checkImageShape(img: Image2D, path: string): void {
  if (!Number.isInteger(img.width) || !Number.isInteger(img.height) || img.width <= 0 || img.height <= 0) {
    throw new VesselprintError('BAD_ARGUMENT', `writeImage: image size must be positive integers, got ${img.width}x${img.height}`, {
      path,
    });
  }
  if (![1, 2, 3, 4].includes(img.channels)) {
    throw new VesselprintError('BAD_ARGUMENT', `writeImage: channels must be 1-4, got ${img.channels}`, { path });
  }
  if (img.data.length !== img.width * img.height * img.channels) {
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `writeImage: data has ${img.data.length} samples but ${img.width}x${img.height}x${img.channels} = ${img.width * img.height * img.channels} were expected`,
      { path },
    );
  }
}
