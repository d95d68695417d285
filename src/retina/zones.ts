import type { Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import type { OpticDisc } from './types.js';

/** Name of a measurement zone around the optic disc. */
export type ZoneName = 'A' | 'B' | 'C';

/**
 * Inner and outer radius of each zone in disc radii R from the disc centre (1 DD = 2R):
 * zone A 1–2R (0–0.5 DD from the margin), zone B 2–3R (0.5–1 DD from the margin),
 * zone C 2–5R (0.5–2 DD from the margin).
 *
 * References: zone B — L. D. Hubbard et al., "Methods for evaluation of retinal microvascular
 * abnormalities associated with hypertension/sclerosis in the Atherosclerosis Risk in
 * Communities Study", Ophthalmology 106(12):2269–2280, 1999, doi:10.1016/S0161-6420(99)90525-0;
 * zone C (extended zone for tortuosity and fractal dimension) — SIVA convention, e.g.
 * C. Y. Cheung et al., "Retinal vascular tortuosity, blood pressure, and cardiovascular risk
 * factors", Ophthalmology 118(5):812–818, 2011, doi:10.1016/j.ophtha.2010.08.045.
 */
export const ZONE_RADII: Readonly<Record<ZoneName, readonly [number, number]>> = { A: [1, 2], B: [2, 3], C: [2, 5] };

/** True when (row, col) lies in `zone` of `disc`: inner·R ≤ distance < outer·R. */
export function inZone(row: number, col: number, disc: OpticDisc, zone: ZoneName): boolean {
  const [a, b] = ZONE_RADII[zone];
  const d = Math.hypot(row - disc.row, col - disc.col);
  return d >= a * disc.radiusPx && d < b * disc.radiusPx;
}

/**
 * Mask of a zone around the optic disc (see {@link ZONE_RADII}): 1 where the pixel centre lies
 * between the zone's inner and outer radius. Zone B equals `vascular/zoneBMask`.
 *
 * @throws VesselprintError BAD_ARGUMENT for a non-positive disc radius
 * @example zoneMask(100, 100, { row: 50, col: 50, radiusPx: 5 }, 'C') // ring 10–25 px around (50, 50)
 */
export function zoneMask(width: number, height: number, disc: OpticDisc, zone: ZoneName): Mask2D {
  if (!(disc.radiusPx > 0))
    throw new VesselprintError('BAD_ARGUMENT', `zoneMask: disc radius must be > 0 px, got ${disc.radiusPx}`, { field: 'disc.radiusPx' });
  const data = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) data[r * width + c] = inZone(r, c, disc, zone) ? 1 : 0;
  return { data, width, height };
}

/**
 * Fraction of a zone around the disc that the photograph shows: pixel centres of the zone (see
 * {@link ZONE_RADII}) that lie inside the frame and the field of view, over all pixel centres of the
 * zone on the unbounded pixel grid (the frame's outside counts as not shown). 1 when the zone lies
 * wholly in the field; ≈ 0.5 when the disc centre sits on a straight edge of the field. A zone B cut
 * by the field's edge loses vessels from CRAE/CRVE, so this is one of a grader's checks (docs/retina.md).
 *
 * @throws VesselprintError BAD_ARGUMENT for a non-positive disc radius
 * @example zoneVisibleFraction(fullFov, { row: 500, col: 500, radiusPx: 50 }, 'B') // 1
 */
export function zoneVisibleFraction(fov: Mask2D, disc: OpticDisc, zone: ZoneName): number {
  if (!(disc.radiusPx > 0))
    throw new VesselprintError('BAD_ARGUMENT', `zoneVisibleFraction: disc radius must be > 0 px, got ${disc.radiusPx}`, {
      field: 'disc.radiusPx',
    });
  const reach = Math.ceil(ZONE_RADII[zone][1] * disc.radiusPx);
  const r0 = Math.floor(disc.row) - reach,
    r1 = Math.ceil(disc.row) + reach;
  const c0 = Math.floor(disc.col) - reach,
    c1 = Math.ceil(disc.col) + reach;
  let all = 0,
    shown = 0;
  for (let r = r0; r <= r1; r++) {
    const inRow = r >= 0 && r < fov.height;
    for (let c = c0; c <= c1; c++) {
      if (!inZone(r, c, disc, zone)) continue;
      all++;
      if (inRow && c >= 0 && c < fov.width && fov.data[r * fov.width + c] !== 0) shown++;
    }
  }
  return all > 0 ? shown / all : 0;
}
