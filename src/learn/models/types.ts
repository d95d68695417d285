/** Fitted-model interfaces shared by every learner in learn/models. */
import type { Matrix, Task } from '../types.js';

/** A fitted model: `predict` gives P(y=1) for classification, the expected value for regression. */
export interface FittedModel {
  readonly kind: string;
  readonly task: Task;
  /** Number of input features the model expects. */
  readonly nFeatures: number;
  predict(x: Matrix): Float64Array;
}

/** A learner: fits a model on a training matrix and outcome. */
export interface Learner {
  readonly kind: string;
  fit(x: Matrix, y: Float64Array, task: Task): FittedModel;
}
