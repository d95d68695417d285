/**
 * Shared steps of the SHAP figures: validating names, ranking features by mean |φ| and folding
 * the rest into one "sum of N other features" row (as in the shap package's plots).
 */
import { VesselprintError } from '../core/errors.js';
import type { ShapExplanation } from '../explain/types.js';

/** Rounds to 6 significant digits (keeps specs small and stable as data). @example sig6(1/3) // 0.333333 */
export function sig6(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
}

/** Checks that there is one name per feature. */
export function checkNames(expl: ShapExplanation, names: readonly string[], who: string): void {
  if (names.length !== expl.nFeatures)
    throw new VesselprintError('SHAPE_MISMATCH', `${who}: ${names.length} feature names for ${expl.nFeatures} SHAP columns`, {
      field: 'featureNames',
    });
}

/** Mean |φ_j| over rows for every feature. */
export function meanAbsShap(expl: ShapExplanation): Float64Array {
  const m = expl.nFeatures,
    out = new Float64Array(m);
  for (let r = 0; r < expl.nRows; r++) for (let j = 0; j < m; j++) out[j] += Math.abs(expl.values[r * m + j]!) / expl.nRows;
  return out;
}

/**
 * Features in decreasing mean |φ| (ties by index); `shown` holds at most `maxDisplay − 1`
 * features when the rest are folded (all `maxDisplay` when nothing would be folded).
 */
export function rankFeatures(expl: ShapExplanation, maxDisplay: number): { shown: number[]; other: number[] } {
  if (!(Number.isInteger(maxDisplay) && maxDisplay >= 1))
    throw new VesselprintError('BAD_ARGUMENT', `maxDisplay must be a positive integer, got ${maxDisplay}`, { field: 'maxDisplay' });
  const imp = meanAbsShap(expl);
  const order = Array.from({ length: expl.nFeatures }, (_, j) => j).sort((a, b) => imp[b]! - imp[a]! || a - b);
  if (order.length <= maxDisplay) return { shown: order, other: [] };
  return { shown: order.slice(0, maxDisplay - 1), other: order.slice(maxDisplay - 1) };
}

/** Label of the folded row. @example otherLabel(3) // 'Sum of 3 other features' */
export function otherLabel(n: number): string {
  return `Sum of ${n} other feature${n === 1 ? '' : 's'}`;
}

/** Axis title of SHAP values on the explanation's scale. */
export function shapAxisTitle(expl: ShapExplanation): string {
  return `SHAP value (${expl.outputScale === 'raw' ? 'model output' : expl.outputScale})`;
}
