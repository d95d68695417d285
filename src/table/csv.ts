import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { VesselprintError } from '../core/errors.js';
import { scalarText } from '../core/text.js';
import type { FeatureRow } from './types.js';

/**
 * Column order of a table: `keyColumns` first (in the order given, those present), then every
 * other column in sorted order. Deterministic, so reruns and merged shards produce identical files.
 */
export function columnOrder(rows: readonly object[], keyColumns: readonly string[] = []): string[] {
  const all = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) all.add(k);
  const keys = keyColumns.filter((k) => all.has(k));
  const rest = [...all].filter((k) => !keys.includes(k)).sort();
  return [...keys, ...rest];
}

/**
 * Formats a cell for CSV: numbers with full precision (shortest round-trip), NaN/null/undefined →
 * empty, booleans as csv-stringify writes them (`1` / empty), other values via `scalarText`.
 */
function formatCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? '1' : '';
  return scalarText(v);
}

/** Serialises rows to CSV text (header + rows, RFC 4180 quoting). */
export function rowsToCsv(rows: readonly object[], columns: readonly string[]): string {
  const body = rows.map((r) => columns.map((c) => formatCell((r as Record<string, unknown>)[c])));
  return stringify([columns, ...body]);
}

/** Writes rows as CSV atomically (temp file + rename). */
export function writeCsv(path: string, rows: readonly object[], columns: readonly string[]): void {
  writeFileAtomic(path, rowsToCsv(rows, columns));
}

/**
 * Reads a CSV into rows; cells that parse as finite numbers become numbers, empty cells null.
 * @throws VesselprintError FILE_NOT_FOUND / CORRUPT_FILE naming the path.
 */
export function readCsv(path: string): FeatureRow[] {
  return readCsvRaw(path).map((rec) => {
    const row: FeatureRow = {};
    for (const [k, v] of Object.entries(rec)) {
      if (v === '') row[k] = null;
      else {
        const n = Number(v);
        // numbers only when written as numbers (no leading zeros: "007" stays an ID string)
        row[k] = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(v) && Number.isFinite(n) ? n : v;
      }
    }
    return row;
  });
}

/** Reads a CSV into rows of strings exactly as written (header = keys). */
export function readCsvRaw(path: string): Record<string, string>[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new VesselprintError('FILE_NOT_FOUND', 'cannot read CSV file', { path, cause: e });
  }
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  } catch (e) {
    throw new VesselprintError('CORRUPT_FILE', `not a valid CSV: ${(e as Error).message}`, { path, cause: e });
  }
  return records;
}
