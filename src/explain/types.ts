/**
 * Shared types of explain/: SHAP explanations as plain data.
 */

/** Scale on which SHAP values add up: the model's raw output, log-odds, or probability. */
export type OutputScale = 'raw' | 'log-odds' | 'probability';

/**
 * SHAP values for `nRows` explained rows and `nFeatures` features:
 * `values[r * nFeatures + j]` is φ_j of row r, and for every row
 * `expectedValue + Σ_j φ_j = model output` on `outputScale` (local accuracy).
 */
export interface ShapExplanation {
  /** E[f(X)] on `outputScale` (the base value φ_0). */
  expectedValue: number;
  /** Row-major nRows × nFeatures SHAP values. */
  values: Float64Array;
  nRows: number;
  nFeatures: number;
  /** Model output per explained row on `outputScale` (expectedValue + Σφ). */
  output: Float64Array;
  outputScale: OutputScale;
  /** Which algorithm made it, e.g. 'tree-path-dependent'. */
  method: string;
}

/** SHAP interaction values: `values[(r * M + i) * M + j]`, symmetric in i, j; rows sum to φ_i. */
export interface ShapInteractions {
  expectedValue: number;
  values: Float64Array;
  nRows: number;
  nFeatures: number;
  outputScale: OutputScale;
}

/** The value of a coalition: `mask[j] = 1` when feature j is "present". */
export type CoalitionValue = (mask: Uint8Array) => number;
