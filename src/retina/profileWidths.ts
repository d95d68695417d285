import { getChannel, type Image2D } from '../core/image.js';
import { profileWidthPx, type ProfileWidthOptions } from './profileWidth.js';
import { inZone } from './zones.js';
import { median, type ClassVessels, type LabelledVessels } from './labelSegments.js';
import type { OpticDisc } from './types.js';

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
  const one = (cv: ClassVessels): ClassVessels => {
    const { width } = cv.graph;
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
        const w = profileWidthPx(gray, rows[k]!, cols[k]!, -tc, tr, guess, options);
        if (Number.isFinite(w) && w > 0) ws.push(w);
      }
      return { ...s, zoneBWidthPx: median(ws), zoneBSamples: ws.length };
    });
    return { ...cv, segments };
  };
  return { artery: one(vessels.artery), vein: one(vessels.vein), ambiguous: vessels.ambiguous };
}
