/**
 * SHAP values for the project's tree ensembles (learn/models/treeEnsemble.ts) on the raw output
 * scale: base + combine(trees), which is the probability for a random forest of class-1
 * frequencies (`link: 'identity'`) and the log-odds for gradient boosting (`link: 'logit'`).
 * Because the raw output is a sum (or mean) of trees, SHAP values are the sum (mean) of the
 * trees' SHAP values (Lundberg et al. 2020, doi:10.1038/s42256-019-0138-9).
 */
import { VesselprintError, oneOf } from '../core/errors.js';
import type { TreeEnsemble } from '../learn/models/treeEnsemble.js';
import { ensembleRaw } from '../learn/models/treeEnsemble.js';
import { predictTree } from '../learn/models/tree.js';
import type { Matrix } from '../learn/types.js';
import { treeExpectedValue, treeShapPathInto } from './treeShapPath.js';
import { treeShapInterventionalInto } from './treeShapInterventional.js';
import type { OutputScale, ShapExplanation, ShapInteractions } from './types.js';

export interface TreeShapOptions {
  /**
   * `path-dependent` (default): v(S) = E[f(X) | X_S = x_S] estimated from the trees' training
   * covers (no background data needed). `interventional`: v(S) = mean over `background` rows of
   * f(x_S, b_S̄) — the feature-independence ("causal") variant.
   */
  featurePerturbation?: 'path-dependent' | 'interventional';
  /** Background rows for `interventional` (e.g. ≤ 100–1000 training rows). Required there. */
  background?: Matrix;
}

function checkShape(e: TreeEnsemble, x: Matrix, who: string): void {
  if (x.nCols !== e.nFeatures)
    throw new VesselprintError('SHAPE_MISMATCH', `${who}: the model expects ${e.nFeatures} features, the rows have ${x.nCols}`);
  if (e.trees.length === 0) throw new VesselprintError('BAD_ARGUMENT', `${who}: the ensemble has no trees`);
}

/** The raw scale of an ensemble, named for users. */
export function ensembleScale(e: TreeEnsemble): OutputScale {
  return e.link === 'logit' ? 'log-odds' : e.task === 'classification' ? 'probability' : 'raw';
}

/**
 * Exact SHAP values of a tree ensemble for every row of `x`, on the raw output scale.
 * @throws VesselprintError SHAPE_MISMATCH, BAD_ARGUMENT (interventional without background)
 * @example treeShap(fitGradientBoosting(x, y, 'classification').ensemble, x).values // log-odds contributions
 */
export function treeShap(e: TreeEnsemble, x: Matrix, options: TreeShapOptions = {}): ShapExplanation {
  checkShape(e, x, 'treeShap');
  const mode = oneOf('featurePerturbation', options.featurePerturbation ?? 'path-dependent', ['path-dependent', 'interventional'] as const);
  const p = x.nCols,
    scale = e.aggregation === 'mean' ? 1 / e.trees.length : 1;
  const values = new Float64Array(x.nRows * p);
  let expectedValue: number;
  if (mode === 'path-dependent') {
    let ev = 0;
    for (const t of e.trees) ev += treeExpectedValue(t);
    expectedValue = e.base + ev * scale;
    for (let r = 0; r < x.nRows; r++) {
      const row = x.data.subarray(r * p, (r + 1) * p),
        phi = values.subarray(r * p, (r + 1) * p);
      for (const t of e.trees) treeShapPathInto(t, row, phi, scale);
    }
  } else {
    const bg = options.background;
    if (bg === undefined || bg.nRows === 0)
      throw new VesselprintError('BAD_ARGUMENT', 'treeShap: interventional SHAP needs background rows (options.background)', {
        field: 'background',
      });
    if (bg.nCols !== p) throw new VesselprintError('SHAPE_MISMATCH', `treeShap: background has ${bg.nCols} features, expected ${p}`);
    const raw = ensembleRaw(e, bg);
    expectedValue = raw.reduce((a, b) => a + b, 0) / bg.nRows;
    const s = scale / bg.nRows;
    for (let r = 0; r < x.nRows; r++) {
      const row = x.data.subarray(r * p, (r + 1) * p),
        phi = values.subarray(r * p, (r + 1) * p);
      for (let b = 0; b < bg.nRows; b++) {
        const brow = bg.data.subarray(b * p, (b + 1) * p);
        for (const t of e.trees) treeShapInterventionalInto(t, row, brow, phi, s);
      }
    }
  }
  return {
    expectedValue,
    values,
    nRows: x.nRows,
    nFeatures: p,
    output: ensembleRaw(e, x),
    outputScale: ensembleScale(e),
    method: `tree-${mode}`,
  };
}

/**
 * Exact path-dependent SHAP interaction values of a tree ensemble (Lundberg et al. 2020,
 * eq. (5)): Φ_ij = (φ_j | i on − φ_j | i off)/2 for i ≠ j, Φ_ii = φ_i − Σ_{j≠i} Φ_ij.
 * Each row's M×M matrix sums to f(x) − E[f(X)]. Cost M+1 TreeSHAP passes per row.
 * @example treeShapInteractions(ensemble, x).values // nRows·M·M
 */
export function treeShapInteractions(e: TreeEnsemble, x: Matrix): ShapInteractions {
  checkShape(e, x, 'treeShapInteractions');
  const p = x.nCols,
    scale = e.aggregation === 'mean' ? 1 / e.trees.length : 1;
  const out = new Float64Array(x.nRows * p * p);
  const on = new Float64Array(p),
    off = new Float64Array(p),
    phi = new Float64Array(p);
  for (let r = 0; r < x.nRows; r++) {
    const row = x.data.subarray(r * p, (r + 1) * p);
    const m = out.subarray(r * p * p, (r + 1) * p * p);
    phi.fill(0);
    for (const t of e.trees) treeShapPathInto(t, row, phi, scale);
    for (let i = 0; i < p; i++) {
      on.fill(0);
      off.fill(0);
      for (const t of e.trees) {
        treeShapPathInto(t, row, on, scale, 1, i);
        treeShapPathInto(t, row, off, scale, -1, i);
      }
      for (let j = 0; j < p; j++) if (j !== i) m[i * p + j] = (on[j]! - off[j]!) / 2;
    }
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) if (j !== i) s += m[i * p + j]!;
      m[i * p + i] = phi[i]! - s;
    }
  }
  let ev = 0;
  for (const t of e.trees) ev += treeExpectedValue(t);
  return { expectedValue: e.base + ev * scale, values: out, nRows: x.nRows, nFeatures: p, outputScale: ensembleScale(e) };
}

/** Tree predictions re-exported for explainers that need per-tree outputs. */
export { predictTree };
