import { extname } from 'node:path';
import type { Image2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import { writeFileAtomic } from '../core/atomicWrite.js';
import type { BitDepth, WriteImageOptions } from './types.js';
import { checkImageShape, toStoredSamples } from './sampleConversion.js';
import { encodePng } from './encodePng.js';
import { encodeTiff } from './encodeTiff.js';
import { spacingRowCol } from './spacing.js';

/**
 * Writes an image to `path`, choosing the format by extension: `.png` (8- or 16-bit unsigned)
 * or `.tif`/`.tiff` (8-, 16-bit unsigned or 32-bit float, e.g. probability maps). 1-4 channels
 * (grey, grey+alpha, RGB, RGBA). Samples are stored as they are, without rescaling: 8/16-bit
 * samples are rounded and must already lie in 0..255 / 0..65535 (else `BAD_ARGUMENT`).
 * The pixel spacing (`spacingUm` / `spacingUmRowCol`) is recorded in the PNG `pHYs` chunk
 * (pixels per metre, integer) or the TIFF XResolution/YResolution tags (pixels per cm), so
 * {@link readImage} gives it back. The file is written atomically (temp file + rename) and is
 * byte-identical for identical inputs.
 *
 * @param options.bitDepth default: 8 for Uint8Array data, 16 for Uint16Array; float data → 32 in
 *   TIFF, 8 in PNG.
 * @throws VesselprintError `UNSUPPORTED_FORMAT` for another extension or 32-bit PNG;
 *   `BAD_ARGUMENT` / `SHAPE_MISMATCH` for an inconsistent image or out-of-range samples.
 * @example
 * await writeImage('/tmp/p.tif', { data: new Float32Array([0.1, 0.9]), width: 2, height: 1, channels: 1 });
 * (await readImage('/tmp/p.tif')).data // Float32Array [0.1, 0.9] (float32-rounded)
 */
export async function writeImage(path: string, img: Image2D, options: WriteImageOptions = {}): Promise<void> {
  checkImageShape(img, path);
  const spacing = spacingRowCol(img, path);
  const ext = extname(path).toLowerCase();
  const isFloat = img.data instanceof Float32Array || img.data instanceof Float64Array;
  if (options.bitDepth !== undefined && ![8, 16, 32].includes(options.bitDepth)) {
    throw new VesselprintError('BAD_ARGUMENT', `writeImage: bitDepth must be 8, 16 or 32, got ${String(options.bitDepth)}`, {
      path,
      field: 'bitDepth',
    });
  }
  let bytes: Uint8Array;
  if (ext === '.png') {
    const bitDepth: BitDepth = options.bitDepth ?? (img.data instanceof Uint16Array ? 16 : 8);
    if (bitDepth === 32) {
      throw new VesselprintError(
        'UNSUPPORTED_FORMAT',
        'writeImage: PNG has no 32-bit float samples; write a .tif for float32 (e.g. probability maps)',
        { path, field: 'bitDepth' },
      );
    }
    const samples = toStoredSamples(img, bitDepth, path) as Uint8Array | Uint16Array;
    bytes = encodePng(samples, img.width, img.height, img.channels, spacing);
  } else if (ext === '.tif' || ext === '.tiff') {
    const bitDepth: BitDepth = options.bitDepth ?? (img.data instanceof Uint16Array ? 16 : isFloat ? 32 : 8);
    bytes = encodeTiff(toStoredSamples(img, bitDepth, path), img.width, img.height, img.channels, spacing);
  } else {
    throw new VesselprintError(
      'UNSUPPORTED_FORMAT',
      `writeImage: cannot tell the format from the extension "${ext}"; use .png, .tif or .tiff`,
      { path },
    );
  }
  try {
    writeFileAtomic(path, bytes);
  } catch (e) {
    throw new VesselprintError(
      'FILE_UNREADABLE',
      `writeImage: could not write the file (${(e as NodeJS.ErrnoException).code ?? 'I/O error'})`,
      { path, cause: e },
    );
  }
}
