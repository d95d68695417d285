/** Random trees with consistent covers and repeated features along paths, for SHAP tests. */
import type { Rng } from '../../src/core/rng.js';
import type { TreeArrays } from '../../src/learn/models/tree.js';
import type { TreeEnsemble } from '../../src/learn/models/treeEnsemble.js';
import type { Matrix } from '../../src/learn/types.js';

export function randomTree(rng: Rng, nFeatures: number, maxDepth: number): TreeArrays {
  const feature: number[] = [],
    threshold: number[] = [],
    left: number[] = [],
    right: number[] = [],
    value: number[] = [],
    cover: number[] = [];
  const node = (depth: number, c: number): number => {
    const k = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(rng.normal());
    cover.push(c);
    if (depth < maxDepth && rng.uniform() < 0.85) {
      feature[k] = rng.int(0, nFeatures - 1);
      threshold[k] = rng.normal();
      const f = 0.15 + 0.7 * rng.uniform();
      left[k] = node(depth + 1, c * f);
      right[k] = node(depth + 1, c * (1 - f));
    }
    return k;
  };
  node(0, 50 + 100 * rng.uniform());
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    cover: Float64Array.from(cover),
  };
}

export function randomEnsemble(rng: Rng, nFeatures: number, nTrees: number, maxDepth: number, aggregation: 'mean' | 'sum'): TreeEnsemble {
  return {
    kind: aggregation === 'mean' ? 'random-forest' : 'gradient-boosting',
    task: 'regression',
    nFeatures,
    trees: Array.from({ length: nTrees }, () => randomTree(rng, nFeatures, maxDepth)),
    base: aggregation === 'sum' ? rng.normal() : 0,
    aggregation,
    link: aggregation === 'sum' ? 'logit' : 'identity',
  };
}

export function randomMatrix(rng: Rng, n: number, p: number): Matrix {
  return { data: Float64Array.from({ length: n * p }, () => rng.normal()), nRows: n, nCols: p };
}

export function row(x: Matrix, r: number): Float64Array {
  return x.data.subarray(r * x.nCols, (r + 1) * x.nCols);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}
