import type { ImageFormat } from './types.js';

/**
 * Identifies an image container from its first bytes (magic numbers), not from the file name:
 * PNG `89 50 4E 47 0D 0A 1A 0A`; JPEG `FF D8 FF`; GIF `GIF87a`/`GIF89a`; TIFF `II*\0` or
 * `MM\0*` (classic) and `II+\0`/`MM\0+` (BigTIFF); DICOM Part 10 `DICM` at byte 128. A file
 * without the DICOM preamble is recognised as DICOM only when its name ends in `.dcm` (raw
 * data sets). Returns undefined for anything else.
 *
 * @example sniffFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'a.jpg') // 'jpeg'
 */
export function sniffFormat(bytes: Uint8Array, name = ''): ImageFormat | undefined {
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47 && b(4) === 0x0d && b(5) === 0x0a && b(6) === 0x1a && b(7) === 0x0a)
    return 'png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x38 && (b(4) === 0x37 || b(4) === 0x39) && b(5) === 0x61) return 'gif';
  if (
    (b(0) === 0x49 && b(1) === 0x49 && (b(2) === 42 || b(2) === 43) && b(3) === 0) ||
    (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && (b(3) === 42 || b(3) === 43))
  )
    return 'tiff';
  if (b(128) === 0x44 && b(129) === 0x49 && b(130) === 0x43 && b(131) === 0x4d) return 'dicom';
  if (name.toLowerCase().endsWith('.dcm') && bytes.length >= 8) return 'dicom';
  return undefined;
}
