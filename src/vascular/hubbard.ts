import { VesselprintError } from '../core/errors.js';

/**
 * Central retinal artery / vein equivalent by the Parr–Hubbard formulas (the ARIC protocol,
 * used beside Knudtson's revision in the literature). All measured vessels are combined
 * pairwise, the widest with the narrowest (an odd middle value carried to the next round),
 * until one value is left, by
 *   arterioles  W = √(0.87·Wa² + 1.01·Wb² − 0.22·Wa·Wb − 10.76),
 *   venules     W = √(0.72·Wa² + 0.91·Wb² + 450.02),
 * Wa the narrower and Wb the wider branch, **in µm** (the constants are in µm²).
 *
 * Reference: L. D. Hubbard et al., "Methods for evaluation of retinal microvascular abnormalities
 * associated with hypertension/sclerosis in the Atherosclerosis Risk in Communities Study",
 * Ophthalmology 106(12):2269–2280, 1999, doi:10.1016/S0161-6420(99)90525-0 (formulas as restated
 * by Knudtson et al. 2003, doi:10.1076/ceyr.27.3.143.16049).
 *
 * @param widthsUm vessel widths in µm, measured in zone B
 * @param kind `"artery"` (CRAE) or `"vein"` (CRVE)
 * @throws VesselprintError EMPTY_INPUT when no positive width is given
 * @example hubbard([100, 100], 'artery') // √(0.87·10⁴ + 1.01·10⁴ − 0.22·10⁴ − 10.76) ≈ 128.8
 */
export function hubbard(widthsUm: readonly number[], kind: 'artery' | 'vein'): number {
  let w = widthsUm.filter((x) => Number.isFinite(x) && x > 0).sort((a, b) => b - a);
  if (w.length === 0) throw new VesselprintError('EMPTY_INPUT', `hubbard: no ${kind} widths given`);
  const combine =
    kind === 'artery'
      ? (a: number, b: number): number => Math.sqrt(Math.max(0, 0.87 * a * a + 1.01 * b * b - 0.22 * a * b - 10.76))
      : (a: number, b: number): number => Math.sqrt(0.72 * a * a + 0.91 * b * b + 450.02);
  while (w.length > 1) {
    const next: number[] = [];
    let i = 0,
      j = w.length - 1;
    while (i < j) {
      next.push(combine(w[j]!, w[i]!)); // Wa = narrower (w[j]), Wb = wider (w[i])
      i++;
      j--;
    }
    if (i === j) next.push(w[i]!);
    w = next.sort((a, b) => b - a);
  }
  return w[0]!;
}
