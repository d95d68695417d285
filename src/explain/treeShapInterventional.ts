/**
 * Exact interventional TreeSHAP for one tree and one background row (Lundberg et al. 2020,
 * Methods "Interventional Tree SHAP"; the hybrid-game form of Laberge & Pequignot 2022,
 * arXiv:2209.15123): the game v(S) = tree(x_S, b_S̄) has non-zero value only through leaves
 * reachable by mixing x and b. Walking both rows down the tree, a node where x and b go
 * different ways puts its feature in the x-set A (left on x's side) or the b-set B. A leaf of
 * value t contributes, with a = |A|, b = |B|,
 *   φ_i += t·(a−1)!·b!/(a+b)!  for i ∈ A,   φ_i −= t·a!·(b−1)!/(a+b)!  for i ∈ B.
 * Cost O(leaves) per (row, background row).
 */
import type { TreeArrays } from '../learn/models/tree.js';

const FACT: number[] = [1];
function fact(n: number): number {
  while (FACT.length <= n) FACT.push(FACT[FACT.length - 1]! * FACT.length);
  return FACT[n]!;
}

/**
 * Adds `scale`·φ(x; b) of one tree to `phi` (length M).
 * @example treeShapInterventionalInto(tree, x, b, phi, 1 / nBackground)
 */
export function treeShapInterventionalInto(
  tree: TreeArrays,
  x: ArrayLike<number>,
  b: ArrayLike<number>,
  phi: Float64Array,
  scale: number,
): void {
  const side = new Int8Array(phi.length); // 0 unseen, 1 in A (x), -1 in B (background)
  const a: number[] = [],
    bb: number[] = [];
  const recurse = (k: number): void => {
    const d = tree.feature[k]!;
    if (d < 0) {
      const t = tree.value[k]! * scale,
        na = a.length,
        nb = bb.length;
      if (na + nb === 0) return;
      if (na > 0) {
        const w = (t * fact(na - 1) * fact(nb)) / fact(na + nb);
        for (const i of a) phi[i] += w;
      }
      if (nb > 0) {
        const w = (t * fact(na) * fact(nb - 1)) / fact(na + nb);
        for (const i of bb) phi[i] -= w;
      }
      return;
    }
    const th = tree.threshold[k]!;
    const xk = x[d]! <= th ? tree.left[k]! : tree.right[k]!;
    const bk = b[d]! <= th ? tree.left[k]! : tree.right[k]!;
    if (side[d] === 1) return recurse(xk);
    if (side[d] === -1) return recurse(bk);
    if (xk === bk) return recurse(xk);
    side[d] = 1;
    a.push(d);
    recurse(xk);
    a.pop();
    side[d] = -1;
    bb.push(d);
    recurse(bk);
    bb.pop();
    side[d] = 0;
  };
  recurse(0);
}
