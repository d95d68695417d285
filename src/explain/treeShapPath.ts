/**
 * Exact path-dependent TreeSHAP for one tree: Algorithm 2 of Lundberg et al. 2020
 * (doi:10.1038/s42256-019-0138-9), O(L·D²) per row, with the conditioning extension used for
 * SHAP interaction values (Lundberg et al. 2020, Methods "SHAP interaction values"): a feature
 * can be fixed "on" (always follows x) or "off" (always averaged by cover) and is then not a
 * player of the game.
 */
import type { TreeArrays } from '../learn/models/tree.js';

interface PathElement {
  d: number;
  z: number;
  o: number;
  w: number;
}

/** EXTEND (Algorithm 2): grows the path by a feature with zero fraction pz and one fraction po. */
function extend(m: PathElement[], pz: number, po: number, pi: number): void {
  const l = m.length;
  m.push({ d: pi, z: pz, o: po, w: l === 0 ? 1 : 0 });
  for (let i = l - 1; i >= 0; i--) {
    m[i + 1]!.w += (po * m[i]!.w * (i + 1)) / (l + 1);
    m[i]!.w = (pz * m[i]!.w * (l - i)) / (l + 1);
  }
}

/** UNWIND (Algorithm 2): removes element i from the path, undoing its EXTEND. */
function unwind(m: PathElement[], i: number): void {
  const l = m.length - 1;
  let n = m[l]!.w;
  const o = m[i]!.o,
    z = m[i]!.z;
  for (let j = l - 1; j >= 0; j--) {
    if (o !== 0) {
      const t = m[j]!.w;
      m[j]!.w = (n * (l + 1)) / ((j + 1) * o);
      n = t - (m[j]!.w * z * (l - j)) / (l + 1);
    } else {
      m[j]!.w = (m[j]!.w * (l + 1)) / (z * (l - j));
    }
  }
  for (let j = i; j < l; j++) {
    m[j]!.d = m[j + 1]!.d;
    m[j]!.z = m[j + 1]!.z;
    m[j]!.o = m[j + 1]!.o;
  }
  m.pop();
}

/** Sum of the path weights after unwinding element i, without changing the path. */
function unwoundSum(m: PathElement[], i: number): number {
  const l = m.length - 1;
  const o = m[i]!.o,
    z = m[i]!.z;
  let n = m[l]!.w,
    total = 0;
  for (let j = l - 1; j >= 0; j--) {
    if (o !== 0) {
      const t = (n * (l + 1)) / ((j + 1) * o);
      total += t;
      n = m[j]!.w - (t * z * (l - j)) / (l + 1);
    } else {
      total += (m[j]!.w * (l + 1)) / (z * (l - j));
    }
  }
  return total;
}

/**
 * Adds `scale`·φ(x) of one tree to `phi` (length M), path-dependent value function.
 * @param x the row's feature values
 * @param condition 0: no conditioning; 1: feature `condFeature` fixed on; −1: fixed off
 * @example treeShapPathInto(tree, [0.2, 3], phi, 1) // phi += φ(tree, x)
 */
export function treeShapPathInto(
  tree: TreeArrays,
  x: ArrayLike<number>,
  phi: Float64Array,
  scale: number,
  condition: 0 | 1 | -1 = 0,
  condFeature = -1,
): void {
  const recurse = (j: number, parent: PathElement[], pz: number, po: number, pi: number, condFrac: number): void => {
    if (condFrac === 0) return;
    const m = parent.map((e) => ({ ...e }));
    if (condition === 0 || condFeature !== pi) extend(m, pz, po, pi);
    const d = tree.feature[j]!;
    if (d < 0) {
      const v = tree.value[j]! * condFrac * scale;
      for (let i = 1; i < m.length; i++) {
        const e = m[i]!;
        phi[e.d] += unwoundSum(m, i) * (e.o - e.z) * v;
      }
      return;
    }
    const goLeft = x[d]! <= tree.threshold[j]!;
    const h = goLeft ? tree.left[j]! : tree.right[j]!,
      c = goLeft ? tree.right[j]! : tree.left[j]!;
    const rj = tree.cover[j]!,
      rh = tree.cover[h]!,
      rc = tree.cover[c]!;
    let iz = 1,
      io = 1;
    let k = 1;
    while (k < m.length && m[k]!.d !== d) k++;
    if (k < m.length) {
      iz = m[k]!.z;
      io = m[k]!.o;
      unwind(m, k);
    }
    let hotCF = condFrac,
      coldCF = condFrac;
    if (condition > 0 && d === condFeature) coldCF = 0;
    else if (condition < 0 && d === condFeature) {
      hotCF *= rh / rj;
      coldCF *= rc / rj;
    }
    recurse(h, m, (iz * rh) / rj, io, d, hotCF);
    recurse(c, m, (iz * rc) / rj, 0, d, coldCF);
  };
  recurse(0, [], 1, 1, -1, 1);
}

/** E[tree(X)] under the training distribution: Σ_leaves value · cover/cover(root). */
export function treeExpectedValue(tree: TreeArrays): number {
  let s = 0;
  for (let k = 0; k < tree.feature.length; k++) if (tree.feature[k]! < 0) s += tree.value[k]! * tree.cover[k]!;
  return s / tree.cover[0]!;
}
