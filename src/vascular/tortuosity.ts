import type { Polyline } from './centerline.js';
import { chordLength, polylineLength, resamplePolyline } from './centerline.js';

/** Options of {@link tortuosity}. */
export interface TortuosityOptions {
  /** Arc-length step (px) at which the smoothed centre line is resampled for the angle-based measures. Default 3. */
  angleStepPx?: number;
  /** Hysteresis (rad) of the inflection detector: the heading must turn back from its last extremum by more than this before a change of curvature sign counts. Default 0.2 (≈ 11.5°). */
  minTurnRad?: number;
}

/** Defaults of {@link TortuosityOptions}. */
export const DEFAULT_TORTUOSITY: Required<TortuosityOptions> = { angleStepPx: 3, minTurnRad: 0.2 };

/** Tortuosity measures of one centre line. Lengths in pixels; multiply by the pixel spacing for µm. */
export interface TortuosityResult {
  /** Arc length L (px) of the (smoothed) centre line. */
  arcLengthPx: number;
  /** Chord C (px): distance between the end points. */
  chordPx: number;
  /** Distance metric L / C (1 = straight); NaN when C = 0 (closed loop). */
  arcChord: number;
  /** Sum-of-angles metric: Σ|turning angle| / L, rad per px (Bullitt et al. 2003). */
  soamRadPerPx: number;
  /** Number of inflection points (changes of the sign of curvature). */
  inflections: number;
  /** Tortuosity density (Grisan et al. 2008), per px: (n−1)/n · (1/L) · Σᵢ (Lᵢ/Cᵢ − 1) over the n sub-curves of constant curvature sign. */
  densityPerPx: number;
}

/**
 * Tortuosity of a centre line (already smoothed; see `smoothPolyline`).
 *
 * - Distance metric (arc-chord ratio) L / C.
 * - Sum-of-angles metric (SOAM): the line is resampled every `angleStepPx`; at each inner
 *   point the turning angle between successive chords is summed in absolute value and
 *   divided by L. E. Bullitt et al., "Measuring tortuosity of the intracerebral vasculature
 *   from MRA images", IEEE TMI 22(9):1163–1171, 2003, doi:10.1109/TMI.2003.816964 (eq. 3,
 *   in 2-D the torsion term vanishes).
 * - Inflection points: extrema of the heading angle θ(s) (where the curvature changes sign),
 *   found with hysteresis `minTurnRad` so that pixel noise does not create inflections (the
 *   hysteresis of Grisan et al. 2008, Sect. II-B).
 * - Tortuosity density: E. Grisan, M. Foracchia & A. Ruggeri, "A novel method for the
 *   automatic grading of retinal vessel tortuosity", IEEE TMI 27(3):310–319, 2008,
 *   doi:10.1109/TMI.2007.904657: τ = (n−1)/n · 1/L · Σᵢ₌₁ⁿ (Lᵢ/Cᵢ − 1), the curve split at
 *   its inflection points into n turns. A straight line and a single arc give 0.
 *
 * @example
 * // a straight line: arcChord 1, soam 0, inflections 0, density 0
 */
export function tortuosity(line: Polyline, options: TortuosityOptions = {}): TortuosityResult {
  const step = options.angleStepPx ?? DEFAULT_TORTUOSITY.angleStepPx;
  const minTurn = options.minTurnRad ?? DEFAULT_TORTUOSITY.minTurnRad;
  const L = polylineLength(line);
  const C = chordLength(line);
  const rs = resamplePolyline(line, step);
  const m = rs.rows.length;
  // signed turning angle at inner points 1..m-2
  const turn = new Float64Array(Math.max(0, m - 2));
  let sumAbs = 0;
  for (let k = 1; k < m - 1; k++) {
    const ar = rs.rows[k]! - rs.rows[k - 1]!,
      ac = rs.cols[k]! - rs.cols[k - 1]!;
    const br = rs.rows[k + 1]! - rs.rows[k]!,
      bc = rs.cols[k + 1]! - rs.cols[k]!;
    const t = Math.atan2(ar * bc - ac * br, ar * br + ac * bc);
    turn[k - 1] = t;
    sumAbs += Math.abs(t);
  }
  // inflection points: turning points of the heading θ(s) (zig-zag with hysteresis: a new
  // extremum counts only once the heading has come back from it by more than minTurnRad)
  const splits: number[] = [];
  let heading = 0,
    dir = 0,
    ext = 0,
    extIdx = 0;
  for (let k = 0; k < turn.length; k++) {
    heading += turn[k]!;
    const pt = k + 1; // resampled point index after this turn
    if (dir === 0) {
      if (heading - ext > minTurn) dir = 1;
      else if (ext - heading > minTurn) dir = -1;
      if (dir !== 0) {
        ext = heading;
        extIdx = pt;
      }
    } else if (dir === 1) {
      if (heading > ext) {
        ext = heading;
        extIdx = pt;
      } else if (ext - heading > minTurn) {
        splits.push(extIdx);
        dir = -1;
        ext = heading;
        extIdx = pt;
      }
    } else if (heading < ext) {
      ext = heading;
      extIdx = pt;
    } else if (heading - ext > minTurn) {
      splits.push(extIdx);
      dir = 1;
      ext = heading;
      extIdx = pt;
    }
  }
  const n = splits.length + 1;
  let density = 0;
  if (n > 1 && L > 0) {
    const bounds = [0, ...splits, m - 1];
    let sum = 0;
    for (let i = 0; i + 1 < bounds.length; i++) {
      const a = bounds[i]!,
        b = bounds[i + 1]!;
      let li = 0;
      for (let k = a + 1; k <= b; k++) li += Math.hypot(rs.rows[k]! - rs.rows[k - 1]!, rs.cols[k]! - rs.cols[k - 1]!);
      const ci = Math.hypot(rs.rows[b]! - rs.rows[a]!, rs.cols[b]! - rs.cols[a]!);
      if (ci > 0) sum += li / ci - 1;
    }
    density = ((n - 1) / n) * (sum / L);
  }
  return {
    arcLengthPx: L,
    chordPx: C,
    arcChord: C > 0 ? L / C : NaN,
    soamRadPerPx: L > 0 ? sumAbs / L : NaN,
    inflections: splits.length,
    densityPerPx: density,
  };
}
