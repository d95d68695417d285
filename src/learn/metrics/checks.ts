import { VesselprintError } from '../../core/errors.js';

/** Validates a binary label vector and a score vector of the same length; returns class counts. */
export function checkBinary(y: ArrayLike<number>, score: ArrayLike<number>, fn: string): { nPos: number; nNeg: number } {
  if (y.length !== score.length) throw new VesselprintError('SHAPE_MISMATCH', `${fn}: ${y.length} labels but ${score.length} scores`);
  let nPos = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new VesselprintError('BAD_ARGUMENT', `${fn}: labels must be 0/1, got ${y[i]} at position ${i + 1}`);
    if (!Number.isFinite(score[i]!))
      throw new VesselprintError('BAD_ARGUMENT', `${fn}: score at position ${i + 1} is not finite (${score[i]})`);
    nPos += y[i]!;
  }
  const nNeg = y.length - nPos;
  if (nPos === 0 || nNeg === 0)
    throw new VesselprintError('BAD_ARGUMENT', `${fn}: needs both classes, got ${nPos} positives and ${nNeg} negatives`);
  return { nPos, nNeg };
}

/** Validates two equal-length finite numeric vectors. */
export function checkPaired(a: ArrayLike<number>, b: ArrayLike<number>, fn: string): void {
  if (a.length !== b.length) throw new VesselprintError('SHAPE_MISMATCH', `${fn}: ${a.length} vs ${b.length} values`);
  if (a.length === 0) throw new VesselprintError('EMPTY_INPUT', `${fn}: no values`);
}
