import type { Circle, VesselTree } from './types.js';

/** Geometric truth of a set of vessel trees, measured on the centre lines (pixels). */
export interface TreeStats {
  /** Centre-line length inside the FOV, px. */
  lengthPx: number;
  /** Length-weighted mean of arc length / chord length over segments (1 = straight). */
  tortuosityArcChord: number;
  /** Length-weighted mean vessel width (2 × radius), px; NaN without vessels. */
  widthMeanPx: number;
  /** Same, arteries only; NaN without arteries. */
  arteryWidthMeanPx: number;
  /** Same, veins only; NaN without veins. */
  veinWidthMeanPx: number;
  /** Number of bifurcations (child branches that leave a parent). */
  bifurcationCount: number;
  /** Number of segments (centre-line pieces between a branch start, a bifurcation and a branch end). */
  segmentCount: number;
}

/** Options of {@link treeStats}. */
export interface TreeStatsOptions {
  /** Only centre-line steps with both ends inside this circle count (default: all). */
  fov?: Circle;
  /** Segments with a chord shorter than this (px) are left out of the tortuosity mean. Default 5. */
  minChordPx?: number;
}

/**
 * Measures the generated centre lines: total length (sum of step lengths), the length-weighted
 * arc/chord tortuosity over segments (Hart et al. 1999, doi:10.1016/S1386-5056(99)00037-7,
 * "distance metric"), length-weighted mean width and the bifurcation count. A segment is the
 * centre line between two nodes (branch start, bifurcation, branch end); crossings of arteries
 * and veins are not nodes here, unlike in a skeleton of the mask.
 *
 * @example treeStats([straightTree]).tortuosityArcChord // 1
 */
export function treeStats(trees: VesselTree[], options: TreeStatsOptions = {}): TreeStats {
  const minChord = options.minChordPx ?? 5;
  const fov = options.fov;
  const inside = (r: number, c: number): boolean => fov === undefined || Math.hypot(r - fov.row, c - fov.col) <= fov.radius;
  let lengthPx = 0,
    tortNum = 0,
    tortDen = 0,
    bif = 0,
    segs = 0;
  const w = { all: [0, 0], artery: [0, 0], vein: [0, 0] } as Record<'all' | 'artery' | 'vein', [number, number]>;
  for (const tree of trees) {
    for (const b of tree.branches) {
      const pts = b.points;
      if (pts.length < 2) continue;
      bif += b.childAt.length;
      const nodes = [...new Set([0, ...b.childAt, pts.length - 1])].sort((x, y) => x - y);
      for (let s = 0; s + 1 < nodes.length; s++) {
        const i0 = nodes[s]!,
          i1 = nodes[s + 1]!;
        let arc = 0,
          allIn = true;
        for (let i = i0; i < i1; i++) {
          const a = pts[i]!,
            e = pts[i + 1]!;
          const step = Math.hypot(e.row - a.row, e.col - a.col);
          arc += step;
          if (inside(a.row, a.col) && inside(e.row, e.col)) {
            lengthPx += step;
            const width = 2 * e.radiusPx;
            w.all[0] += width * step;
            w.all[1] += step;
            w[tree.kind][0] += width * step;
            w[tree.kind][1] += step;
          } else allIn = false;
        }
        if (i1 > i0) segs++;
        const chord = Math.hypot(pts[i1]!.row - pts[i0]!.row, pts[i1]!.col - pts[i0]!.col);
        if (allIn && chord >= minChord) {
          tortNum += arc * (arc / chord);
          tortDen += arc;
        }
      }
    }
  }
  return {
    lengthPx,
    tortuosityArcChord: tortDen > 0 ? tortNum / tortDen : NaN,
    widthMeanPx: w.all[1] > 0 ? w.all[0] / w.all[1] : NaN,
    arteryWidthMeanPx: w.artery[1] > 0 ? w.artery[0] / w.artery[1] : NaN,
    veinWidthMeanPx: w.vein[1] > 0 ? w.vein[0] / w.vein[1] : NaN,
    bifurcationCount: bif,
    segmentCount: segs,
  };
}
