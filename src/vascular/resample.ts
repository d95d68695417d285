import type { Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';

/**
 * Downsamples a binary mask by an integer factor k, as a camera with k-times coarser pixels
 * would see it: each output pixel covers k × k input pixels and is foreground when more than half
 * of them are (area average thresholded at ½); a block exactly half covered is decided by the
 * coverage of the block grown by one pixel, then by a checkerboard, so that ties neither bias the
 * area nor roughen the edges. Trailing rows/columns that do not fill a block are dropped. The
 * spacing (when present) is multiplied by k. Used by the resolution-invariance test
 * and to bring masks to a common spacing.
 *
 * @param mask binary mask (non-zero = foreground)
 * @param factor integer ≥ 1
 * @throws VesselprintError BAD_ARGUMENT when the factor is not an integer ≥ 1 or exceeds the image
 * @example downsampleMask({ data: Uint8Array.of(1, 1, 0, 0), width: 2, height: 2 }, 2).data // Uint8Array [1] (a tie, decided by the checkerboard)
 */
export function downsampleMask(mask: Mask2D, factor: number): Mask2D {
  const k = factor;
  if (!Number.isInteger(k) || k < 1 || k > Math.min(mask.width, mask.height)) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `downsampleMask: factor must be an integer between 1 and ${Math.min(mask.width, mask.height)}, got ${factor}`,
      { field: 'factor' },
    );
  }
  const width = Math.floor(mask.width / k),
    height = Math.floor(mask.height / k);
  const sums = new Uint32Array(width * height);
  const src = mask.data;
  for (let r = 0; r < height * k; r++) {
    const or = Math.floor(r / k) * width;
    for (let c = 0; c < width * k; c++) if (src[r * mask.width + c] !== 0) sums[or + Math.floor(c / k)]++;
  }
  const data = new Uint8Array(width * height);
  const half = (k * k) / 2;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const s = sums[r * width + c]!;
      data[r * width + c] = s > half ? 1 : s < half ? 0 : tieBreak(mask, r, c, k);
    }
  }
  const out: Mask2D = { data, width, height };
  if (mask.spacingUm !== undefined) out.spacingUm = mask.spacingUm * k;
  return out;
}

/**
 * A block exactly half covered: decided by the coverage of the block grown by one pixel on each
 * side (a slightly wider footprint, which keeps edges smooth); still a tie → a checkerboard.
 */
function tieBreak(mask: Mask2D, br: number, bc: number, k: number): number {
  const r0 = Math.max(0, br * k - 1),
    r1 = Math.min(mask.height, br * k + k + 1);
  const c0 = Math.max(0, bc * k - 1),
    c1 = Math.min(mask.width, bc * k + k + 1);
  let on = 0;
  for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) if (mask.data[r * mask.width + c] !== 0) on++;
  const total = (r1 - r0) * (c1 - c0);
  return 2 * on > total ? 1 : 2 * on < total ? 0 : (br + bc) % 2 === 0 ? 1 : 0;
}
