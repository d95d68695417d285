import { createMask, type Mask2D } from '../core/image.js';
import type { Circle } from './types.js';

/**
 * The circular field of view of a fundus camera as a binary mask: pixel (r, c) is inside when
 * (r − row)² + (c − col)² ≤ radius², with pixel centres at integer coordinates.
 *
 * @param circle centre (row, col) and radius, in pixels
 * @example countMask(fovMask(5, 5, { row: 2, col: 2, radius: 1 })) // 5 (a plus sign)
 */
export function fovMask(width: number, height: number, circle: Circle, spacingUm?: number): Mask2D {
  const m = createMask(width, height, spacingUm);
  const r2 = circle.radius * circle.radius;
  for (let r = 0; r < height; r++) {
    const dr = r - circle.row;
    for (let c = 0; c < width; c++) {
      const dc = c - circle.col;
      if (dr * dr + dc * dc <= r2) m.data[r * width + c] = 1;
    }
  }
  return m;
}

/** The default fundus field of view: centred, radius 0.47 × the shorter side (DRIVE-like framing). */
export function defaultFovCircle(width: number, height: number): Circle {
  return { row: (height - 1) / 2, col: (width - 1) / 2, radius: 0.47 * Math.min(width, height) };
}
