/**
 * Restricted (natural) cubic spline basis in Harrell's parametrisation, as `rcs(x, k)` in R
 * `rms` / `Hmisc::rcspline.eval` (norm = 2): linear beyond the outer knots, k−1 columns
 * (x itself, then k−2 non-linear terms).
 *
 * Knots at Harrell's quantiles (type 7) of x: k=3: .10 .50 .90; k=4: .05 .35 .65 .95;
 * k=5: .05 .275 .50 .725 .95; k=6: .05 .23 .41 .59 .77 .95; k=7: .025 .1833 .3417 .5 .6583 .8167 .975
 * (Harrell 2015, *Regression Modeling Strategies*, 2nd ed., Table 2.3, doi:10.1007/978-3-319-19425-7).
 * Non-linear term j = 1…k−2 (eq. 2.25):
 *   Cⱼ(x) = [(x−tⱼ)₊³ − (x−t_{k−1})₊³ (t_k−tⱼ)/(t_k−t_{k−1}) + (x−t_k)₊³ (t_{k−1}−tⱼ)/(t_k−t_{k−1})] / (t_k−t₁)².
 */
import { VesselprintError } from '../../core/errors.js';
import { quantileSorted } from '../../core/quantile.js';

/** Harrell's default knot quantiles per number of knots. */
export const RCS_KNOT_QUANTILES: Readonly<Record<number, readonly number[]>> = {
  3: [0.1, 0.5, 0.9],
  4: [0.05, 0.35, 0.65, 0.95],
  5: [0.05, 0.275, 0.5, 0.725, 0.95],
  6: [0.05, 0.23, 0.41, 0.59, 0.77, 0.95],
  7: [0.025, 0.1833, 0.3417, 0.5, 0.6583, 0.8167, 0.975],
};

/**
 * Knots of `rcs(x, k)`: type-7 quantiles of x at Harrell's probabilities.
 * @throws VesselprintError BAD_ARGUMENT for k outside 3…7 or fewer distinct knots than k.
 * @example rcsKnots([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3) // [1.9, 5.5, 9.1]
 */
export function rcsKnots(x: readonly number[], k: number, what = 'x'): number[] {
  const probs = RCS_KNOT_QUANTILES[k];
  if (!probs) throw new VesselprintError('BAD_ARGUMENT', `rcs(${what}, ${k}): number of knots must be 3…7`, { field: what });
  const sorted = [...x].sort((a, b) => a - b);
  const knots = probs.map((q) => quantileSorted(sorted, q));
  for (let j = 1; j < k; j++) {
    if (!(knots[j]! > knots[j - 1]!))
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `rcs(${what}, ${k}): knots are not distinct (${knots.join(', ')}); use fewer knots or a more varied column`,
        { field: what },
      );
  }
  return knots;
}

/** The k−1 basis values of one x: [x, C₁(x), …, C_{k−2}(x)] (eq. 2.25, normalised by (t_k−t₁)²). */
export function rcsBasis(x: number, knots: readonly number[]): number[] {
  const k = knots.length,
    tk = knots[k - 1]!,
    tk1 = knots[k - 2]!,
    norm = (tk - knots[0]!) ** 2;
  const cube = (v: number): number => (v > 0 ? v * v * v : 0);
  const out = [x];
  for (let j = 0; j < k - 2; j++) {
    const tj = knots[j]!;
    out.push((cube(x - tj) - (cube(x - tk1) * (tk - tj)) / (tk - tk1) + (cube(x - tk) * (tk1 - tj)) / (tk - tk1)) / norm);
  }
  return out;
}

/** Column names of the basis, rms style: `age`, `age'`, `age''`, … */
export function rcsNames(column: string, k: number): string[] {
  return Array.from({ length: k - 1 }, (_, j) => column + "'".repeat(j));
}
