import type { VesselGraph } from '../vascular/types.js';

/** A soft constraint between two segments: `same` type (weight > 0) or `different` types (weight < 0). */
export interface AvConstraint {
  a: number;
  b: number;
  /** Coupling J: > 0 pulls the two segments to the same type, < 0 to opposite types. */
  weight: number;
}

/** Options of {@link avJunctionConstraints}. */
export interface AvJunctionConstraintsOptions {
  /** Junction nodes joined by a segment shorter than max(`minLinkPx`, `linkWidthFactor` × the larger vessel diameter at them) form one junction cluster (a crossing shows in a skeleton as two close 3-way junctions). Default 3 px and 1.5. */
  minLinkPx?: number;
  linkWidthFactor?: number;
  /** Length (px) along each segment, from the cluster, over which its direction is taken. Default 10. */
  directionPx?: number;
  /** Two segment ends count as "opposite" (one vessel running through) when the angle between their directions is at least this (degrees). Default 120. */
  oppositeDeg?: number;
  /** Coupling of the two opposite ends of a 4-way cluster (crossing: the same vessel continues) and of the through-going pair of a 3-way cluster. Default 2. */
  throughWeight?: number;
  /** Coupling between the two vessels of a 4-way cluster (at a crossing an artery crosses a vein: Dashtbozorg et al. 2014). Default −1. */
  crossWeight?: number;
  /** Coupling of the side branch of a 3-way cluster to the other two (a bifurcation: all three share a type, but a crossing that lost one arm looks the same). Default 1 (couplings chosen by leave-one-image-out on the HRF training/validation images). */
  branchWeight?: number;
}

/** Defaults of {@link AvJunctionConstraintsOptions}. */
export const DEFAULT_AV_JUNCTION_CONSTRAINTS: Required<AvJunctionConstraintsOptions> = {
  minLinkPx: 3,
  linkWidthFactor: 1.5,
  directionPx: 10,
  oppositeDeg: 120,
  throughWeight: 2,
  crossWeight: -1,
  branchWeight: 1,
};

/** Output of {@link avJunctionConstraints}. */
export interface AvJunctionConstraints {
  constraints: AvConstraint[];
  /** Segments that are the short links inside a junction cluster (crossing pixels; they get no constraint). */
  links: number[];
}

/**
 * Artery/vein constraints between the segments that meet at junctions, after the node analysis
 * of Dashtbozorg, Mendonça & Campilho 2014 (IEEE TIP 23(3):1073, doi:10.1109/TIP.2013.2292794):
 * junction nodes closer than about a vessel width are merged into one cluster; the segment ends
 * leaving a cluster are paired by direction. At a 4-way cluster (a crossing) the two pairs of
 * most opposite ends (both at least `oppositeDeg` apart) are the two vessels: each pair shares a
 * type and the two pairs differ. At a 3-way cluster (a bifurcation) all three share a type; the
 * most opposite pair, when at least `oppositeDeg` apart, is coupled more strongly than the side
 * branch. Clusters of 5 or more ends get no constraint.
 *
 * @param dist distance transform of the vessel mask (for the link length)
 * @example avJunctionConstraints(graph, dist).constraints // [{ a: 0, b: 2, weight: 2 }, …]
 */
export function avJunctionConstraints(
  graph: VesselGraph,
  dist: Float64Array,
  options: AvJunctionConstraintsOptions = {},
): AvJunctionConstraints {
  const o = { ...DEFAULT_AV_JUNCTION_CONSTRAINTS, ...options };
  const { width } = graph;
  const parent = graph.nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const isJ = (id: number): boolean => id >= 0 && graph.nodes[id]!.degree >= 3;
  const links = new Set<number>();
  for (const seg of graph.segments) {
    if (seg.isLoop || !isJ(seg.nodeA) || !isJ(seg.nodeB) || seg.nodeA === seg.nodeB) continue;
    let d = 0;
    for (const id of [seg.nodeA, seg.nodeB]) for (const p of graph.nodes[id]!.pixels) d = Math.max(d, 2 * dist[p]!);
    if (seg.chainLengthPx < Math.max(o.minLinkPx, o.linkWidthFactor * d)) {
      links.add(seg.id);
      parent[find(seg.nodeA)] = find(seg.nodeB);
    }
  }
  type End = { seg: number; dr: number; dc: number };
  const ends = new Map<number, End[]>();
  for (const seg of graph.segments) {
    if (seg.isLoop || links.has(seg.id)) continue;
    for (const [node, fromStart] of [
      [seg.nodeA, true],
      [seg.nodeB, false],
    ] as const) {
      if (!isJ(node)) continue;
      const cl = find(node);
      const len = seg.path.length;
      const k = Math.min(len - 1, o.directionPx);
      const p0 = seg.path[fromStart ? 0 : len - 1]!,
        p1 = seg.path[fromStart ? k : len - 1 - k]!;
      const dr = Math.floor(p1 / width) - Math.floor(p0 / width),
        dc = (p1 % width) - (p0 % width);
      const list = ends.get(cl) ?? [];
      list.push({ seg: seg.id, dr, dc });
      ends.set(cl, list);
    }
  }
  const cosOpp = Math.cos((o.oppositeDeg * Math.PI) / 180);
  const cos = (u: End, v: End): number => (u.dr * v.dr + u.dc * v.dc) / (Math.hypot(u.dr, u.dc) * Math.hypot(v.dr, v.dc) || 1);
  const constraints: AvConstraint[] = [];
  const add = (a: number, b: number, weight: number): void => {
    if (a !== b) constraints.push({ a, b, weight });
  };
  for (const list of ends.values()) {
    if (list.length === 4) {
      const pairings: Array<[[number, number], [number, number]]> = [
        [
          [0, 1],
          [2, 3],
        ],
        [
          [0, 2],
          [1, 3],
        ],
        [
          [0, 3],
          [1, 2],
        ],
      ];
      let best = pairings[0]!,
        bestScore = Infinity;
      for (const pr of pairings) {
        const s = Math.max(cos(list[pr[0][0]]!, list[pr[0][1]]!), cos(list[pr[1][0]]!, list[pr[1][1]]!));
        if (s < bestScore) {
          bestScore = s;
          best = pr;
        }
      }
      if (bestScore > cosOpp) continue;
      const [[a, b], [c, d]] = best;
      add(list[a]!.seg, list[b]!.seg, o.throughWeight);
      add(list[c]!.seg, list[d]!.seg, o.throughWeight);
      for (const u of [a, b]) for (const v of [c, d]) add(list[u]!.seg, list[v]!.seg, o.crossWeight);
    } else if (list.length === 3) {
      let bi = -1,
        bj = -1,
        bc = Infinity;
      for (let i = 0; i < 3; i++)
        for (let j = i + 1; j < 3; j++) {
          const c = cos(list[i]!, list[j]!);
          if (c < bc) {
            bc = c;
            bi = i;
            bj = j;
          }
        }
      const through = bc <= cosOpp;
      for (let i = 0; i < 3; i++)
        for (let j = i + 1; j < 3; j++) add(list[i]!.seg, list[j]!.seg, through && i === bi && j === bj ? o.throughWeight : o.branchWeight);
    }
  }
  return { constraints, links: [...links] };
}
