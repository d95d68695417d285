import { knudtson } from '../vascular/knudtson.js';
import type { LabelledSegment, OpticDisc, ZoneBVessel } from './types.js';

/** Options of {@link craeCrve}. */
export interface CraeCrveOptions {
  /** µm per pixel (widths in the result are multiplied by it). Default 1 (results in px). */
  spacingUm?: number;
  /** Number of widest vessels of each kind combined (Knudtson 2003: 6). Default 6. */
  count?: number;
  /** A segment needs at least this many width samples inside zone B to count as a vessel there. Default 5. */
  minZoneBSamples?: number;
}

/** Defaults of {@link CraeCrveOptions}. */
export const DEFAULT_CRAE_CRVE: Required<CraeCrveOptions> = { spacingUm: 1, count: 6, minZoneBSamples: 5 };

/** Output of {@link craeCrve}. */
export interface CraeCrveResult {
  /** CRAE / CRVE in µm (px × spacing); null when no vessel of that kind crosses zone B. */
  craeUm: number | null;
  crveUm: number | null;
  /** CRAE / CRVE (dimensionless, independent of the spacing); null when either is missing. */
  avr: number | null;
  /** Distinct arterioles / venules measured in zone B (before taking the six widest). */
  nArterioles: number;
  nVenules: number;
  /** Zone-B segments excluded: at crossings, and of unsure label. */
  nCrossingExcluded: number;
  nUnsureExcluded: number;
  /** Every vessel measured in zone B, widest first within each kind. */
  vessels: ZoneBVessel[];
}

/**
 * CRAE, CRVE and AVR from labelled vessel segments (Knudtson et al. 2003 revised formulas,
 * via `vascular/knudtson`): the `count` (6) widest arterioles and venules crossing zone B are
 * combined by iterative pairing of the widest with the narrowest,
 *   arterioles ŵ = 0.88·√(w₁² + w₂²), venules ŵ = 0.95·√(w₁² + w₂²),
 * the middle vessel of an odd number carried to the next round; with fewer than six vessels
 * all available ones are combined the same way (as the paper does for fewer than six).
 *
 * A vessel is a segment labelled artery or vein with ≥ `minZoneBSamples` width samples inside
 * zone B; its width is the median of those samples (see `labelSegments`). One vessel can be cut
 * into several segments inside zone B (a junction or crossing there): segments of the same kind
 * whose zone-B positions lie closer (along the ring at 2.5 R) than the wider of their widths
 * are one vessel, measured by the segment with more samples. Crossing pieces and unsure
 * segments in zone B are excluded and counted.
 *
 * Reference: M. D. Knudtson et al., "Revised formulas for summarizing retinal vessel
 * diameters", Curr. Eye Res. 27(3):143–149, 2003, doi:10.1076/ceyr.27.3.143.16049.
 *
 * @example craeCrve(segments, disc, { spacingUm: 5 }) // { craeUm: 150.2, crveUm: 221.7, avr: 0.68, ... }
 */
export function craeCrve(segments: readonly LabelledSegment[], disc: OpticDisc, options: CraeCrveOptions = {}): CraeCrveResult {
  const o = { ...DEFAULT_CRAE_CRVE, ...options };
  let nCrossing = 0, nUnsure = 0;
  const byKind: Record<'artery' | 'vein', LabelledSegment[]> = { artery: [], vein: [] };
  for (const s of segments) {
    if (s.zoneBSamples < o.minZoneBSamples) continue;
    if (s.label === 'crossing') nCrossing++;
    else if (s.label === 'unsure') nUnsure++;
    else byKind[s.label].push(s);
  }
  const ringPx = 2.5 * disc.radiusPx;
  const vessels: ZoneBVessel[] = [];
  const result = { artery: null as number | null, vein: null as number | null };
  for (const kind of ['artery', 'vein'] as const) {
    const cand = [...byKind[kind]].sort((a, b) => b.zoneBSamples - a.zoneBSamples);
    const kept: LabelledSegment[] = [];
    for (const s of cand) {
      const dup = kept.some((k) => angleGap(k.zoneBAngleRad, s.zoneBAngleRad) * ringPx < Math.max(k.zoneBWidthPx, s.zoneBWidthPx));
      if (!dup) kept.push(s);
    }
    kept.sort((a, b) => b.zoneBWidthPx - a.zoneBWidthPx);
    kept.forEach((s, i) => vessels.push({ segmentId: s.id, kind, widthPx: s.zoneBWidthPx, widthUm: s.zoneBWidthPx * o.spacingUm, angleRad: s.zoneBAngleRad, used: i < o.count }));
    if (kept.length) result[kind] = knudtson(kept.map((s) => s.zoneBWidthPx), kind, o.count) * o.spacingUm;
  }
  const nArterioles = vessels.filter((v) => v.kind === 'artery').length;
  return {
    craeUm: result.artery,
    crveUm: result.vein,
    avr: result.artery !== null && result.vein !== null ? result.artery / result.vein : null,
    nArterioles,
    nVenules: vessels.length - nArterioles,
    nCrossingExcluded: nCrossing,
    nUnsureExcluded: nUnsure,
    vessels,
  };
}

/** Absolute difference of two angles (radians), in [0, π]. */
function angleGap(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
}
