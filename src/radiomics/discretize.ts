import { VesselprintError } from '../core/errors.js';

/**
 * Intensity discretization as defined by IBSI 1 (section 2.7):
 * - `none`: the intensities are the grey levels (they must be integers ≥ 1 inside the ROI);
 * - `fbn` (fixed bin number, IBSI K15C): X_d = floor(N_g (X − X_min)/(X_max − X_min)) + 1, and
 *   X_d = N_g for X = X_max; X_min and X_max are taken over the ROI;
 * - `fbs` (fixed bin size, IBSI Q3RU): X_d = floor((X − X_min)/w_b) + 1 with an explicit lower
 *   bound X_min (default: the ROI minimum). Values below the bound are an error.
 */
export type Discretization = { method: 'none' } | { method: 'fbn'; bins: number } | { method: 'fbs'; width: number; min?: number };

/** Default discretization of the extractor and CLI: 32 bins. */
export const DEFAULT_DISCRETIZATION: Discretization = { method: 'fbn', bins: 32 };

/** Grey levels in `1..ng` inside the mask (0 outside) and the number of levels `ng`. */
export interface DiscretizedLevels {
  levels: Int32Array;
  ng: number;
}

/**
 * Discretizes the intensities inside `mask` (values outside are ignored and get level 0).
 *
 * N_g is `bins` for FBN, and the highest level reached inside the ROI for FBS and `none`.
 * A constant ROI under FBN gets level 1 everywhere (N_g = 1; texture features that divide by
 * a spread then return NaN).
 *
 * @param values intensities, row-major
 * @param mask 1 = inside the ROI
 * @throws VesselprintError BAD_ARGUMENT for non-integer or < 1 intensities under `none`, an FBS
 *   lower bound above a ROI value, or invalid parameters; EMPTY_INPUT for an empty ROI.
 * @example
 * discretize(new Float64Array([0, 5, 10]), new Uint8Array([1, 1, 1]), { method: 'fbn', bins: 2 })
 * // { levels: Int32Array [1, 2, 2], ng: 2 }
 */
export function discretize(values: ArrayLike<number>, mask: Uint8Array, d: Discretization): DiscretizedLevels {
  const n = mask.length;
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i] === 0) continue;
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    count++;
  }
  if (count === 0) throw new VesselprintError('EMPTY_INPUT', 'discretize: the ROI has no pixels (empty intensity mask)');
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new VesselprintError('BAD_ARGUMENT', 'discretize: the ROI contains non-finite intensities (NaN or Infinity)');
  }
  const levels = new Int32Array(n);
  let ng = 0;
  if (d.method === 'none') {
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0) continue;
      const v = values[i]!;
      if (!Number.isInteger(v) || v < 1) {
        throw new VesselprintError(
          'BAD_ARGUMENT',
          `discretize: "none" needs integer intensities >= 1 inside the ROI, got ${v}; use fbs:1:MIN or fbn:N instead`,
          { field: 'discretization' },
        );
      }
      levels[i] = v;
    }
    ng = hi;
  } else if (d.method === 'fbn') {
    if (!Number.isInteger(d.bins) || d.bins < 1) {
      throw new VesselprintError('BAD_ARGUMENT', `discretize: fbn needs a positive integer number of bins, got ${d.bins}`, {
        field: 'discretization',
      });
    }
    const nb = d.bins;
    const range = hi - lo;
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0) continue;
      const v = values[i]!;
      levels[i] = range === 0 ? 1 : v >= hi ? nb : Math.floor((nb * (v - lo)) / range) + 1;
    }
    ng = range === 0 ? 1 : nb;
  } else {
    const w = d.width;
    if (!(w > 0) || !Number.isFinite(w)) {
      throw new VesselprintError('BAD_ARGUMENT', `discretize: fbs needs a positive bin width, got ${w}`, { field: 'discretization' });
    }
    const min = d.min ?? lo;
    if (min > lo) {
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `discretize: fbs lower bound ${min} is above the ROI minimum ${lo}; lower it or re-segment the ROI by range first`,
        { field: 'discretization' },
      );
    }
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0) continue;
      const l = Math.floor((values[i]! - min) / w) + 1;
      levels[i] = l;
      if (l > ng) ng = l;
    }
  }
  return { levels, ng };
}
