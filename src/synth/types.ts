/**
 * Shared types of the synthetic-data generators. Coordinates are (row, col) in pixels, with the
 * centre of pixel (r, c) at (r, c); angles are in radians, measured from the +col axis towards +row.
 */

/** Which side of the circulation a vessel belongs to. */
export type VesselKind = 'artery' | 'vein';

/** One centre-line sample of a vessel: position in pixels and the vessel radius (half width) in pixels. */
export interface CentrelinePoint {
  row: number;
  col: number;
  radiusPx: number;
}

/**
 * One branch of a vessel tree: an unbroken centre line from where it leaves its parent (or the
 * optic disc) to where it ends. Children leave at `points[i]` for each `i` in `childAt`.
 */
export interface VesselBranch {
  id: number;
  /** Index of the parent branch in the tree, −1 for a trunk leaving the optic disc. */
  parent: number;
  kind: VesselKind;
  /** Branching generation: 0 for trunks, parent order + 1 for children. */
  order: number;
  points: CentrelinePoint[];
  /** Point indices on this branch where a child branch starts (sorted). */
  childAt: number[];
}

/** A vessel tree: every branch grown from one trunk. */
export interface VesselTree {
  kind: VesselKind;
  branches: VesselBranch[];
}

/** A circle in pixel coordinates. */
export interface Circle {
  row: number;
  col: number;
  radius: number;
}
