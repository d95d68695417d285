/** Shared types of the vascular (architecture) features. Lengths are in pixels unless named otherwise. */

/** A node of the vessel graph: an end point, a junction (branch point) or an isolated pixel. */
export interface VesselNode {
  id: number;
  /** `end`: one segment end attached; `junction`: three or more; `isolated`: a lone skeleton pixel; `joint`: exactly two (rare: e.g. a loop's start). */
  kind: 'end' | 'junction' | 'isolated' | 'joint';
  /** Skeleton pixels (row-major indices row·width + col) forming the node (a junction can be a small cluster). */
  pixels: number[];
  /** Centroid row and column of the node pixels. */
  row: number;
  col: number;
  /** Number of segment ends attached (a self-loop counts twice). */
  degree: number;
}

/** A segment: the chain of skeleton pixels between two nodes (or a closed loop without nodes). */
export interface VesselSegment {
  id: number;
  /** Pixel indices (row·width + col) from the pixel of node `nodeA` to the pixel of node `nodeB`, both included. */
  path: Int32Array;
  /** Node ids at both ends; -1 for a closed loop that touches no node. */
  nodeA: number;
  nodeB: number;
  /** Chain length in pixels: Σ step lengths with axial steps 1 and diagonal steps √2. */
  chainLengthPx: number;
  /** True for a closed loop (first pixel = last pixel position, chord 0). */
  isLoop: boolean;
}

/** The vessel graph of a skeleton. */
export interface VesselGraph {
  width: number;
  height: number;
  nodes: VesselNode[];
  segments: VesselSegment[];
}
