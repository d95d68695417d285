import type { Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import type { ArteryVeinMaps } from '../segment/arteryVeinMaps.js';
import { skeletonize } from '../vascular/skeletonize.js';
import { distanceTransform } from '../vascular/distanceTransform.js';
import { pruneSpursWithGraph } from '../vascular/pruneSpurs.js';
import { measureSegments, type SegmentMeasure } from '../vascular/segmentMeasures.js';
import type { VesselGraph } from '../vascular/types.js';
import { quantileSorted } from '../core/quantile.js';
import { inZone } from './zones.js';
import type { LabelledSegment, OpticDisc } from './types.js';

/** Options of {@link labelSegments}. */
export interface LabelSegmentsOptions {
  /** Smallest fraction of centre-line pixels confirming the segment's class; below it the segment is `unsure`. Default 0.25 (widths come only from confirmed pixels, so a vessel partly hidden under another can still be measured). */
  minAgreement?: number;
  /** A vessel pixel is ambiguous (crossing or uncertain) when |p_artery − p_vein| < this margin × (p_artery + p_vein). Default 0.2. */
  ambiguousMargin?: number;
  /** Spur pruning: terminal segments shorter than this (px) are removed. Default 10. */
  minSpurPx?: number;
}

/** Defaults of {@link LabelSegmentsOptions}. */
export const DEFAULT_LABEL_SEGMENTS: Required<LabelSegmentsOptions> = {
  minAgreement: 0.25,
  ambiguousMargin: 0.2,
  minSpurPx: 10,
};

/** The skeleton, graph and measures of one class. */
export interface ClassVessels {
  mask: Mask2D;
  graph: VesselGraph;
  measures: SegmentMeasure[];
  /** Exact distance transform of the class mask (px). */
  dist: Float64Array;
  segments: LabelledSegment[];
}

/** Output of {@link labelSegments}. */
export interface LabelledVessels {
  artery: ClassVessels;
  vein: ClassVessels;
  /** Vessel pixels that are ambiguous (crossings, uncertain labels): 1 = ambiguous. */
  ambiguous: Uint8Array;
}

/**
 * Splits the arteries and the veins into skeleton segments between junctions, each class on
 * its own mask, and checks each segment's label by a vote of the maps over its centre line.
 *
 * Class masks: a vessel pixel (of `mask`) belongs to the artery mask when p_artery ≥ p_vein
 * and to the vein mask when p_vein ≥ p_artery; ambiguous pixels (|p_a − p_v| < margin ·
 * (p_a + p_v): where an artery and a vein cross or overlap, or the classifier is unsure)
 * belong to both, so that each vessel stays continuous through a crossing and an artery
 * running against a vein is measured on its own. Each class mask is thinned (Guo–Hall),
 * spurs shorter than max(`minSpurPx`, the parent's diameter) are pruned, and the vessel graph
 * and segment measures of `vascular/` are taken.
 *
 * Segment-level relabelling (`classifyAvSegments` + `avMapsFromSegments`) is a step before this one,
 * on the maps (`analyzeRetina`'s `avSegmentClassifier`).
 *
 * Vote: a centre-line pixel confirms the segment's class when it is not ambiguous and that
 * class has the larger probability there; a segment needs ≥ `minAgreement` of its centre-line
 * pixels confirming, else it is `unsure` (it runs mostly through crossings, overlaps or pixels
 * the classifier could not decide).
 *
 * Width: the median, over the segment's non-ambiguous centre-line samples (those farther
 * than the junction radius + 1 px from its ends), of the perpendicular distance-transform
 * width of `vascular/localWidthPx` on the class mask — the pixel-border-to-border width normal
 * to the smoothed centre line. `zoneBWidthPx` is the same median over the samples in zone B.
 *
 * @throws VesselprintError SHAPE_MISMATCH when maps and mask differ in size
 */
export function labelSegments(mask: Mask2D, maps: ArteryVeinMaps, disc: OpticDisc, options: LabelSegmentsOptions = {}): LabelledVessels {
  const o = { ...DEFAULT_LABEL_SEGMENTS, ...options };
  const { width, height } = mask;
  if (maps.width !== width || maps.height !== height) {
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `labelSegments: A/V maps are ${maps.width}x${maps.height}, vessel mask is ${width}x${height}`,
      { field: 'maps' },
    );
  }
  const n = width * height;
  const ambiguous = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!mask.data[i]) continue;
    const pa = maps.artery[i]!,
      pv = maps.vein[i]!;
    ambiguous[i] = Math.abs(pa - pv) < o.ambiguousMargin * (pa + pv) || pa + pv === 0 ? 1 : 0;
  }
  const one = (kind: 'artery' | 'vein'): ClassVessels => {
    const [mine, other] = kind === 'artery' ? [maps.artery, maps.vein] : [maps.vein, maps.artery];
    const cm: Mask2D = { data: new Uint8Array(n), width, height };
    for (let i = 0; i < n; i++) cm.data[i] = mask.data[i] && (ambiguous[i] || mine[i]! > other[i]!) ? 1 : 0;
    const dist = distanceTransform(cm);
    const { graph } = pruneSpursWithGraph(skeletonize(cm), { distance: dist, minLengthPx: o.minSpurPx });
    const measures = measureSegments(graph, dist);
    const segments = measures.map((m) => describe(m, graph, kind, mine, other, ambiguous, disc, o.minAgreement));
    return { mask: cm, graph, measures, dist, segments };
  };
  return { artery: one('artery'), vein: one('vein'), ambiguous };
}

