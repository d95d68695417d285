import { MISSING_TOKENS } from './schema.js';

/** True when a cell means "missing": absent, empty, or NA / NaN / null (case-insensitive). */
export function isMissing(cell: string | undefined): boolean {
  return cell === undefined || (MISSING_TOKENS as readonly string[]).includes(cell.trim().toLowerCase());
}

/**
 * Parses a decimal number strictly (optional sign, digits, optional fraction and exponent);
 * anything else (units, commas, spaces inside, hex) gives NaN.
 * @example parseNumber('1.5e3') // 1500
 * @example parseNumber('12 mmHg') // NaN
 */
export function parseNumber(cell: string): number {
  const s = cell.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
}
