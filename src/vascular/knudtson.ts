import { VesselprintError } from '../core/errors.js';

/**
 * Central retinal artery / vein equivalent (CRAE / CRVE) by the revised Knudtson formulas:
 * the six widest vessels are combined pairwise, the widest with the narrowest, by
 *   arterioles  ŵ = 0.88 · √(w₁² + w₂²),   venules  ŵ = 0.95 · √(w₁² + w₂²),
 * an odd middle value being carried to the next round, until one value remains.
 *
 * Reference: M. D. Knudtson et al., "Revised formulas for summarizing retinal vessel
 * diameters", Curr. Eye Res. 27(3):143–149, 2003, doi:10.1076/ceyr.27.3.143.16049.
 *
 * @param widths vessel widths (any unit; the result has the same unit), measured in zone B
 * @param kind `"artery"` (CRAE) or `"vein"` (CRVE)
 * @param count number of widest vessels used (default 6)
 * @throws VesselprintError EMPTY_INPUT when no width is given
 * @example knudtson([100, 100], 'artery') // 0.88·√20000 ≈ 124.45
 */
export function knudtson(widths: readonly number[], kind: 'artery' | 'vein', count = 6): number {
  const k = kind === 'artery' ? 0.88 : 0.95;
  let w = widths
    .filter((x) => Number.isFinite(x) && x > 0)
    .sort((a, b) => b - a)
    .slice(0, count);
  if (w.length === 0) throw new VesselprintError('EMPTY_INPUT', `knudtson: no ${kind} widths given`);
  while (w.length > 1) {
    const next: number[] = [];
    let i = 0,
      j = w.length - 1;
    while (i < j) {
      next.push(k * Math.hypot(w[i]!, w[j]!));
      i++;
      j--;
    }
    if (i === j) next.push(w[i]!);
    w = next.sort((a, b) => b - a);
  }
  return w[0]!;
}
