import type { Image2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';

/**
 * The [row, column] pixel spacing of an image in µm, or undefined when unknown.
 * `spacingUmRowCol` wins over `spacingUm` (square pixels).
 * @throws VesselprintError `BAD_ARGUMENT` when a spacing is not a positive finite number.
 * @example spacingRowCol({ data: new Uint8Array(1), width: 1, height: 1, channels: 1, spacingUm: 10 }) // [10, 10]
 */
export function spacingRowCol(img: Image2D, path?: string): [number, number] | undefined {
  const s: [number, number] | undefined = img.spacingUmRowCol ?? (img.spacingUm !== undefined ? [img.spacingUm, img.spacingUm] : undefined);
  if (s === undefined) return undefined;
  for (const v of s) {
    if (!(Number.isFinite(v) && v > 0)) {
      throw new VesselprintError('BAD_ARGUMENT', `pixel spacing must be a positive number of µm, got ${v}`, {
        field: 'spacingUm',
        ...(path !== undefined ? { path } : {}),
      });
    }
  }
  return s;
}

/**
 * Sets `spacingUm` (and `spacingUmRowCol` when rows and columns differ by more than 1e-9
 * relative) on an image from a [row, column] spacing in µm.
 */
export function applySpacing(img: Image2D, rowCol: [number, number] | undefined): void {
  if (rowCol === undefined) return;
  const [r, c] = rowCol;
  img.spacingUm = c;
  if (Math.abs(r - c) > 1e-9 * Math.max(r, c)) {
    img.spacingUm = Math.sqrt(r * c);
    img.spacingUmRowCol = [r, c];
  }
}
