/**
 * Feature binning for the tree learners: each feature's values are mapped to at most `maxBins`
 * (≤ 256) ordered bins. A feature with ≤ maxBins distinct values gets one bin per value and
 * split thresholds at the midpoints between consecutive distinct values (exact CART); otherwise
 * cut points sit at quantiles of the training values (as scikit-learn's HistGradientBoosting).
 * bin(x) = number of edges strictly below x, so `bin(x) ≤ b ⇔ x ≤ edges[b]`: a split on bins is
 * a split `x ≤ threshold` on the raw values, which is what the stored trees use.
 */
import { VesselprintError } from '../../core/errors.js';
import type { Matrix } from '../types.js';

export interface BinnedFeatures {
  /** Column-major bin codes: code of row i, feature j at `codes[j * nRows + i]`. */
  codes: Uint8Array;
  /** Column-major raw values (same layout as codes), used to place thresholds midway between the training values a split separates (as CART/scikit-learn). */
  values: Float64Array;
  /** Increasing thresholds per feature (length = bins − 1). */
  edges: Float64Array[];
  nRows: number;
  nCols: number;
}

/** Cut points of one feature. */
export function featureEdges(values: Float64Array, maxBins: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const uniq: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) uniq.push(sorted[i]!);
  if (uniq.length <= maxBins) {
    const e = new Float64Array(Math.max(0, uniq.length - 1));
    for (let k = 0; k + 1 < uniq.length; k++) e[k] = uniq[k]! + (uniq[k + 1]! - uniq[k]!) / 2;
    return e;
  }
  const edges: number[] = [];
  const n = sorted.length;
  for (let k = 1; k < maxBins; k++) {
    const v = sorted[Math.min(n - 1, Math.floor((k * n) / maxBins))]!;
    // midpoint between v and the next larger distinct value
    let lo = 0,
      hi = uniq.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (uniq[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    if (uniq[lo]! <= v) continue;
    const e = v + (uniq[lo]! - v) / 2;
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  return Float64Array.from(edges);
}

/** Bin index of x: the number of edges strictly below x (binary search). */
export function binOf(edges: Float64Array, x: number): number {
  let lo = 0,
    hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Bins every feature of `x` (fitted on these rows only).
 * @throws VesselprintError BAD_ARGUMENT on a NaN/infinite value (impute first).
 */
export function binFeatures(x: Matrix, maxBins = 256): BinnedFeatures {
  if (maxBins < 2 || maxBins > 256)
    throw new VesselprintError('BAD_ARGUMENT', `maxBins must be in [2, 256], got ${maxBins}`, { field: 'maxBins' });
  const { nRows: n, nCols: p, data } = x;
  const codes = new Uint8Array(n * p);
  const values = new Float64Array(n * p);
  const edges: Float64Array[] = [];
  const col = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      const v = data[i * p + j]!;
      if (!Number.isFinite(v))
        throw new VesselprintError(
          'BAD_ARGUMENT',
          `tree learners need finite features (impute missing values first): row ${i + 1}, feature ${j + 1} is ${v}`,
        );
      col[i] = v;
      values[j * n + i] = v;
    }
    const e = featureEdges(col, maxBins);
    edges.push(e);
    for (let i = 0; i < n; i++) codes[j * n + i] = binOf(e, col[i]!);
  }
  return { codes, values, edges, nRows: n, nCols: p };
}
