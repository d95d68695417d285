/**
 * Binary decision trees stored as explicit node arrays, the representation SHAP's TreeExplainer
 * reads exactly (Lundberg et al. 2020, doi:10.1038/s42256-019-0138-9):
 * node k is a leaf when `feature[k] = -1`; otherwise a sample goes to `left[k]` when
 * `x[feature[k]] ≤ threshold[k]`, else to `right[k]`. `value[k]` is the node's prediction
 * (mean target of its training samples; for boosting, the leaf's contribution to the raw score),
 * `cover[k]` the (bootstrap-)weighted number of training samples that reached the node.
 */
import { VesselprintError } from '../../core/errors.js';
import type { Matrix } from '../types.js';

export interface TreeArrays {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  cover: Float64Array;
}

/** Index of the leaf that row `r` of `x` falls into. */
export function leafIndex(tree: TreeArrays, x: Matrix, r: number): number {
  let k = 0;
  const o = r * x.nCols;
  while (tree.feature[k]! >= 0) k = x.data[o + tree.feature[k]!]! <= tree.threshold[k]! ? tree.left[k]! : tree.right[k]!;
  return k;
}

/** The tree's value for every row of `x`. */
export function predictTree(tree: TreeArrays, x: Matrix): Float64Array {
  const out = new Float64Array(x.nRows);
  for (let r = 0; r < x.nRows; r++) out[r] = tree.value[leafIndex(tree, x, r)]!;
  return out;
}

/** Depth (edges on the longest root-to-leaf path). */
export function treeDepth(tree: TreeArrays): number {
  const depth = (k: number): number => (tree.feature[k]! < 0 ? 0 : 1 + Math.max(depth(tree.left[k]!), depth(tree.right[k]!)));
  return depth(0);
}

/** Checks the structural invariants of a tree (children indices, covers adding up). */
export function validateTree(tree: TreeArrays): void {
  const m = tree.feature.length;
  for (let k = 0; k < m; k++) {
    if (tree.feature[k]! < 0) continue;
    const l = tree.left[k]!,
      r = tree.right[k]!;
    if (!(l > k && r > k && l < m && r < m)) throw new VesselprintError('BAD_ARGUMENT', `tree node ${k}: children ${l}, ${r} out of range`);
    if (Math.abs(tree.cover[l]! + tree.cover[r]! - tree.cover[k]!) > 1e-9 * tree.cover[k]!)
      throw new VesselprintError('BAD_ARGUMENT', `tree node ${k}: child covers do not add up`);
  }
}
