/**
 * Tree ensembles as plain data, for prediction and for SHAP explainers:
 * raw(x) = base + combine(tree values) where combine is the mean (forests, trees) or the sum
 * (boosting). For classification with `link: 'logit'` the probability is σ(raw); with
 * `link: 'identity'` raw already is a probability (forest of class-1 frequencies).
 */
import { VesselprintError } from '../../core/errors.js';
import type { Matrix, Task } from '../types.js';
import { predictTree, type TreeArrays } from './tree.js';
import type { FittedModel } from './types.js';

export interface TreeEnsemble {
  kind: 'tree' | 'random-forest' | 'gradient-boosting';
  task: Task;
  nFeatures: number;
  trees: TreeArrays[];
  /** Added to the combined tree output (boosting's initial score; 0 for forests). */
  base: number;
  /** `mean` over trees (forest) or `sum` (boosting). */
  aggregation: 'mean' | 'sum';
  /** Output transform: `logit` means probability = σ(raw). */
  link: 'identity' | 'logit';
}

/** Raw ensemble output base + combine(trees) per row. */
export function ensembleRaw(e: TreeEnsemble, x: Matrix): Float64Array {
  if (x.nCols !== e.nFeatures) throw new VesselprintError('SHAPE_MISMATCH', `${e.kind}: expected ${e.nFeatures} features, got ${x.nCols}`);
  const out = new Float64Array(x.nRows);
  for (const t of e.trees) {
    const v = predictTree(t, x);
    for (let i = 0; i < out.length; i++) out[i] += v[i]!;
  }
  const scale = e.aggregation === 'mean' ? 1 / e.trees.length : 1;
  for (let i = 0; i < out.length; i++) out[i] = e.base + out[i]! * scale;
  return out;
}

/** Wraps an ensemble as a {@link FittedModel} (keeps `ensemble` for explainers). */
export function ensembleModel(e: TreeEnsemble): FittedModel & { ensemble: TreeEnsemble } {
  return {
    kind: e.kind,
    task: e.task,
    nFeatures: e.nFeatures,
    ensemble: e,
    predict(x: Matrix): Float64Array {
      const raw = ensembleRaw(e, x);
      if (e.link === 'logit') for (let i = 0; i < raw.length; i++) raw[i] = 1 / (1 + Math.exp(-raw[i]!));
      return raw;
    },
  };
}
