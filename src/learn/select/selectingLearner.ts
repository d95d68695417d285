/**
 * Wraps a learner with a feature selector so that selection is fitted on the training fold only
 * (inside cross-validation), then the model sees the kept columns.
 */
import type { Matrix, Task } from '../types.js';
import type { FittedModel, Learner } from '../models/types.js';

/** A selector: training matrix and outcome → kept column indices. */
export type Selector = (x: Matrix, y: Float64Array, task: Task) => number[];

/** Columns `keep` of `x` (a copy). */
export function selectColumns(x: Matrix, keep: readonly number[]): Matrix {
  const out = new Float64Array(x.nRows * keep.length);
  for (let i = 0; i < x.nRows; i++) for (let k = 0; k < keep.length; k++) out[i * keep.length + k] = x.data[i * x.nCols + keep[k]!]!;
  return { data: out, nRows: x.nRows, nCols: keep.length };
}

/**
 * @example selectingLearner((x, y, t) => univariateFilter(x, y, t, { top: 10 }).keep, randomForestLearner())
 */
export function selectingLearner(select: Selector, learner: Learner, name = 'select'): Learner {
  return {
    kind: `${name}+${learner.kind}`,
    fit(x, y, task): FittedModel & { selected: number[] } {
      const keep = select(x, y, task);
      const model = learner.fit(selectColumns(x, keep), y, task);
      return {
        kind: `${name}+${model.kind}`,
        task,
        nFeatures: x.nCols,
        selected: keep,
        predict: (xt: Matrix) => model.predict(selectColumns(xt, keep)),
      };
    },
  };
}
