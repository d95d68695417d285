/**
 * Decision tree and random forest (Breiman 2001, doi:10.1023/A:1010933404324) learners on
 * binned features (see binning.ts). Classification trees predict the class-1 frequency of the
 * leaf (Gini splits); regression trees the leaf mean (squared-error splits). A forest averages
 * bootstrap-grown trees that try a random subset of `maxFeatures` features at each node
 * (default √p for classification, p for regression, as scikit-learn 1.2).
 */
import { createRng } from '../../core/rng.js';
import { VesselprintError } from '../../core/errors.js';
import type { Matrix, Task } from '../types.js';
import { binFeatures } from './binning.js';
import { growTree } from './growTree.js';
import { ensembleModel, type TreeEnsemble } from './treeEnsemble.js';
import type { FittedModel, Learner } from './types.js';

export interface TreeOptions {
  maxDepth?: number;
  minSamplesSplit?: number;
  minSamplesLeaf?: number;
  /** Maximum bins per feature (2–256). Default 256. */
  maxBins?: number;
}

export interface ForestOptions extends TreeOptions {
  /** Number of trees. Default 100. */
  nTrees?: number;
  /** Features per split: a count, a fraction in (0, 1], or 'sqrt'. Default 'sqrt' (classification) / 1.0 (regression). */
  maxFeatures?: number | 'sqrt';
  /** Bootstrap the rows of each tree. Default true. */
  bootstrap?: boolean;
  /** Seed. Default 0. */
  seed?: number;
}

function checkY(y: Float64Array, x: Matrix, task: Task, who: string): void {
  if (y.length !== x.nRows) throw new VesselprintError('SHAPE_MISMATCH', `${who}: ${x.nRows} rows but ${y.length} outcomes`);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]!)) throw new VesselprintError('BAD_ARGUMENT', `${who}: outcome at row ${i + 1} is not finite`);
    if (task === 'classification' && y[i] !== 0 && y[i] !== 1)
      throw new VesselprintError('BAD_ARGUMENT', `${who}: classification outcome must be 0/1, got ${y[i]} at row ${i + 1}`);
  }
}

/** Resolves maxFeatures to a count. */
export function resolveMaxFeatures(m: number | 'sqrt' | undefined, p: number, task: Task): number {
  if (m === undefined) m = task === 'classification' ? 'sqrt' : 1;
  if (m === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(p)));
  if (m > 0 && m <= 1) return Math.max(1, Math.floor(m * p));
  if (Number.isInteger(m) && m >= 1) return Math.min(p, m);
  throw new VesselprintError('BAD_ARGUMENT', `maxFeatures must be 'sqrt', a fraction in (0, 1] or a positive integer, got ${m}`, {
    field: 'maxFeatures',
  });
}

/**
 * Fits a random forest.
 * @example fitRandomForest(x, y, 'classification', { nTrees: 500, seed: 1 }).predict(xTest)
 */
export function fitRandomForest(
  x: Matrix,
  y: Float64Array,
  task: Task,
  options: ForestOptions = {},
): FittedModel & { ensemble: TreeEnsemble } {
  checkY(y, x, task, 'randomForest');
  const nTrees = options.nTrees ?? 100;
  const bins = binFeatures(x, options.maxBins ?? 256);
  const mtry = resolveMaxFeatures(options.maxFeatures, x.nCols, task);
  const rng = createRng(options.seed ?? 0);
  const trees = [];
  const w = new Float64Array(x.nRows);
  for (let t = 0; t < nTrees; t++) {
    const tr = rng.fork(`tree-${t}`);
    if (options.bootstrap ?? true) {
      w.fill(0);
      for (let i = 0; i < x.nRows; i++) w[Math.floor(tr.uniform() * x.nRows)] += 1;
    } else w.fill(1);
    trees.push(growTree(bins, y, w, { ...grow(options), maxFeatures: mtry, rng: tr }).tree);
  }
  return ensembleModel({ kind: 'random-forest', task, nFeatures: x.nCols, trees, base: 0, aggregation: 'mean', link: 'identity' });
}

function grow(o: TreeOptions): { maxDepth?: number; minSamplesSplit?: number; minSamplesLeaf?: number } {
  return {
    ...(o.maxDepth !== undefined ? { maxDepth: o.maxDepth } : {}),
    ...(o.minSamplesSplit !== undefined ? { minSamplesSplit: o.minSamplesSplit } : {}),
    ...(o.minSamplesLeaf !== undefined ? { minSamplesLeaf: o.minSamplesLeaf } : {}),
  };
}

/**
 * Fits one CART tree on all rows and all features.
 * @example fitDecisionTree(x, y, 'regression', { maxDepth: 3 }).ensemble.trees[0]
 */
export function fitDecisionTree(
  x: Matrix,
  y: Float64Array,
  task: Task,
  options: TreeOptions = {},
): FittedModel & { ensemble: TreeEnsemble } {
  checkY(y, x, task, 'decisionTree');
  const bins = binFeatures(x, options.maxBins ?? 256);
  const { tree } = growTree(bins, y, new Float64Array(x.nRows).fill(1), grow(options));
  return ensembleModel({ kind: 'tree', task, nFeatures: x.nCols, trees: [tree], base: 0, aggregation: 'mean', link: 'identity' });
}

/** Learner wrappers for cross-validation. */
export function randomForestLearner(options: ForestOptions = {}): Learner {
  return { kind: 'random-forest', fit: (x, y, task) => fitRandomForest(x, y, task, options) };
}
export function decisionTreeLearner(options: TreeOptions = {}): Learner {
  return { kind: 'tree', fit: (x, y, task) => fitDecisionTree(x, y, task, options) };
}
export { checkY };
