import type { Rng } from '../core/rng.js';
import { VesselprintError } from '../core/errors.js';
import { murraySplit } from './murray.js';
import type { Circle, CentrelinePoint, VesselBranch, VesselKind, VesselTree } from './types.js';
import type { OccupancyGrid } from './occupancy.js';

/** Where a branch steers: a fixed heading, or radially away from a point (the optic disc). */
export type SteerTarget = { type: 'heading'; headingRad: number } | { type: 'radial'; row: number; col: number };

/** Options of {@link growVesselTree}. Lengths in pixels unless the name says otherwise. */
export interface GrowVesselTreeOptions {
  kind: VesselKind;
  /** Trunk start (centre of the optic disc). */
  start: { row: number; col: number };
  /** Initial trunk heading (radians from +col towards +row). */
  headingRad: number;
  /** Trunk radius (half width) at the start, px. */
  radiusPx: number;
  /** Field of view: growth stops once a centre line leaves it by more than 2 px. */
  fov: Circle;
  /** Pixel size in µm (converts the branching rate per mm into per px). */
  spacingUm: number;
  /** Where the trunk steers to. Default: keeps its heading. */
  trunkTarget?: SteerTarget;
  /** Rate at which the trunk heading relaxes towards its target, per px. Default 0.012. */
  trunkSteerPerPx?: number;
  /** Rate for child branches, which steer radially away from `start`. Default 0.004. */
  childSteerPerPx?: number;
  /**
   * Tortuosity: SD (radians) of the deviation of the local heading from the branch's smooth
   * course, a stationary Ornstein–Uhlenbeck process with correlation length `wiggleCorrPx`.
   * For small values the expected arc/chord ratio is ≈ 1 + SD²/2. 0 gives smooth vessels. Default 0.2.
   */
  tortuosityRad?: number;
  /** Correlation length of the heading deviation, px. Default 10. */
  wiggleCorrPx?: number;
  /** SD of the slow random curvature of the smooth course itself, rad/px. Default 0.008. */
  courseCurvatureSd?: number;
  /** Correlation length of the course curvature, px. Default 40. */
  courseCorrPx?: number;
  /** Mean number of bifurcations per mm of centre line (Poisson process along each branch). Default 0.6. */
  branchesPerMm?: number;
  /** Branches stop growing and never split below this radius, px. Default 0.6. */
  minRadiusPx?: number;
  /** Range of the Murray asymmetry ratio k = r_small / r_large. Default [0.4, 0.95]. */
  asymmetry?: [number, number];
  /** Range of the angle between a child and its parent's heading, degrees. Default [40, 80]. */
  childAngleDeg?: [number, number];
  /** Child branch length as a multiple of its start radius (uniform range). Default [70, 150]. */
  childLengthPerRadius?: [number, number];
  /** Centre-line step, px. Default 1.5. */
  stepPx?: number;
  /** No bifurcation while inside this circle (the optic disc). */
  noBranchWithin?: Circle;
  /** Branches stop on entering any of these circles (the foveal avascular zone). */
  avoid?: Circle[];
  /** Upper bound on the number of branches of the tree. Default 400. */
  maxBranches?: number;
  /**
   * Shared occupancy of the other trees of the same system: a child branch stops where it would
   * run into another branch (except its parent, and except inside `noBranchWithin`); trunks never
   * stop for it. Every branch marks its path.
   */
  occupancy?: OccupancyGrid;
}

export const DEFAULT_GROW_VESSEL_TREE = {
  trunkSteerPerPx: 0.012,
  childSteerPerPx: 0.004,
  tortuosityRad: 0.2,
  wiggleCorrPx: 10,
  courseCurvatureSd: 0.008,
  courseCorrPx: 40,
  branchesPerMm: 0.6,
  minRadiusPx: 0.6,
  asymmetry: [0.4, 0.95] as [number, number],
  childAngleDeg: [40, 80] as [number, number],
  childLengthPerRadius: [70, 150] as [number, number],
  stepPx: 1.5,
  maxBranches: 400,
};

interface Pending {
  row: number;
  col: number;
  heading: number;
  radius: number;
  parent: number;
  order: number;
  maxLength: number;
  target: SteerTarget | undefined;
  steer: number;
  /** Occupancy owner id of the parent branch (−1 for a trunk). */
  parentOwner: number;
}

/**
 * Grows one branching vessel tree from the optic disc by a stochastic L-system-like process:
 * each branch advances in steps of `stepPx` along a heading that is a smooth course (turning by
 * steering towards a target + slow random curvature, per step) plus a random deviation
 * (Ornstein–Uhlenbeck, SD `tortuosityRad`: the waviness that makes vessels tortuous); bifurcations occur as a Poisson process along the
 * centre line (`branchesPerMm`); at each bifurcation the radius splits by Murray's law
 * r_p³ = r_1³ + r_2³ with a random asymmetry, the smaller daughter leaving at 40–80° and the
 * larger deviating the other way by a smaller angle (∝ k²). Branches stop at the FOV edge, in an
 * avoided zone, after their length budget, or when thinner than `minRadiusPx`.
 *
 * @returns the tree; branch 0 is the trunk
 * @throws VesselprintError BAD_ARGUMENT for a non-positive radius, step or spacing
 * @example growVesselTree(createRng(1), { kind: 'artery', start: { row: 280, col: 430 }, headingRad: -2, radiusPx: 2.3, fov, spacingUm: 24.5 }).branches.length // > 1
 */
