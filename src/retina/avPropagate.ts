import { VesselprintError } from '../core/errors.js';
import type { AvConstraint } from './avJunctionConstraints.js';

/** Options of {@link avPropagate}. */
export interface AvPropagateOptions {
  /** Mean-field sweeps. Default 30. */
  iterations?: number;
  /** Damping: each sweep moves a segment's field this fraction of the way to its new value. Default 0.5. */
  damping?: number;
}

/** Defaults of {@link AvPropagateOptions}. */
export const DEFAULT_AV_PROPAGATE: Required<AvPropagateOptions> = { iterations: 30, damping: 0.5 };

/**
 * Graph propagation of artery/vein evidence: mean-field inference on a pairwise (Ising) model of
 * segment types s ∈ {+1 artery, −1 vein} with unary log-odds uᵢ and couplings J between segments
 * that meet at junctions (`avJunctionConstraints`: J > 0 same type, J < 0 opposite types):
 *   hᵢ = uᵢ + Σⱼ Jᵢⱼ·mⱼ,   mᵢ = tanh(hᵢ / 2)   (mᵢ = E[sᵢ] = 2·P(artery) − 1),
 * iterated in id order with damping (deterministic). A short segment with weak or wrong evidence
 * between two confident segments of one vessel takes their type; a confident segment keeps its
 * own. The propagation of labels through the vessel tree is the idea of graph-based A/V
 * classification (Dashtbozorg, Mendonça & Campilho 2014, IEEE TIP 23(3):1073,
 * doi:10.1109/TIP.2013.2292794; Estrada et al. 2015, IEEE TMI 34(12):2518, doi:10.1109/TMI.2015.2443117).
 *
 * @param unary log-odds of "artery" per segment (index = segment id); NaN counts as 0 (no evidence)
 * @returns the final log-odds hᵢ per segment
 * @throws VesselprintError BAD_ARGUMENT for a constraint naming a segment outside `unary`
 * @example avPropagate([3, -0.5, 3], [{ a: 0, b: 1, weight: 2 }, { a: 1, b: 2, weight: 2 }])[1] > 0 // true: the middle segment flips to artery
 */
export function avPropagate(
  unary: ArrayLike<number>,
  constraints: readonly AvConstraint[],
  options: AvPropagateOptions = {},
): Float64Array {
  const o = { ...DEFAULT_AV_PROPAGATE, ...options };
  const n = unary.length;
  const nb: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  for (const c of constraints) {
    if (!(c.a >= 0 && c.a < n && c.b >= 0 && c.b < n))
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `avPropagate: constraint between segments ${c.a} and ${c.b}, but only ${n} segments have evidence`,
        { field: 'constraints' },
      );
    nb[c.a]!.push([c.b, c.weight]);
    nb[c.b]!.push([c.a, c.weight]);
  }
  const u = Float64Array.from({ length: n }, (_, i) => (Number.isFinite(unary[i]!) ? unary[i]! : 0));
  const h = u.slice();
  const m = Float64Array.from(h, (v) => Math.tanh(v / 2));
  for (let it = 0; it < o.iterations; it++) {
    for (let i = 0; i < n; i++) {
      let f = u[i]!;
      for (const [j, w] of nb[i]!) f += w * m[j]!;
      h[i] = (1 - o.damping) * h[i]! + o.damping * f;
      m[i] = Math.tanh(h[i]! / 2);
    }
  }
  return h;
}
