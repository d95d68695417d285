import type { VesselGraph } from './types.js';
import type { SegmentMeasure } from './segmentMeasures.js';

/** Options of {@link branching}. */
export interface BranchingOptions {
  /** Branch directions are taken from the junction centre to the point this many junction radii (EDT) along each branch, at least `minDirectionPx`. Default 2. */
  directionRadii?: number;
  /** Minimal direction distance (px). Default 3. */
  minDirectionPx?: number;
  /** Length of the stretch of branch whose chord gives the branch direction, in junction radii (at least `minDirectionLengthPx`). Default 4. */
  directionLengthRadii?: number;
  /** Minimal length (px) of that stretch. Default 6. */
  minDirectionLengthPx?: number;
  /** The widest branch is the parent only when it exceeds both others by this factor; otherwise the branch opposite the smallest angle is the parent. Default 1.1. */
  parentWidthRatio?: number;
}

/** Defaults of {@link BranchingOptions}. */
export const DEFAULT_BRANCHING: Required<BranchingOptions> = {
  directionRadii: 2,
  minDirectionPx: 3,
  directionLengthRadii: 4,
  minDirectionLengthPx: 6,
  parentWidthRatio: 1.1,
};

/** One bifurcation (junction of degree 3). */
export interface Bifurcation {
  node: number;
  /** Segment ids of the parent and the two children. */
  parent: number;
  children: [number, number];
  /** Angle between the two children's directions, degrees (0–180). */
  angleDeg: number;
  /** Mean widths (px) of parent and children. */
  parentWidthPx: number;
  childWidthsPx: [number, number];
  /** Junction exponent x solving d₀ˣ = d₁ˣ + d₂ˣ (Murray's law: x = 3); NaN when a child is not narrower than the parent or x ∉ [0.1, 20]. */
  murrayExponent: number;
}

/**
 * Bifurcation geometry at every junction of degree 3 (junctions of degree ≥ 4 are skipped).
 *
 * Each branch's direction is the chord of its smoothed centre line between arc distances
 * a = max(`minDirectionPx`, `directionRadii` × r) and a + max(`minDirectionLengthPx`,
 * `directionLengthRadii` × r) from the junction (r = junction radius from the distance
 * transform, so the construction scales with the vessels), i.e. beyond the region where the skeleton bends into the junction
 * (for a branch shorter than a: junction centroid → far end). The parent is the widest branch when
 * it is at least `parentWidthRatio` times wider than the two others; otherwise (similar
 * widths) the two branches enclosing the smallest angle are the children. The branching
 * angle is the angle between the children (M. Zamir, "Optimality principles in arterial
 * branching", J. Theor. Biol. 62:227–251, 1976, doi:10.1016/0022-5193(76)90058-8; for
 * retina N. Patton et al., Prog. Retin. Eye Res. 25:99–127, 2006,
 * doi:10.1016/j.preteyeres.2005.07.001).
 *
 * Junction exponent: C. D. Murray, "The physiological principle of minimum work", PNAS
 * 12(3):207–214, 1926, doi:10.1073/pnas.12.3.207 — d₀ˣ = d₁ˣ + d₂ˣ solved for x by bisection.
 */
export function branching(
  graph: VesselGraph,
  measures: readonly SegmentMeasure[],
  dist: Float64Array,
  options: BranchingOptions = {},
): Bifurcation[] {
  const o = { ...DEFAULT_BRANCHING, ...options };
  const ends: { seg: number; atStart: boolean }[][] = graph.nodes.map(() => []);
  for (const seg of graph.segments) {
    if (seg.nodeA >= 0) ends[seg.nodeA]!.push({ seg: seg.id, atStart: true });
    if (seg.nodeB >= 0) ends[seg.nodeB]!.push({ seg: seg.id, atStart: false });
  }
  const out: Bifurcation[] = [];
  for (const node of graph.nodes) {
    const e = ends[node.id]!;
    if (e.length !== 3 || new Set(e.map((x) => x.seg)).size !== 3) continue;
    let radius = 0;
    for (const p of node.pixels) radius = Math.max(radius, dist[p]!);
    const reach = Math.max(o.minDirectionPx, o.directionRadii * radius);
    const dirs = e.map(({ seg, atStart }) => {
      const sm = measures[seg]!.smooth;
      const m = sm.rows.length;
      const stepK = atStart ? 1 : -1;
      // point at arc distance `dist` from the junction end (or the far end if shorter)
      const pointAt = (want: number): number => {
        let acc = 0,
          k = atStart ? 0 : m - 1;
        while (acc < want && k + stepK >= 0 && k + stepK < m) {
          acc += Math.hypot(sm.rows[k + stepK]! - sm.rows[k]!, sm.cols[k + stepK]! - sm.cols[k]!);
          k += stepK;
        }
        return k;
      };
      const k0 = pointAt(reach),
        k1 = pointAt(reach + Math.max(o.minDirectionLengthPx, o.directionLengthRadii * radius));
      let dr = sm.rows[k1]! - sm.rows[k0]!,
        dc = sm.cols[k1]! - sm.cols[k0]!;
      if (k0 === k1) {
        dr = sm.rows[k1]! - node.row;
        dc = sm.cols[k1]! - node.col;
      }
      const n = Math.hypot(dr, dc) || 1;
      return [dr / n, dc / n] as const;
    });
    const widths = e.map(({ seg }) => measures[seg]!.meanWidthPx);
    const angle = (a: number, b: number): number =>
      (Math.acos(Math.max(-1, Math.min(1, dirs[a]![0] * dirs[b]![0] + dirs[a]![1] * dirs[b]![1]))) * 180) / Math.PI;
    let parent = -1;
    const order = [0, 1, 2].sort((a, b) => widths[b]! - widths[a]!);
    if (widths[order[0]!]! >= o.parentWidthRatio * widths[order[1]!]!) parent = order[0]!;
    else {
      const pairs: [number, number, number][] = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 2, 0],
      ];
      let best = Infinity;
      for (const [a, b, p] of pairs) {
        const ang = angle(a, b);
        if (ang < best) {
          best = ang;
          parent = p;
        }
      }
    }
    const kids = [0, 1, 2].filter((i) => i !== parent) as [number, number];
    const d0 = widths[parent]!,
      d1 = widths[kids[0]]!,
      d2 = widths[kids[1]]!;
    out.push({
      node: node.id,
      parent: e[parent]!.seg,
      children: [e[kids[0]]!.seg, e[kids[1]]!.seg],
      angleDeg: angle(kids[0], kids[1]),
      parentWidthPx: d0,
      childWidthsPx: [d1, d2],
      murrayExponent: murrayExponent(d0, d1, d2),
    });
  }
  return out;
}

/**
 * Junction exponent x with d0ˣ = d1ˣ + d2ˣ (bisection on [0.1, 20]); NaN when no root there
 * (a child at least as wide as the parent, or non-finite widths).
 * @example murrayExponent(Math.cbrt(2), 1, 1) // 3
 */
export function murrayExponent(d0: number, d1: number, d2: number): number {
  if (!(d0 > 0 && d1 > 0 && d2 > 0) || d1 >= d0 || d2 >= d0) return NaN;
  const a = d1 / d0,
    b = d2 / d0;
  const f = (x: number): number => a ** x + b ** x - 1;
  let lo = 0.1,
    hi = 20;
  if (f(lo) < 0 || f(hi) > 0) return NaN;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
