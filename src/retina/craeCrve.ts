import { knudtson } from '../vascular/knudtson.js';
import { labelComponents } from '../preprocess/components.js';
import { inZone } from './zones.js';
import type { LabelledVessels } from './labelSegments.js';
import type { LabelledSegment, OpticDisc, ZoneBVessel } from './types.js';

/** Options of {@link craeCrve}. */
export interface CraeCrveOptions {
  /** µm per pixel (widths in the result are multiplied by it). Default 1 (results in px). */
  spacingUm?: number;
  /** Number of widest vessels of each kind combined (Knudtson 2003: 6). Default 6. */
  count?: number;
  /** A segment needs at least this many width samples inside zone B to count as a vessel there. Default 5. */
  minZoneBSamples?: number;
  /** Unsure segments shorter than this (smoothed length, px) are skeleton fragments, not vessels: not counted in `nUnsureExcluded`. Default 0 (all counted); `analyzeRetina` passes R/2. */
  minUnsureLengthPx?: number;
}

/** Defaults of {@link CraeCrveOptions}. */
export const DEFAULT_CRAE_CRVE: Required<CraeCrveOptions> = { spacingUm: 1, count: 6, minZoneBSamples: 5, minUnsureLengthPx: 0 };

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
  /** Connected groups of ambiguous pixels (crossings, overlaps, uncertain labels) touching zone B; they never give a width sample. */
  nCrossingExcluded: number;
  /** Segments crossing the middle of zone B left out because their label vote was unsure (or they lie mostly on ambiguous pixels). */
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
 * Vessels are counted where they cross the middle circle of zone B (2.5 disc radii): every
 * segment of a class's own skeleton (see `labelSegments`) whose centre line crosses that
 * circle, with ≥ `minZoneBSamples` width samples in zone B, is one vessel, of width the
 * median of those samples. Counting at one circle counts a vessel once even when junctions
 * or crossings elsewhere in zone B cut it into several skeleton segments; a vessel that
 * branches before the circle counts as its branches. A crossing segment with too few samples
 * (a short piece between two junctions, all of it near one) hands over to the branches that
 * leave its outer junction (those with enough samples, not crossing the circle themselves), or,
 * when they have too few in zone B, to the trunk that reaches its inner junction from the disc, so
 * that a vessel dividing twice around the circle is not lost: without it, moving the circle by
 * 1.2 px dropped the 26 and 20 px branches of a venule from HRF 08_h's manual labels (CRVE −16 %).
 * Excluded and counted: ambiguous pixels
 * (crossings, overlaps, uncertain labels) never give a width sample, and their connected
 * groups touching zone B are counted as crossings; segments of unsure label crossing the
 * circle are counted as unsure.
 *
 * Reference: M. D. Knudtson et al., "Revised formulas for summarizing retinal vessel
 * diameters", Curr. Eye Res. 27(3):143–149, 2003, doi:10.1076/ceyr.27.3.143.16049.
 *
 * @example craeCrve(labelSegments(mask, maps, disc), disc, { spacingUm: 5 }) // { craeUm: 150.2, crveUm: 221.7, avr: 0.68, ... }
 */
