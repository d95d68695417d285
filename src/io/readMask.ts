import type { Mask2D } from '../core/image.js';
import { toMask } from '../core/image.js';
import { readImage } from './readImage.js';

/**
 * Reads a binary mask file (FOV mask, manual vessel annotation): any format {@link readImage}
 * reads; a pixel is inside (1) when channel 0 is non-zero, so 0/255 GIFs of public datasets,
 * 0/1 PNGs and palette masks all work. Spacing is kept when the file records it.
 * @throws the errors of {@link readImage}.
 * @example (await readMask('DRIVE/test/mask/01_test_mask.gif')).data // Uint8Array of 0/1
 */
export async function readMask(path: string): Promise<Mask2D> {
  return toMask(await readImage(path));
}
