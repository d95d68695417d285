/** Shared types of retina/: optic disc, zones, labelled vessel segments, CRAE/CRVE. Lengths in pixels unless the name says µm. */
import type { OpticDisc } from '../vascular/regions.js';

export type { OpticDisc };

/** Artery/vein label of a vessel segment. `unsure`: too few of its centre-line pixels confirm its class (it runs through crossings, overlaps or undecided pixels). */
export type SegmentLabel = 'artery' | 'vein' | 'unsure';

/** One skeleton segment with its artery/vein vote and width. */
export interface LabelledSegment {
  /** Segment id in the vessel graph of its class (`kind`). */
  id: number;
  /** Which class's skeleton the segment belongs to. */
  kind: 'artery' | 'vein';
  label: SegmentLabel;
  /** Fraction of the centre-line pixels confirming the class (not ambiguous, class probability the larger), 0–1. */
  agreement: number;
  /** Number of centre-line pixels. */
  votes: number;
  /** Median perpendicular width over the segment's centre-line samples inside zone B (px); NaN when it has none. */
  zoneBWidthPx: number;
  /** Number of width samples inside zone B. */
  zoneBSamples: number;
  /** Median perpendicular width over the whole segment (px). */
  widthPx: number;
  /** Angle (radians, atan2(row, col) about the disc centre) where the centre line first crosses the middle circle of zone B; NaN when it does not. */
  zoneBAngleRad: number;
  /** Number of times the centre line crosses the middle circle of zone B (2.5 disc radii). */
  ringCrossings: number;
  /** Fraction of the segment's pixels in zone C. */
  zoneCFraction: number;
  /** Smoothed arc length / chord length of the segment. */
  arcChord: number;
  /** Smoothed length (px). */
  lengthPx: number;
}

/** One vessel measured in zone B and whether it entered CRAE/CRVE. */
export interface ZoneBVessel {
  /** Segment id in the graph of its kind. */
  segmentId: number;
  kind: 'artery' | 'vein';
  widthPx: number;
  widthUm: number;
  angleRad: number;
  /** True for the (up to) six widest of its kind, the ones combined by the Knudtson formula. */
  used: boolean;
}