export function craeCrve(vessels: LabelledVessels, disc: OpticDisc, options: CraeCrveOptions = {}): CraeCrveResult {
  const o = { ...DEFAULT_CRAE_CRVE, ...options };
  const out: ZoneBVessel[] = [];
  const result = { artery: null as number | null, vein: null as number | null };
  let nUnsure = 0;
  for (const kind of ['artery', 'vein'] as const) {
    const cv = vessels[kind];
    const measurable = (s: LabelledSegment): boolean => s.zoneBSamples >= o.minZoneBSamples && Number.isFinite(s.zoneBWidthPx);
    const kept: LabelledSegment[] = [];
    const tooShort: LabelledSegment[] = [];
    for (const s of cv.segments) {
      if (s.ringCrossings === 0) continue;
      if (s.label !== kind) {
        if (s.agreement > 0 && s.lengthPx >= o.minUnsureLengthPx) nUnsure++;
      } // agreement 0: only ambiguous pixels, in both class masks — counted once, as a crossing
      else if (measurable(s)) kept.push(s);
      else tooShort.push(s);
    }
    // A vessel that divides twice around the circle crosses it on a short piece between two
    // junctions, with no width sample away from them: it is measured on its branches beyond the
    // outer junction (as a vessel that branches before the circle is), or on its trunk when they
    // have too few samples in zone B — not dropped.
    if (tooShort.length > 0) {
      const byId = new Map(cv.segments.map((s) => [s.id, s]));
      const atNode = new Map<number, number[]>();
      for (const g of cv.graph.segments)
        for (const n of [g.nodeA, g.nodeB]) if (n >= 0) (atNode.get(n) ?? atNode.set(n, []).get(n)!).push(g.id);
      const used = new Set(kept.map((s) => s.id));
      const far = (n: number): number => {
        const node = cv.graph.nodes[n];
        return node === undefined ? -1 : Math.hypot(node.row - disc.row, node.col - disc.col);
      };
      // segments at junction `node` other than `s`, measurable, not crossing the circle themselves,
      // leading away from the disc (outward) or towards it
      const neighbours = (s: LabelledSegment, node: number, outward: boolean): LabelledSegment[] => {
        if (node < 0 || cv.graph.nodes[node]?.kind !== 'junction') return [];
        const out: LabelledSegment[] = [];
        for (const id of atNode.get(node) ?? []) {
          const b = byId.get(id),
            g = cv.graph.segments[id];
          if (
            b === undefined ||
            g === undefined ||
            id === s.id ||
            used.has(id) ||
            b.ringCrossings > 0 ||
            b.label !== kind ||
            !measurable(b)
          )
            continue;
          const other = g.nodeA === node ? g.nodeB : g.nodeA;
          if (other >= 0 && far(other) > far(node) === outward) out.push(b);
        }
        return out;
      };
      for (const s of tooShort) {
        const g = cv.graph.segments[s.id];
        if (g === undefined) continue;
        const [inner, outer] = far(g.nodeA) >= far(g.nodeB) ? [g.nodeB, g.nodeA] : [g.nodeA, g.nodeB];
        const branches = neighbours(s, outer, true);
        // without measurable branches in zone B (they start near its outer border): the trunk it continues
        for (const b of branches.length > 0 ? branches : neighbours(s, inner, false)) {
          used.add(b.id);
          kept.push(b);
        }
      }
    }
    kept.sort((a, b) => b.zoneBWidthPx - a.zoneBWidthPx);
    kept.forEach((s, i) =>
      out.push({
        segmentId: s.id,
        kind,
        widthPx: s.zoneBWidthPx,
        widthUm: s.zoneBWidthPx * o.spacingUm,
        angleRad: s.zoneBAngleRad,
        used: i < o.count,
      }),
    );
    if (kept.length)
      result[kind] =
        knudtson(
          kept.map((s) => s.zoneBWidthPx),
          kind,
          o.count,
        ) * o.spacingUm;
  }
  const nArterioles = out.filter((v) => v.kind === 'artery').length;
  return {
    craeUm: result.artery,
    crveUm: result.vein,
    avr: result.artery !== null && result.vein !== null ? result.artery / result.vein : null,
    nArterioles,
    nVenules: out.length - nArterioles,
    nCrossingExcluded: countCrossings(vessels.ambiguous, vessels.artery.mask.width, vessels.artery.mask.height, disc),
    nUnsureExcluded: nUnsure,
    vessels: out,
  };
}

/** Connected groups of ambiguous vessel pixels (crossings, uncertain labels) touching zone B. */
function countCrossings(ambiguous: Uint8Array, width: number, height: number, disc: OpticDisc): number {
  const { labels, count } = labelComponents({ data: ambiguous, width, height }, 8);
  const hit = new Uint8Array(count + 1);
  for (let i = 0; i < labels.length; i++) if (labels[i]! > 0 && inZone(Math.floor(i / width), i % width, disc, 'B')) hit[labels[i]!] = 1;
  let n = 0;
  for (let k = 1; k <= count; k++) n += hit[k]!;
  return n;
}
