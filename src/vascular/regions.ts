import type { Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';

/** Optic disc position and size in pixels. */
export interface OpticDisc {
  /** Centre row and column (px). */
  row: number;
  col: number;
  /** Disc radius (px); one disc diameter (DD) = 2 × radius. */
  radiusPx: number;
}

/**
 * Zone B: the ring from 0.5 to 1 disc diameter from the disc margin, i.e. between 2 and 3
 * disc radii from the disc centre (ARIC / Knudtson grid: L. D. Hubbard et al.,
 * Ophthalmology 106(12):2269–2280, 1999, doi:10.1016/S0161-6420(99)90525-0).
 *
 * @returns a mask with 1 where 2R ≤ distance(pixel centre, disc centre) < 3R
 * @throws VesselprintError BAD_ARGUMENT for a non-positive radius
 * @example zoneBMask(100, 100, { row: 50, col: 50, radiusPx: 10 }) // ring 20–30 px around (50, 50)
 */
export function zoneBMask(width: number, height: number, disc: OpticDisc): Mask2D {
  return discRingMask(width, height, disc, 2, 3, 'zoneBMask');
}

/**
 * Zone C: the ring from 0.5 to 2 disc diameters from the disc margin, i.e. between 2 and 5 disc
 * radii from the disc centre (the SIVA grid: C. Y. Cheung et al., "Retinal vascular tortuosity,
 * blood pressure, and cardiovascular risk factors", Ophthalmology 118(5):812–818, 2011,
 * doi:10.1016/j.ophtha.2010.08.045).
 *
 * @returns a mask with 1 where 2R ≤ distance < 5R
 * @throws VesselprintError BAD_ARGUMENT for a non-positive radius
 * @example zoneCMask(100, 100, { row: 50, col: 50, radiusPx: 5 }) // ring 10–25 px around (50, 50)
 */
export function zoneCMask(width: number, height: number, disc: OpticDisc): Mask2D {
  return discRingMask(width, height, disc, 2, 5, 'zoneCMask');
}

function discRingMask(width: number, height: number, disc: OpticDisc, inner: number, outer: number, fn: string): Mask2D {
  if (!(disc.radiusPx > 0))
    throw new VesselprintError('BAD_ARGUMENT', `${fn}: disc radius must be > 0 px, got ${disc.radiusPx}`, { field: 'disc.radiusPx' });
  const data = new Uint8Array(width * height);
  const r0 = inner * disc.radiusPx,
    r1 = outer * disc.radiusPx;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const d = Math.hypot(r - disc.row, c - disc.col);
      data[r * width + c] = d >= r0 && d < r1 ? 1 : 0;
    }
  }
  return { data, width, height };
}

/** Names of the four image quadrants. */
export const QUADRANTS = ['upper_left', 'upper_right', 'lower_left', 'lower_right'] as const;
export type QuadrantName = (typeof QUADRANTS)[number];

/**
 * The four quadrants around a centre (row, col): split by the horizontal and vertical lines
 * through it (a pixel on a line goes to the lower / right side). Named by image direction,
 * because the eye's laterality (which side is nasal) is not known here; with the disc as
 * centre, upper = superior and lower = inferior.
 *
 * @example quadrantMasks(4, 4, 2, 2).upper_left.data // 1 at rows 0–1, cols 0–1
 */
export function quadrantMasks(width: number, height: number, row: number, col: number): Record<QuadrantName, Mask2D> {
  const make = (): Mask2D => ({ data: new Uint8Array(width * height), width, height });
  const out: Record<QuadrantName, Mask2D> = { upper_left: make(), upper_right: make(), lower_left: make(), lower_right: make() };
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const name: QuadrantName = r < row ? (c < col ? 'upper_left' : 'upper_right') : c < col ? 'lower_left' : 'lower_right';
      out[name].data[r * width + c] = 1;
    }
  }
  return out;
}
