import type { Mask2D } from '../core/image.js';
import { skeletonize } from '../vascular/skeletonize.js';
import { spreadInside } from '../vascular/spreadInside.js';
import { distanceTransform } from '../vascular/distanceTransform.js';
import { pruneSpursWithGraph } from '../vascular/pruneSpurs.js';
import type { VesselGraph } from '../vascular/types.js';

/** Options of {@link avSegmentGraph}. */
export interface AvSegmentGraphOptions {
  /** Spur pruning: terminal segments shorter than this (px) are removed (and those shorter than the parent's diameter). Default 10, as `labelSegments`. */
  minSpurPx?: number;
}

/** Defaults of {@link AvSegmentGraphOptions}. */
export const DEFAULT_AV_SEGMENT_GRAPH: Required<AvSegmentGraphOptions> = { minSpurPx: 10 };

/** Output of {@link avSegmentGraph}. */
export interface AvSegmentGraph {
  /** Vessel graph of the pruned skeleton of the whole vessel mask (arteries and veins together). */
  graph: VesselGraph;
  /** Exact distance transform of the vessel mask (px). */
  dist: Float64Array;
  /** Segment owning each pixel (row-major; −1 outside the mask or unreachable): the segment of the nearest skeleton pixel, geodesically inside the mask. */
  owner: Int32Array;
}

/**
 * One skeleton graph for the whole vessel mask (unlike `labelSegments`, which splits arteries and
 * veins first): Guo–Hall skeleton, spurs pruned (`vascular/pruneSpurs`), segments between
 * junctions (`vascular/vesselGraph`), and each vessel pixel assigned to the segment whose
 * skeleton pixel it reaches first in a breadth-first search (8-connected) inside the mask, so
 * that colour can be averaged over a segment's full cross-section. A junction pixel belongs to
 * the lowest-id segment through it.
 *
 * @example avSegmentGraph(vesselMask).owner[k] // id of the segment pixel k belongs to, or −1
 */
export function avSegmentGraph(mask: Mask2D, options: AvSegmentGraphOptions = {}): AvSegmentGraph {
  const o = { ...DEFAULT_AV_SEGMENT_GRAPH, ...options };
  const { width, height } = mask;
  const dist = distanceTransform(mask);
  const { graph } = pruneSpursWithGraph(skeletonize(mask), { distance: dist, minLengthPx: o.minSpurPx });
  const owner = new Int32Array(width * height).fill(-1);
  const seeds: number[] = [];
  for (const seg of graph.segments) {
    for (const p of seg.path) {
      if (owner[p] !== -1) continue;
      owner[p] = seg.id;
      seeds.push(p);
    }
  }
  spreadInside(mask, owner, seeds);
  return { graph, dist, owner };
}
