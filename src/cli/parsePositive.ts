import { VesselprintError } from '../core/errors.js';

/**
 * Parses a command-line number that must be finite and > 0 (a spacing, a size, a width in mm).
 * @param field the option, for the message (e.g. `--spacing-um`)
 * @throws VesselprintError BAD_ARGUMENT naming the option and the text given
 * @example parsePositive('6.5', '--spacing-um') // 6.5
 */
export function parsePositive(text: string, field: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || x <= 0)
    throw new VesselprintError('BAD_ARGUMENT', `expected a positive number, got "${text}"`, { field });
  return x;
}
