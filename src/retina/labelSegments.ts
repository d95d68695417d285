import type { Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import type { ArteryVeinMaps } from '../segment/arteryVeinMaps.js';
import { skeletonize } from '../vascular/skeletonize.js';
import { distanceTransform } from '../vascular/distanceTransform.js';
import { pruneSpursWithGraph } from '../vascular/pruneSpurs.js';
import { measureSegments, type SegmentMeasure } from '../vascular/segmentMeasures.js';
import type { VesselGraph } from '../vascular/types.js';
import { quantileType7 } from '../learn/metrics/quantile.js';
import { inZone } from './zones.js';
import type { LabelledSegment, OpticDisc } from './types.js';

/** Options of {@link labelSegments}. */
export interface LabelSegmentsOptions {
  /** Smallest fraction of centre-line votes for the winning class; below it the segment is `unsure`. Default 0.7. */
  minAgreement?: number;
  /** A segment between two junctions no longer than this factor × its width is a `crossing` piece. Default 1.5. */
  crossingLengthFactor?: number;
  /** Spur pruning: terminal segments shorter than this (px) are removed. Default 10. */
  minSpurPx?: number;
}

/** Defaults of {@link LabelSegmentsOptions}. */
export const DEFAULT_LABEL_SEGMENTS: Required<LabelSegmentsOptions> = { minAgreement: 0.7, crossingLengthFactor: 1.5, minSpurPx: 10 };

/** Output of {@link labelSegments}. */
export interface LabelledVessels {
  graph: VesselGraph;
  measures: SegmentMeasure[];
  segments: LabelledSegment[];
  /** Exact distance transform of the vessel mask (px). */
  dist: Float64Array;
}

/**
 * Splits the vessel skeleton into segments between junctions and labels each by a majority
 * vote of the artery/vein maps over its centre line.
 *
 * Steps: Guo–Hall skeleton of the mask; spurs shorter than max(`minSpurPx`, the parent's
 * diameter) pruned; vessel graph (segments between end points and junctions); smoothed
 * centre lines and distance-transform widths (`vascular/measureSegments`). Vote: every
 * centre-line pixel whose artery or vein probability is larger votes for that class (ties and
 * pixels of probability 0 do not vote); the winner needs ≥ `minAgreement` of the votes, else the
 * segment is `unsure`. A segment joining two junctions that is no longer than
 * `crossingLengthFactor` × its width is the piece the skeleton puts where two vessels cross
 * (two 3-way junctions instead of one 4-way crossing) and is labelled `crossing`.
 *
 * Width: the median, over the segment's centre-line samples (those farther than the junction
 * radius + 1 px from its ends), of the perpendicular distance-transform width of
 * `vascular/localWidthPx` — the pixel-border-to-border width of the binary mask normal to the
 * smoothed centre line. `zoneBWidthPx` is the same median over the samples inside zone B.
 *
 * @throws VesselprintError SHAPE_MISMATCH when maps and mask differ in size
 */
export function labelSegments(mask: Mask2D, maps: ArteryVeinMaps, disc: OpticDisc, options: LabelSegmentsOptions = {}): LabelledVessels {
  const o = { ...DEFAULT_LABEL_SEGMENTS, ...options };
  const { width, height } = mask;
  if (maps.width !== width || maps.height !== height) {
    throw new VesselprintError('SHAPE_MISMATCH', `labelSegments: A/V maps are ${maps.width}x${maps.height}, vessel mask is ${width}x${height}`, { field: 'maps' });
  }
  const dist = distanceTransform(mask);
  const { graph } = pruneSpursWithGraph(skeletonize(mask), { distance: dist, minLengthPx: o.minSpurPx });
  const measures = measureSegments(graph, dist);
  const segments: LabelledSegment[] = measures.map((m) => {
    const seg = graph.segments[m.id]!;
    let a = 0, v = 0, inC = 0;
    for (let k = 0; k < seg.path.length; k++) {
      const p = seg.path[k]!;
      const pa = maps.artery[p]!, pv = maps.vein[p]!;
      if (pa > pv) a++;
      else if (pv > pa) v++;
      if (inZone(Math.floor(p / width), p % width, disc, 'C')) inC++;
    }
    const zb: number[] = [];
    let sr = 0, sc = 0;
    for (let j = 0; j < m.widthIndices.length; j++) {
      const p = seg.path[m.widthIndices[j]!]!;
      const r = Math.floor(p / width), c = p % width;
      if (!inZone(r, c, disc, 'B') || !Number.isFinite(m.widthsPx[j]!)) continue;
      zb.push(m.widthsPx[j]!);
      sr += r;
      sc += c;
    }
    const votes = a + v;
    const agreement = votes > 0 ? Math.max(a, v) / votes : 0;
    const widthPx = median(Array.from(m.widthsPx).filter(Number.isFinite));
    const isBetweenJunctions = seg.nodeA >= 0 && seg.nodeB >= 0 && graph.nodes[seg.nodeA]!.kind === 'junction' && graph.nodes[seg.nodeB]!.kind === 'junction';
    let label: LabelledSegment['label'];
    if (isBetweenJunctions && m.lengthPx <= o.crossingLengthFactor * widthPx) label = 'crossing';
    else if (votes === 0 || agreement < o.minAgreement) label = 'unsure';
    else label = a > v ? 'artery' : 'vein';
    return {
      id: m.id,
      label,
      agreement,
      votes,
      zoneBWidthPx: zb.length ? median(zb) : NaN,
      zoneBSamples: zb.length,
      widthPx,
      zoneBAngleRad: zb.length ? Math.atan2(sr / zb.length - disc.row, sc / zb.length - disc.col) : NaN,
      zoneCFraction: seg.path.length ? inC / seg.path.length : 0,
      arcChord: m.tortuosity.arcChord,
      lengthPx: m.lengthPx,
    };
  });
  return { graph, measures, segments, dist };
}

/** Median of a list (NaN when empty): the type-7 quantile at 0.5 of learn/metrics. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  return quantileType7([...xs].sort((p, q) => p - q), 0.5);
}
