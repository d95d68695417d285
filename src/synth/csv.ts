import { scalarText } from '../core/text.js';

/**
 * Minimal RFC 4180 CSV writing for the cohort files: a cell is quoted when it holds a comma,
 * quote or line break; numbers are written with up to `digits` decimals (trailing zeros removed);
 * null, undefined and NaN become empty cells. Lines end with "\n".
 *
 * @example toCsv(['a', 'b'], [{ a: 1.23456789, b: 'x,y' }]) // 'a,b\n1.234568,"x,y"\n'
 */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[], digits = 6): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return '';
      return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(digits)));
    }
    const s = scalarText(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