export function growVesselTree(rng: Rng, options: GrowVesselTreeOptions): VesselTree {
  const o = { ...DEFAULT_GROW_VESSEL_TREE, ...options };
  if (!(o.radiusPx > 0) || !(o.stepPx > 0) || !(o.spacingUm > 0)) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `growVesselTree: radiusPx, stepPx and spacingUm must be > 0 (got ${o.radiusPx}, ${o.stepPx}, ${o.spacingUm})`,
    );
  }
  const meanGapPx = o.branchesPerMm > 0 ? 1000 / (o.branchesPerMm * o.spacingUm) : Infinity;
  const aW = Math.exp(-o.stepPx / o.wiggleCorrPx),
    bW = Math.sqrt(1 - aW * aW);
  const aC = Math.exp(-o.stepPx / o.courseCorrPx),
    bC = Math.sqrt(1 - aC * aC);
  const branches: VesselBranch[] = [];
  const queue: Pending[] = [
    {
      row: o.start.row,
      col: o.start.col,
      heading: o.headingRad,
      radius: o.radiusPx,
      parent: -1,
      order: 0,
      maxLength: 4 * o.fov.radius,
      target: o.trunkTarget,
      steer: o.trunkTarget ? o.trunkSteerPerPx : 0,
      parentOwner: -1,
    },
  ];
  const occ = o.occupancy;
  const radialTarget: SteerTarget = { type: 'radial', row: o.start.row, col: o.start.col };
  const limit = o.fov.radius + 2;

  while (queue.length > 0 && branches.length < o.maxBranches) {
    const p = queue.shift()!;
    const id = branches.length;
    const points: CentrelinePoint[] = [{ row: p.row, col: p.col, radiusPx: p.radius }];
    const branch: VesselBranch = { id, parent: p.parent, kind: o.kind, order: p.order, points, childAt: [] };
    branches.push(branch);
    let { row, col, heading, radius } = p;
    const self = occ ? occ.newOwner() : -1;
    let kappa = rng.normal(0, o.courseCurvatureSd);
    let dev = 0; // deviation from the course; 0 at the start so a child leaves at its drawn angle
    let length = 0;
    let nextSplit = Math.max(4 * radius, exponential(rng, meanGapPx));
    for (;;) {
      let turn = kappa;
      if (p.target !== undefined && p.steer > 0) turn += p.steer * wrapAngle(targetHeading(p.target, row, col) - heading);
      heading += turn * o.stepPx;
      kappa = aC * kappa + bC * rng.normal(0, o.courseCurvatureSd);
      dev = aW * dev + bW * rng.normal(0, o.tortuosityRad);
      row += o.stepPx * Math.sin(heading + dev);
      col += o.stepPx * Math.cos(heading + dev);
      length += o.stepPx;
      if (Math.hypot(row - o.fov.row, col - o.fov.col) > limit) break;
      if (o.avoid?.some((c) => Math.hypot(row - c.row, col - c.col) < c.radius)) break;
      if (length > p.maxLength) break;
      const inDisc =
        o.noBranchWithin !== undefined && Math.hypot(row - o.noBranchWithin.row, col - o.noBranchWithin.col) < o.noBranchWithin.radius;
      if (occ && !inDisc) {
        // Leave the own start (it lies on the parent and near siblings) before checking.
        if (p.order > 0 && length > 2 * radius + 2 * occ.cellPx && occ.blockedFor(row, col, self, p.parentOwner)) break;
        occ.mark(row, col, self);
      }
      points.push({ row, col, radiusPx: radius });
      if (length >= nextSplit && !inDisc) {
        nextSplit = length + Math.max(4 * radius, exponential(rng, meanGapPx));
        const k = rng.range(o.asymmetry[0], o.asymmetry[1]);
        const [r1, r2] = murraySplit(radius, k);
        const side = rng.bernoulli(0.5) ? 1 : -1;
        const angle = (rng.range(o.childAngleDeg[0], o.childAngleDeg[1]) * Math.PI) / 180;
        const childLen = rng.range(o.childLengthPerRadius[0], o.childLengthPerRadius[1]) * r2;
        if (r2 < o.minRadiusPx) continue;
        branch.childAt.push(points.length - 1);
        queue.push({
          row,
          col,
          heading: heading + dev + side * angle,
          radius: r2,
          parent: id,
          order: p.order + 1,
          maxLength: childLen,
          target: radialTarget,
          steer: o.childSteerPerPx,
          parentOwner: self,
        });
        heading -= side * angle * k * k * 0.5;
        radius = r1;
      }
    }
  }
  return { kind: o.kind, branches };
}

function exponential(rng: Rng, mean: number): number {
  if (!Number.isFinite(mean)) return Infinity;
  let u = 0;
  while (u === 0) u = rng.uniform();
  return -mean * Math.log(u);
}

function targetHeading(t: SteerTarget, row: number, col: number): number {
  return t.type === 'heading' ? t.headingRad : Math.atan2(row - t.row, col - t.col);
}

/** Wraps an angle to (−π, π]. */
export function wrapAngle(a: number): number {
  let x = a % (2 * Math.PI);
  if (x <= -Math.PI) x += 2 * Math.PI;
  if (x > Math.PI) x -= 2 * Math.PI;
  return x;
}
