import type { Mask2D } from '../core/image.js';

/**
 * Breadth-first spread of labels inside a mask (8-connected, geodesic): every mask pixel with
 * label −1 takes the label of the seed whose front reaches it first; seeds are expanded in the
 * order given, so ties go to the earlier seed. Pixels outside the mask, and mask pixels no seed
 * reaches, keep their label. Modifies and returns `label`.
 *
 * @param label one entry per pixel (row-major): the seeds' labels, −1 elsewhere
 * @param seeds the seed pixels (flat indices), in priority order
 * @example spreadInside(mask, owner, skeletonPixels)[k] // label of the skeleton pixel nearest to k inside the mask
 */
export function spreadInside(mask: Mask2D, label: Int32Array, seeds: readonly number[]): Int32Array {
  const { width, height } = mask;
  let queue = [...seeds];
  while (queue.length > 0) {
    const next: number[] = [];
    for (const p of queue) {
      const r = Math.floor(p / width),
        c = p % width;
      for (let dr = -1; dr <= 1; dr++) {
        const rr = r + dr;
        if (rr < 0 || rr >= height) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const cc = c + dc;
          if (cc < 0 || cc >= width) continue;
          const q = rr * width + cc;
          if (!mask.data[q] || label[q] !== -1) continue;
          label[q] = label[p]!;
          next.push(q);
        }
      }
    }
    queue = next;
  }
  return label;
}
