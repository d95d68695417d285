/**
 * Sub-pixel vessel width from a vessel-probability map: the distance between the two points where
 * the profile normal to the centre line falls below a level, scanned outward from the centre.
 */

/** Bilinear sample at (r, c) of a row-major one-channel map (edge-clamped); shared with `profileWidthPx`. */
export function sampleBilinear(data: Float32Array, width: number, height: number, r: number, c: number): number {
  const rr = Math.min(Math.max(r, 0), height - 1),
    cc = Math.min(Math.max(c, 0), width - 1);
  const r0 = Math.min(Math.floor(rr), Math.max(0, height - 2)),
    c0 = Math.min(Math.floor(cc), Math.max(0, width - 2));
  const r1 = Math.min(r0 + 1, height - 1),
    c1 = Math.min(c0 + 1, width - 1);
  const fr = rr - r0,
    fc = cc - c0;
  const top = data[r0 * width + c0]! * (1 - fc) + data[r0 * width + c1]! * fc;
  const bottom = data[r1 * width + c0]! * (1 - fc) + data[r1 * width + c1]! * fc;
  return top * (1 - fr) + bottom * fr;
}

/** Options of {@link levelWidthPx}. */
export interface LevelWidthOptions {
  /** Sampling step along the normal (px). Default 0.25. */
  stepPx?: number;
  /** Longest half-width searched on each side (px). Default 40. */
  maxHalfPx?: number;
  /**
   * The profile is also taken at normals turned by ±`angleStepDeg`, ±2·`angleStepDeg`, … up to
   * ±`angleTolDeg`, and the narrowest crossing is the width (a cut across a straight strip is
   * narrowest along its normal, so an error in the centre line's direction does not widen it).
   * Default 0 (the given normal only).
   */
  angleTolDeg?: number;
  /** Angle step of the search (degrees). Default 5. */
  angleStepDeg?: number;
}

/** Defaults of {@link LevelWidthOptions}. */
export const DEFAULT_LEVEL_WIDTH: Required<LevelWidthOptions> = { stepPx: 0.25, maxHalfPx: 40, angleTolDeg: 0, angleStepDeg: 5 };

/**
 * Width (px) of a vessel in a probability map p at a level L: from the centre-line point (row, col)
 * the map is sampled bilinearly every `stepPx` along the unit normal (nr, nc), on each side until
 * it first falls below L; each edge is located by linear interpolation between the last sample
 * ≥ L and the first one below; the width is the distance between the two edges.
 *
 * This is the sub-pixel form of the border-to-border width of the mask p ≥ L: for a binary map
 * (manual labels) at L = ½ it is that width exactly for axis-parallel vessels (a run of n pixels:
 * the bilinear profile crosses ½ half a pixel beyond each end pixel's centre, so n). It measures a
 * network's vessel probability at a level chosen for calibre (the probability at vessel borders
 * depends on the loss; the level that makes the widths agree with manual ones is calibrated on
 * training images, see docs/retina.md) without the 1-px quantisation of a thresholded mask.
 * Same profile geometry as the half-height intensity width (`profileWidthPx`; normals to the
 * centre line: Bankhead et al., PLoS ONE 7(3):e32435, 2012, doi:10.1371/journal.pone.0032435).
 *
 * @param prob vessel probability, row-major, `width` × `height`
 * With `angleTolDeg` > 0 the smallest width over the turned normals is returned (NaN ones ignored).
 *
 * @returns width in px; NaN when p < L at the centre point, the normal is degenerate, or an edge is
 *   not found within `maxHalfPx` (at every angle searched)
 * @example levelWidthPx(prob, w, h, 120, 340, 0, 1, 0.9) // ≈ 11.2
 */
export function levelWidthPx(
  prob: Float32Array,
  width: number,
  height: number,
  row: number,
  col: number,
  nr: number,
  nc: number,
  level: number,
  options: LevelWidthOptions = {},
): number {
  const o = { ...DEFAULT_LEVEL_WIDTH, ...options };
  const len = Math.hypot(nr, nc);
  if (!(len > 0)) return NaN;
  if (!(o.angleTolDeg > 0)) return crossingWidth(prob, width, height, row, col, nr / len, nc / len, level, o);
  const k = Math.floor(o.angleTolDeg / o.angleStepDeg + 1e-9);
  let best = NaN;
  for (let j = -k; j <= k; j++) {
    const a = (j * o.angleStepDeg * Math.PI) / 180,
      cs = Math.cos(a),
      sn = Math.sin(a);
    const w = crossingWidth(prob, width, height, row, col, (nr * cs - nc * sn) / len, (nr * sn + nc * cs) / len, level, o);
    if (Number.isFinite(w) && !(w >= best)) best = w;
  }
  return best;
}

/** The crossing width along one unit normal (ur, uc). */
function crossingWidth(
  prob: Float32Array,
  width: number,
  height: number,
  row: number,
  col: number,
  ur: number,
  uc: number,
  level: number,
  o: Required<LevelWidthOptions>,
): number {
  let prev = sampleBilinear(prob, width, height, row, col);
  if (!(prev >= level)) return NaN;
  const centre = prev;
  let total = 0;
  for (const sign of [-1, 1]) {
    prev = centre;
    let edge = NaN;
    for (let t = o.stepPx; t <= o.maxHalfPx + 1e-9; t += o.stepPx) {
      const p = sampleBilinear(prob, width, height, row + sign * t * ur, col + sign * t * uc);
      if (p < level) {
        edge = t - o.stepPx + (o.stepPx * (prev - level)) / (prev - p);
        break;
      }
      prev = p;
    }
    if (!Number.isFinite(edge)) return NaN;
    total += edge;
  }
  return total;
}
