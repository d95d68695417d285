import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, renameSync, rmSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VesselprintError } from '../core/errors.js';
import { columnOrder, writeCsv } from './csv.js';
import type { DictionaryEntry, FeatureRow } from './types.js';

/** File names inside a feature-table folder (independent evaluation relies on these). */
export const TABLE_FILES = {
  csv: 'features.csv',
  parquet: 'features.parquet',
  dictionary: 'data-dictionary.csv',
  failures: 'failures.csv',
} as const;

/** Manifest key columns placed first in every table. */
const KEY_COLUMNS = ['image_id', 'subject_id', 'modality', 'eye', 'site', 'visit', 'split'] as const;

export interface WriteTableOptions {
  /** Dictionary entries for the columns (columns without one get a row saying so). */
  dictionary?: readonly DictionaryEntry[];
  /** Extractor version written into the dictionary. Default: '' */
  extractorVersion?: string;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * Writes a feature table to `dir`: `features.csv` (for R/SPSS/Stata), `features.parquet`
 * (typed, via DuckDB) and `data-dictionary.csv` (name, unit, definition, reference, extractor
 * version). Rows are sorted by `image_id` so the same rows always give byte-identical files.
 * Every file is written to a temporary name and renamed.
 */
export async function writeFeatureTable(dir: string, rows: readonly FeatureRow[], options: WriteTableOptions = {}): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const sorted = [...rows].sort((a, b) => String(a.image_id ?? '').localeCompare(String(b.image_id ?? '')));
  const columns = columnOrder(sorted, KEY_COLUMNS);
  const csvPath = join(dir, TABLE_FILES.csv);
  writeCsv(csvPath, sorted, columns);
  const byName = new Map((options.dictionary ?? []).map((d) => [d.name, d]));
  const dict: FeatureRow[] = columns.map((c) => {
    const d = byName.get(c);
    return {
      name: c,
      unit: d?.unit ?? '',
      definition:
        d?.definition ??
        (KEY_COLUMNS.includes(c as (typeof KEY_COLUMNS)[number]) ? 'manifest key' : 'manifest column (covariate or metadata)'),
      reference: d?.reference ?? '',
      extractor_version: options.extractorVersion ?? '',
    };
  });
  writeCsv(join(dir, TABLE_FILES.dictionary), dict, ['name', 'unit', 'definition', 'reference', 'extractor_version']);
  if (sorted.length > 0) await csvToParquet(csvPath, join(dir, TABLE_FILES.parquet));
}

/** Converts a CSV file to Parquet with DuckDB (types inferred), atomically. */
async function csvToParquet(csvPath: string, parquetPath: string): Promise<void> {
  const tmp = `${parquetPath}.${process.pid}.tmp`;
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    await con.run(
      `COPY (SELECT * FROM read_csv(${sqlString(resolve(csvPath))}, header = true, auto_detect = true, sample_size = -1)) TO ${sqlString(resolve(tmp))} (FORMAT parquet)`,
    );
    renameSync(tmp, parquetPath);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new VesselprintError('FILE_UNREADABLE', `cannot convert to Parquet: ${(e as Error).message}`, { path: csvPath, cause: e });
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}

/**
 * Row values as returned by {@link queryTable}: JSON-compatible. 64/128-bit integers become numbers
 * when they fit exactly (|v| ≤ 2^53 − 1), else strings; dates and decimals come as DuckDB's JSON text.
 */
export type QueryRow = Record<string, unknown>;

/**
 * Runs SQL against a feature-table folder. Views available: `features` (one row per image),
 * `subject_features` (per-subject mean of every numeric column over that subject's images of one
 * modality; `n_images` counts them), `failures` (when failures.csv exists).
 *
 * @example
 * await queryTable('out/demo', "SELECT subject_id, \"vascular.fractal_dimension_box\" FROM subject_features WHERE modality = 'fundus'");
 */
export async function queryTable(dir: string, sql: string): Promise<QueryRow[]> {
  const pq = join(dir, TABLE_FILES.parquet);
  if (!existsSync(pq))
    throw new VesselprintError('FILE_NOT_FOUND', 'no feature table here (features.parquet missing); run `vesselprint extract` first', {
      path: dir,
    });
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    await con.run(`CREATE VIEW features AS SELECT * FROM read_parquet(${sqlString(resolve(pq))})`);
    const cols = (await con.runAndReadAll('DESCRIBE features')).getRowObjectsJson() as { column_name: string; column_type: string }[];
    const numeric = cols.filter((c) => /INT|DOUBLE|FLOAT|DECIMAL|REAL/i.test(c.column_type) && !['visit'].includes(c.column_name));
    const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    const hasModality = cols.some((c) => c.column_name === 'modality');
    const group = hasModality ? 'subject_id, modality' : 'subject_id';
    const aggs = numeric.filter((c) => c.column_name !== 'subject_id').map((c) => `avg(${q(c.column_name)}) AS ${q(c.column_name)}`);
    await con.run(
      `CREATE VIEW subject_features AS SELECT ${group}, count(*) AS n_images${aggs.length ? ', ' + aggs.join(', ') : ''} FROM features GROUP BY ${group}`,
    );
    const fail = join(dir, TABLE_FILES.failures);
    if (existsSync(fail))
      await con.run(`CREATE VIEW failures AS SELECT * FROM read_csv(${sqlString(resolve(fail))}, header = true, all_varchar = true)`);
    const r = await con.runAndReadAll(sql);
    const names = r.columnNames();
    const wide = new Set(
      r
        .columnTypes()
        .map((t, i) => (/^(U?BIGINT|U?HUGEINT)$/.test(t.toString()) ? names[i]! : ''))
        .filter((n) => n !== ''),
    );
    return (r.getRowObjectsJson() as QueryRow[]).map((row) => {
      for (const k of wide) {
        const v = row[k];
        if (typeof v === 'string' && Number.isSafeInteger(Number(v))) row[k] = Number(v);
      }
      return row;
    });
  } catch (e) {
    if (e instanceof VesselprintError) throw e;
    throw new VesselprintError('BAD_ARGUMENT', `query failed: ${(e as Error).message}`, { path: dir, cause: e });
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}
