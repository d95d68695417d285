/**
 * Dose–response of a spline-modelled exposure (`rcs(x, k)` in the formula): the model-scale
 * effect of exposure value v relative to a reference value r, (B(v) − B(r))ᵀβ, with its CI from
 * √(cᵀVc), on a grid; plus the joint Wald tests of any association (all k−1 spline columns) and
 * of non-linearity (the k−2 non-linear columns). Harrell 2015, *Regression Modeling Strategies*
 * §2.4.5 and §2.7.2, doi:10.1007/978-3-319-19425-7.
 */
import { contrast, waldTest, type CoefCov } from './contrast.js';
import { rcsBasis } from './rcs.js';

export interface DoseResponsePoint {
  x: number;
  estimate: number;
  ciLow: number;
  ciHigh: number;
}

export interface DoseResponse {
  /** Reference exposure value (estimate 0 there). */
  reference: number;
  knots: number[];
  points: DoseResponsePoint[];
  /** Joint test of all spline columns (any association). */
  pOverall: number;
  /** Joint test of the non-linear columns. */
  pNonlinear: number;
}

export interface DoseResponseOptions {
  /** Reference value. Default: the median knot (middle of the knots). */
  reference?: number;
  /** Grid points between the outer knots. Default 50. */
  nGrid?: number;
  /** Confidence level. Default 0.95. */
  level?: number;
}

/**
 * @param columns design columns of the spline (k−1, linear first) in `fit`.
 * @example splineDoseResponse(fit, [1, 2, 3], knots).pNonlinear
 */
export function splineDoseResponse(
  fit: CoefCov,
  columns: readonly number[],
  knots: readonly number[],
  options: DoseResponseOptions = {},
): DoseResponse {
  const k = knots.length;
  const ref = options.reference ?? (knots[Math.floor((k - 1) / 2)]! + knots[Math.ceil((k - 1) / 2)]!) / 2;
  const nGrid = options.nGrid ?? 50;
  const lo = knots[0]!,
    hi = knots[k - 1]!;
  const bRef = rcsBasis(ref, knots);
  const points = Array.from({ length: nGrid }, (_, g) => {
    const v = lo + ((hi - lo) * g) / (nGrid - 1);
    const b = rcsBasis(v, knots);
    const c = new Float64Array(fit.coef.length);
    columns.forEach((col, j) => {
      c[col] = b[j]! - bRef[j]!;
    });
    const r = contrast(fit, c, options.level ?? 0.95);
    return { x: v, estimate: r.estimate, ciLow: r.ciLow, ciHigh: r.ciHigh };
  });
  return { reference: ref, knots: [...knots], points, pOverall: waldTest(fit, columns).p, pNonlinear: waldTest(fit, columns.slice(1)).p };
}
