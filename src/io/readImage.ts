import { readFile } from 'node:fs/promises';
import type { Image2D } from '../core/image.js';
import { VesselprintError, isVesselprintError } from '../core/errors.js';
import type { ImageFileInfo } from './types.js';
import type { DecodedImage } from './decoded.js';
import { sniffFormat } from './sniffFormat.js';
import { readSharp } from './readSharp.js';
import { readTiff } from './readTiff.js';
import { readDicom } from './readDicom.js';

/**
 * Reads an image file into an {@link Image2D}. The format is recognised from the file's bytes
 * (see {@link sniffFormat}): PNG 8/16-bit, JPEG, TIFF 8/16-bit/float32, GIF, DICOM
 * (uncompressed, deflated and JPEG-baseline transfer syntaxes). Samples keep their stored
 * values and type (Uint8Array for 8-bit, Uint16Array for 16-bit, Float32Array for float).
 * `spacingUm` is set from DICOM PixelSpacing / ImagerPixelSpacing, TIFF resolution tags or the
 * PNG pHYs chunk when present; `bitDepth` is the stored bits per sample.
 *
 * DICOM identifiers never leave this function: only pixels, size and spacing are returned.
 *
 * @throws VesselprintError naming the path: `FILE_NOT_FOUND`; `FILE_UNREADABLE` (a folder,
 *   no permission); `UNSUPPORTED_FORMAT` (not one of the formats above, or a compressed DICOM
 *   transfer syntax that is not supported); `CORRUPT_FILE` (empty, truncated or undecodable).
 * @example
 * const img = await readImage('data/01_test.tif'); // { width: 565, height: 584, channels: 3, bitDepth: 8, ... }
 */
export async function readImage(path: string): Promise<Image2D> {
  return (await decodeImageFile(path)).image;
}

/**
 * Reads an image file and describes it (format, size, channels, bit depth, spacing and where
 * the spacing came from, frame count, whitelisted technical DICOM tags). Never identifiers.
 * Same errors as {@link readImage}.
 * @example (await readImageInfo('a.png')).bitDepth // 16
 */
export async function readImageInfo(path: string): Promise<ImageFileInfo> {
  return (await decodeImageFile(path)).info;
}

/** {@link readImage} and {@link readImageInfo} in one pass. */
export async function decodeImageFile(path: string): Promise<DecodedImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VesselprintError('FILE_NOT_FOUND', 'image file does not exist', { path });
    if (code === 'EISDIR') throw new VesselprintError('FILE_UNREADABLE', 'expected an image file, found a folder', { path });
    throw new VesselprintError('FILE_UNREADABLE', `cannot read the image file (${code ?? 'I/O error'})`, { path });
  }
  if (bytes.length === 0) throw new VesselprintError('CORRUPT_FILE', 'image file is empty (0 bytes)', { path });
  const format = sniffFormat(bytes, path);
  if (format === undefined) {
    throw new VesselprintError('UNSUPPORTED_FORMAT', 'not a PNG, JPEG, TIFF, GIF or DICOM file (unrecognised first bytes)', { path });
  }
  try {
    if (format === 'tiff') return await readTiff(bytes);
    if (format === 'dicom') return await readDicom(bytes, path);
    return await readSharp(bytes, format);
  } catch (e) {
    if (isVesselprintError(e)) throw e.path === undefined ? new VesselprintError(e.code, e.message, { path, cause: e }) : e;
    // The decoder's own message can help (e.g. "premature end of data") but is kept out of DICOM
    // errors, where a parser message could quote element values.
    const detail = format === 'dicom' ? '' : `: ${shortReason(e)}`;
    throw new VesselprintError('CORRUPT_FILE', `cannot decode this ${format.toUpperCase()} file; it is truncated or corrupt${detail}`, {
      path,
      ...(format === 'dicom' ? {} : { cause: e }),
    });
  }
}

/** A decoder's message on one line, trimmed to 160 characters, without stack frames. */
function shortReason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const line =
    msg
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && !s.startsWith('at '))
      .join(' ')
      .replace(/:\s*$/, '') || 'unknown decoder error';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
