import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { VesselprintError } from '../core/errors.js';
import type { ManifestProblem } from './problems.js';

/** A manifest as raw text cells: header and one record per data row (cells trimmed). */
export interface RawTable {
  columns: string[];
  /** records[i] is data row i + 1; a cell absent from the row is undefined. */
  records: Array<Record<string, string | undefined>>;
  /** Structural problems (ragged rows, duplicate header names). */
  problems: ManifestProblem[];
}

/**
 * Reads a manifest file as text cells. CSV (RFC 4180: comma-separated, double-quoted fields,
 * UTF-8 with or without BOM, first row = header; blank lines skipped) or JSON (an array of
 * flat objects; numbers/booleans become their text, null becomes an empty cell), chosen by the
 * extension `.json`, else CSV.
 * A row with more or fewer fields than the header is reported (`ROW_LENGTH`) and read as far as
 * it goes.
 * @throws VesselprintError `FILE_NOT_FOUND`, `FILE_UNREADABLE`, or `MANIFEST_INVALID` when the
 *   file is not parseable CSV/JSON at all (with the line number from the parser).
 */
export function readTable(path: string): RawTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VesselprintError('FILE_NOT_FOUND', 'manifest file does not exist', { path });
    throw new VesselprintError('FILE_UNREADABLE', `cannot read the manifest (${code ?? 'I/O error'})`, { path });
  }
  return extname(path).toLowerCase() === '.json' ? jsonTable(text, path) : csvTable(text, path);
}

function csvTable(text: string, path: string): RawTable {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new VesselprintError(
      'MANIFEST_INVALID',
      `not a valid CSV file${line !== undefined ? ` (near line ${line})` : ''}: ${(e as Error).message.split('\n')[0]}`,
      { path },
    );
  }
  if (rows.length === 0) throw new VesselprintError('MANIFEST_INVALID', 'the manifest is empty (no header row)', { path });
  const columns = rows[0]!;
  const problems: ManifestProblem[] = [];
  duplicateColumns(columns, path, problems);
  const records = rows.slice(1).map((cells, i) => {
    if (cells.length !== columns.length) {
      problems.push({
        severity: 'error',
        code: 'ROW_LENGTH',
        file: path,
        row: i + 1,
        message: `row has ${cells.length} fields but the header has ${columns.length}`,
      });
    }
    const rec: Record<string, string | undefined> = {};
    columns.forEach((c, k) => {
      if (!(c in rec)) rec[c] = cells[k];
    });
    return rec;
  });
  return { columns, records, problems };
}

function jsonTable(text: string, path: string): RawTable {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new VesselprintError('MANIFEST_INVALID', `not valid JSON: ${(e as Error).message}`, { path });
  }
  if (!Array.isArray(data)) throw new VesselprintError('MANIFEST_INVALID', 'a JSON manifest must be an array of row objects', { path });
  const columns: string[] = [];
  const problems: ManifestProblem[] = [];
  const records = data.map((item: unknown, i) => {
    const rec: Record<string, string | undefined> = {};
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ severity: 'error', code: 'ROW_LENGTH', file: path, row: i + 1, message: 'expected an object of column → value' });
      return rec;
    }
    for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
      if (!columns.includes(k)) columns.push(k);
      if (v === null || v === undefined) rec[k] = '';
      else if (typeof v === 'string') rec[k] = v.trim();
      else if (typeof v === 'number' || typeof v === 'boolean') rec[k] = String(v);
      else {
        problems.push({
          severity: 'error',
          code: 'ROW_LENGTH',
          file: path,
          row: i + 1,
          column: k,
          message: 'expected a string, number, boolean or null, got a nested value',
        });
        rec[k] = '';
      }
    }
    return rec;
  });
  return { columns, records, problems };
}

function duplicateColumns(columns: string[], path: string, problems: ManifestProblem[]): void {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c))
      problems.push({ severity: 'error', code: 'DUPLICATE_COLUMN', file: path, column: c, message: 'column appears twice in the header' });
    seen.add(c);
  }
}
