/**
 * Coalition value functions v(S) that define which Shapley values are being computed:
 * - path-dependent (observational, tree-based): E[f(X) | X_S = x_S] estimated by the tree's
 *   training covers (Lundberg et al. 2020, Algorithm 1, "EXPVALUE");
 * - interventional: E_b[f(x_S, b_S̄)] over background rows b (Janzing et al. 2020;
 *   the target of KernelSHAP and interventional TreeSHAP).
 */
import type { TreeArrays } from '../learn/models/tree.js';
import type { TreeEnsemble } from '../learn/models/treeEnsemble.js';
import type { Matrix } from '../learn/types.js';

/**
 * E[tree(X) | X_S = x_S] by the cover-weighted traversal of Algorithm 1.
 * @param x the explained row's feature values
 * @param mask mask[j] = 1 when feature j is in S
 * @example treePathValue(tree, [0.3, 1.2], Uint8Array.of(0, 0)) // the tree's cover-weighted mean
 */
export function treePathValue(tree: TreeArrays, x: ArrayLike<number>, mask: Uint8Array): number {
  const g = (k: number): number => {
    const d = tree.feature[k]!;
    if (d < 0) return tree.value[k]!;
    const l = tree.left[k]!,
      r = tree.right[k]!;
    if (mask[d]) return g(x[d]! <= tree.threshold[k]! ? l : r);
    return (g(l) * tree.cover[l]! + g(r) * tree.cover[r]!) / tree.cover[k]!;
  };
  return g(0);
}

/** Ensemble raw output under the path-dependent value function: base + combine over trees. */
export function ensemblePathValue(e: TreeEnsemble, x: ArrayLike<number>, mask: Uint8Array): number {
  let s = 0;
  for (const t of e.trees) s += treePathValue(t, x, mask);
  return e.base + (e.aggregation === 'mean' ? s / e.trees.length : s);
}

/**
 * Interventional value E_b[f(x_S, b_S̄)]: every background row with the features in S replaced
 * by the explained row's values, averaged through `predict`.
 * @example interventionalValue((m) => m.data.slice(0, m.nRows), [1], bg, Uint8Array.of(1)) // 1
 */
export function interventionalValue(
  predict: (x: Matrix) => Float64Array,
  x: ArrayLike<number>,
  background: Matrix,
  mask: Uint8Array,
): number {
  const p = background.nCols;
  const data = Float64Array.from(background.data);
  for (let b = 0; b < background.nRows; b++) for (let j = 0; j < p; j++) if (mask[j]) data[b * p + j] = x[j]!;
  const out = predict({ data, nRows: background.nRows, nCols: p });
  let s = 0;
  for (const v of out) s += v;
  return s / out.length;
}