function describe(
  m: SegmentMeasure,
  graph: VesselGraph,
  kind: 'artery' | 'vein',
  mine: Float32Array,
  other: Float32Array,
  ambiguous: Uint8Array,
  disc: OpticDisc,
  minAgreement: number,
): LabelledSegment {
  const { width } = graph;
  const seg = graph.segments[m.id]!;
  let yes = 0,
    inC = 0;
  for (let k = 0; k < seg.path.length; k++) {
    const p = seg.path[k]!;
    if (!ambiguous[p] && mine[p]! > other[p]!) yes++;
    if (inZone(Math.floor(p / width), p % width, disc, 'C')) inC++;
  }
  const votes = seg.path.length;
  const agreement = votes > 0 ? yes / votes : 0;
  const all: number[] = [],
    zb: number[] = [];
  for (let j = 0; j < m.widthIndices.length; j++) {
    const p = seg.path[m.widthIndices[j]!]!;
    const w = m.widthsPx[j]!;
    if (ambiguous[p] || !Number.isFinite(w) || w <= 0) continue;
    all.push(w);
    const r = Math.floor(p / width),
      c = p % width;
    if (!inZone(r, c, disc, 'B')) continue;
    zb.push(w);
  }
  // crossings of the middle circle of zone B (2.5 R), along the centre line extended to the centroids of
  // its end nodes: a junction whose pixel cluster straddles the circle gives the crossing to the
  // segments on the side away from its centroid (the trunk when the centroid lies outside, else the
  // branches), so a vessel that divides on the circle is neither lost nor counted twice
  const ring = 2.5 * disc.radiusPx;
  const pts: [number, number][] = [];
  const node = (id: number): void => {
    const n = id >= 0 ? graph.nodes[id] : undefined;
    if (n !== undefined) pts.push([n.row, n.col]);
  };
  node(seg.nodeA);
  for (let k = 0; k < seg.path.length; k++) pts.push([Math.floor(seg.path[k]! / width), seg.path[k]! % width]);
  node(seg.nodeB);
  let crossings = 0,
    angle = NaN;
  for (let k = 1; k < pts.length; k++) {
    const [r0, c0] = pts[k - 1]!,
      [r1, c1] = pts[k]!;
    const inside0 = Math.hypot(r0 - disc.row, c0 - disc.col) < ring;
    if (inside0 !== Math.hypot(r1 - disc.row, c1 - disc.col) < ring) {
      if (crossings === 0) angle = Math.atan2(r1 - disc.row, c1 - disc.col);
      crossings++;
    }
  }
  const label: LabelledSegment['label'] = agreement < minAgreement ? 'unsure' : kind;
  return {
    id: m.id,
    kind,
    label,
    agreement,
    votes,
    zoneBWidthPx: median(zb),
    zoneBSamples: zb.length,
    widthPx: median(all),
    zoneBAngleRad: angle,
    ringCrossings: crossings,
    zoneCFraction: seg.path.length ? inC / seg.path.length : 0,
    arcChord: m.tortuosity.arcChord,
    lengthPx: m.lengthPx,
  };
}

/** Median of a list (NaN when empty): the type-7 quantile at 0.5 of learn/metrics. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  return quantileSorted(
    [...xs].sort((p, q) => p - q),
    0.5,
  );
}
