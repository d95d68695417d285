/**
 * Gradient-boosted trees (Friedman 2001, doi:10.1214/aos/1013203451): squared error for
 * regression (leaf = mean residual), binomial deviance for classification (trees fitted to the
 * residuals y − p with squared-error splits; leaf = one Newton step Σ(y−p)/Σp(1−p), Friedman's
 * Algorithm 5 / scikit-learn's GradientBoostingClassifier). Leaf values are stored already
 * multiplied by the learning rate, so raw(x) = base + Σ trees(x) exactly.
 */
import { createRng } from '../../core/rng.js';
import { VesselprintError } from '../../core/errors.js';
import type { Matrix, Task } from '../types.js';
import { binFeatures } from './binning.js';
import { growTree } from './growTree.js';
import { checkY, resolveMaxFeatures } from './forest.js';
import { ensembleModel, type TreeEnsemble } from './treeEnsemble.js';
import type { FittedModel, Learner } from './types.js';

export interface BoostingOptions {
  /** Boosting rounds. Default 100. */
  nRounds?: number;
  /** Shrinkage. Default 0.1. */
  learningRate?: number;
  /** Tree depth. Default 3. */
  maxDepth?: number;
  minSamplesLeaf?: number;
  /** Row fraction per round (stochastic boosting). Default 1. */
  subsample?: number;
  /** Features per split. Default all. */
  maxFeatures?: number | 'sqrt';
  /** Maximum bins per feature. Default 256. */
  maxBins?: number;
  seed?: number;
}

/**
 * Fits a gradient-boosted ensemble.
 * @example fitGradientBoosting(x, y, 'classification', { nRounds: 300 }).predict(xTest)
 */
export function fitGradientBoosting(
  x: Matrix,
  y: Float64Array,
  task: Task,
  options: BoostingOptions = {},
): FittedModel & { ensemble: TreeEnsemble } {
  checkY(y, x, task, 'gradientBoosting');
  const n = x.nRows,
    rounds = options.nRounds ?? 100,
    lr = options.learningRate ?? 0.1,
    sub = options.subsample ?? 1;
  const bins = binFeatures(x, options.maxBins ?? 256);
  const mtry = options.maxFeatures === undefined ? x.nCols : resolveMaxFeatures(options.maxFeatures, x.nCols, task);
  const rng = createRng(options.seed ?? 0);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  if (task === 'classification' && (mean === 0 || mean === 1))
    throw new VesselprintError('BAD_ARGUMENT', `gradientBoosting: the training outcome has only one class (${mean * n} of ${n} are 1)`);
  const base = task === 'classification' ? Math.log(mean / (1 - mean)) : mean;
  const raw = new Float64Array(n).fill(base);
  const resid = new Float64Array(n),
    w = new Float64Array(n),
    prob = new Float64Array(n);
  const trees = [];
  for (let m = 0; m < rounds; m++) {
    for (let i = 0; i < n; i++) {
      prob[i] = task === 'classification' ? 1 / (1 + Math.exp(-raw[i]!)) : raw[i]!;
      resid[i] = y[i]! - prob[i]!;
    }
    if (sub < 1) {
      for (let i = 0; i < n; i++) w[i] = rng.uniform() < sub ? 1 : 0;
    } else w.fill(1);
    const { tree, leafOf } = growTree(bins, resid, w, {
      maxDepth: options.maxDepth ?? 3,
      minSamplesLeaf: options.minSamplesLeaf ?? 1,
      maxFeatures: mtry,
      rng,
    });
    if (task === 'classification') {
      const num = new Float64Array(tree.value.length),
        den = new Float64Array(tree.value.length);
      for (let i = 0; i < n; i++) {
        const l = leafOf[i]!;
        if (l >= 0) {
          num[l] += resid[i]!;
          den[l] += prob[i]! * (1 - prob[i]!);
        }
      }
      for (let k = 0; k < tree.value.length; k++) {
        if (tree.feature[k]! >= 0) {
          tree.value[k] = tree.value[k]! * lr;
          continue;
        }
        tree.value[k] = lr * (Math.abs(den[k]!) < 1e-150 ? 0 : num[k]! / den[k]!);
      }
    } else for (let k = 0; k < tree.value.length; k++) tree.value[k] = tree.value[k]! * lr;
    // update raw scores (training rows by their leaf; rows left out by subsampling by traversal)
    for (let i = 0; i < n; i++) {
      let l = leafOf[i]!;
      if (l < 0) {
        l = 0;
        while (tree.feature[l]! >= 0) l = x.data[i * x.nCols + tree.feature[l]!]! <= tree.threshold[l]! ? tree.left[l]! : tree.right[l]!;
      }
      raw[i] += tree.value[l]!;
    }
    trees.push(tree);
  }
  return ensembleModel({
    kind: 'gradient-boosting',
    task,
    nFeatures: x.nCols,
    trees,
    base,
    aggregation: 'sum',
    link: task === 'classification' ? 'logit' : 'identity',
  });
}

export function gradientBoostingLearner(options: BoostingOptions = {}): Learner {
  return { kind: 'gradient-boosting', fit: (x, y, task) => fitGradientBoosting(x, y, task, options) };
}
