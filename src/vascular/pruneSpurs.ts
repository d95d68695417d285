import type { Mask2D } from '../core/image.js';
import { skeletonize } from './skeletonize.js';
import { vesselGraph } from './vesselGraph.js';
import type { VesselGraph } from './types.js';

/** Options of {@link pruneSpurs}. */
export interface PruneSpursOptions {
  /** Terminal segments shorter than this (chain length, px) are removed. Default 0. */
  minLengthPx?: number;
  /** Terminal segments shorter than this factor × the local vessel diameter at their junction (2 × distance transform) are removed. Default 1. */
  widthFactor?: number;
  /** Distance transform of the vessel mask (px), needed for `widthFactor`. */
  distance?: Float64Array;
  /** Maximal number of prune rounds. Default 10. */
  maxRounds?: number;
}

/** Defaults of {@link PruneSpursOptions} (without `distance`). */
export const DEFAULT_PRUNE_SPURS = { minLengthPx: 0, widthFactor: 1, maxRounds: 10 } as const;

/**
 * Removes spurs: terminal segments (from an end point to a junction) that are shorter than
 * `max(minLengthPx, widthFactor × 2·EDT(junction))`. Thinning turns every bump of a vessel's
 * border into a short side branch about one radius long; a branch no longer than the
 * diameter of its parent cannot be told apart from such a bump, so by default it is removed
 * (the "length relative to width" criterion of e.g. Bai, Latecki & Liu, IEEE TPAMI 29(3),
 * 2007, doi:10.1109/TPAMI.2007.59, in its simplest form). The end point and path pixels of
 * a spur are deleted, the junction pixels kept, the result re-thinned, and the process
 * repeated until nothing changes. Isolated segments (end to end) are never removed.
 *
 * @param skeleton one-pixel-wide skeleton
 * @returns the pruned skeleton (new mask)
 * @example pruneSpurs(skeletonize(mask), { distance: distanceTransform(mask) })
 */
export function pruneSpurs(skeleton: Mask2D, options: PruneSpursOptions = {}): Mask2D {
  return pruneSpursWithGraph(skeleton, options).skeleton;
}

/** {@link pruneSpurs}, also returning the vessel graph of the pruned skeleton (built anyway by the last round). */
export function pruneSpursWithGraph(skeleton: Mask2D, options: PruneSpursOptions = {}): { skeleton: Mask2D; graph: VesselGraph } {
  const minLen = options.minLengthPx ?? DEFAULT_PRUNE_SPURS.minLengthPx;
  const factor = options.widthFactor ?? DEFAULT_PRUNE_SPURS.widthFactor;
  const maxRounds = options.maxRounds ?? DEFAULT_PRUNE_SPURS.maxRounds;
  const dist = options.distance;
  let current: Mask2D = { data: skeleton.data.slice(), width: skeleton.width, height: skeleton.height };
  if (skeleton.spacingUm !== undefined) current.spacingUm = skeleton.spacingUm;
  for (let round = 0; ; round++) {
    const g = vesselGraph(current);
    if (round >= maxRounds) return { skeleton: current, graph: g };
    let removed = 0;
    const data = current.data;
    for (const seg of g.segments) {
      if (seg.isLoop || seg.nodeA < 0 || seg.nodeB < 0) continue;
      const a = g.nodes[seg.nodeA]!,
        b = g.nodes[seg.nodeB]!;
      const aEnd = a.degree === 1,
        bEnd = b.degree === 1;
      if (aEnd === bEnd) continue;
      const junction = aEnd ? b : a;
      if (junction.degree < 3) continue;
      let local = 0;
      if (dist !== undefined) for (const p of junction.pixels) local = Math.max(local, 2 * dist[p]!);
      const limit = Math.max(minLen, factor * local);
      if (seg.chainLengthPx >= limit) continue;
      const jset = new Set(junction.pixels);
      for (const p of seg.path) if (!jset.has(p)) data[p] = 0;
      removed++;
    }
    if (removed === 0) return { skeleton: current, graph: g };
    current = skeletonize(current);
  }
}
