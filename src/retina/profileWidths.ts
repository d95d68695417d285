import { getChannel, type Image2D } from '../core/image.js';
import { profileWidthPx, type ProfileWidthOptions } from './profileWidth.js';
import { levelWidthPx, type LevelWidthOptions } from './levelWidth.js';
import { VesselprintError } from '../core/errors.js';
import { inZone } from './zones.js';
import { median, type ClassVessels, type LabelledVessels } from './labelSegments.js';
import type { OpticDisc } from './types.js';

/** Defaults of {@link levelZoneBWidths}'s options: the narrowest cut within ±20° of the centre line's normal, 5° apart. */
export const DEFAULT_LEVEL_ZONE_B: LevelWidthOptions = { angleTolDeg: 20, angleStepDeg: 5 };

/**
 * Replaces the zone-B width of every segment that crosses the middle circle of zone B (the
 * ones CRAE/CRVE can use) by the median **half-height width** of the image's intensity profile
 * ({@link profileWidthPx}) at the same centre-line samples as the mask width (non-ambiguous, in
 * zone B, away from the junctions): the profile runs along the normal of the smoothed centre
 * line (tangent from the smoothed points 2 before and 2 after), with the mask width as the
 * guess that sets its reach. Samples where the profile has no dip give none; a segment with no
 * sample keeps NaN (and is not used). Other segments are returned unchanged.
 *
 * @param image RGB (the green channel is used, where vessels have the most contrast) or one channel; vessels dark
 * @example craeCrve(profileZoneBWidths(labelSegments(mask, maps, disc), rgb, disc), disc, { spacingUm: 5 })
 */
export function profileZoneBWidths(
  vessels: LabelledVessels,
  image: Image2D,
  disc: OpticDisc,
  options: ProfileWidthOptions = {},
): LabelledVessels {
  const gray = getChannel(image, image.channels >= 3 ? 1 : 0);
  const measure: WidthMeasure = (row, col, nr, nc, guess) => profileWidthPx(gray, row, col, nr, nc, guess, options);
  return remeasureZoneBWidths(vessels, disc, () => measure);
}

/**
 * Replaces the zone-B width of every segment that crosses the middle circle of zone B by the
 * median **level width** of the vessel probability ({@link levelWidthPx}: the distance between the
 * points where p falls below `level` on either side, along the normal of the smoothed centre line;
 * p is taken as 0 on the other class's vessel pixels, so an arteriole lying against a venule ends
 * at their border, as its mask width does, while its free edges see the true p of the background; the narrowest cut within ±20° of that normal, 5° apart, so
 * that a wiggly skeleton's tangent does not widen the cut) at the same centre-line samples as the mask width (non-ambiguous, in zone B, away from the
 * junctions). Samples where p is below the level at the centre give none; a segment with no sample
 * keeps NaN (and is not used). Other segments are returned unchanged.
 *
 * @param prob vessel probability at the masks' size (e.g. `maps.vessel`)
 * @param level the level, in (0, 1): a model's calibrated width level, or ½ for binary label maps
 * @example craeCrve(levelZoneBWidths(labelSegments(mask, maps, disc), maps.vessel, disc, 0.95), disc, { spacingUm: 5 })
 */
export function levelZoneBWidths(
  vessels: LabelledVessels,
  prob: Float32Array,
  disc: OpticDisc,
  level: number,
  options: LevelWidthOptions = {},
): LabelledVessels {
  const { width, height } = vessels.artery.mask;
  if (prob.length !== width * height)
    throw new VesselprintError('SHAPE_MISMATCH', `levelZoneBWidths: probability map has ${prob.length} values, masks ${width}x${height}`, {
      field: 'prob',
    });
  if (!(level > 0 && level < 1))
    throw new VesselprintError('BAD_ARGUMENT', `levelZoneBWidths: level must be in (0, 1), got ${level}`, { field: 'level' });
  const o = { ...DEFAULT_LEVEL_ZONE_B, ...options };
  return remeasureZoneBWidths(vessels, disc, (cv) => {
    // p = 0 on the other class's vessel pixels only: an arteriole running against a venule ends at
    // their border, while at the vessel's free edges the background keeps its true p (zeroing it
    // too would pull the bilinear edge inward whenever the level is near the mask's threshold)
    const other = (cv === vessels.artery ? vessels.vein : vessels.artery).mask.data;
    const own = Float32Array.from(prob);
    for (let i = 0; i < own.length; i++) if (other[i] && !cv.mask.data[i]) own[i] = 0;
    return (row, col, nr, nc) => levelWidthPx(own, width, height, row, col, nr, nc, level, o);
  });
}

/**
 * The shared loop of {@link profileZoneBWidths} and {@link levelZoneBWidths}: `measure(row, col,
 * nr, nc, guessPx)` at each non-ambiguous zone-B width sample of the segments crossing zone B's
 * middle circle (normal from the smoothed centre line, tangent over ±2 points; guess = the mask
 * width); `measureFor` gives the measure of one class (artery, vein).
 */
type WidthMeasure = (row: number, col: number, nr: number, nc: number, guessPx: number) => number;

function remeasureZoneBWidths(vessels: LabelledVessels, disc: OpticDisc, measureFor: (cv: ClassVessels) => WidthMeasure): LabelledVessels {
  const one = (cv: ClassVessels): ClassVessels => {
    const { width } = cv.graph;
    const measure = measureFor(cv);
    const segments = cv.segments.map((s, i) => {
      if (s.ringCrossings === 0) return s;
      const m = cv.measures[i]!,
        path = cv.graph.segments[m.id]!.path;
      const { rows, cols } = m.smooth;
      const last = rows.length - 1;
      const ws: number[] = [];
      for (let j = 0; j < m.widthIndices.length; j++) {
        const k = m.widthIndices[j]!,
          p = path[k]!;
        const guess = m.widthsPx[j]!;
        if (vessels.ambiguous[p] || !Number.isFinite(guess) || guess <= 0) continue;
        if (!inZone(Math.floor(p / width), p % width, disc, 'B')) continue;
        const a = Math.max(0, k - 2),
          b = Math.min(last, k + 2);
        const tr = rows[b]! - rows[a]!,
          tc = cols[b]! - cols[a]!;
        const w = measure(rows[k]!, cols[k]!, -tc, tr, guess);
        if (Number.isFinite(w) && w > 0) ws.push(w);
      }
      return { ...s, zoneBWidthPx: median(ws), zoneBSamples: ws.length };
    });
    return { ...cv, segments };
  };
  return { artery: one(vessels.artery), vein: one(vessels.vein), ambiguous: vessels.ambiguous };
}
