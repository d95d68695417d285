import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VesselprintError } from '../core/errors.js';
import { readCsv, readCsvRaw, writeCsv } from '../table/csv.js';
import { writeFeatureTable, TABLE_FILES } from '../table/featureTable.js';
import { writeRecruitmentTable } from './recruitmentFile.js';
import type { DictionaryEntry, FeatureRow } from '../table/types.js';

export interface MergeSummary {
  parts: number;
  rows: number;
  failures: number;
}

/**
 * Joins the shard parts in `OUT/parts/shard-*-of-N/` into `OUT/features.csv`,
 * `features.parquet`, `failures.csv` and the data dictionary. Checks that all N parts are
 * present and that no image appears twice.
 */
export async function mergeShards(outDir: string): Promise<MergeSummary> {
  const partsDir = join(outDir, 'parts');
  if (!existsSync(partsDir))
    throw new VesselprintError('FILE_NOT_FOUND', 'no parts/ folder: run extract with --shard first', { path: outDir });
  const names = readdirSync(partsDir)
    .filter((n) => /^shard-\d{4}-of-\d{4}$/.test(n))
    .sort();
  if (names.length === 0) throw new VesselprintError('FILE_NOT_FOUND', 'no shard parts found', { path: partsDir });
  const counts = new Set(names.map((n) => Number(n.slice(-4))));
  if (counts.size !== 1)
    throw new VesselprintError('BAD_ARGUMENT', `parts from different shard counts: ${[...counts].join(', ')}`, { path: partsDir });
  const n = [...counts][0]!;
  const missing = Array.from({ length: n }, (_, i) => i).filter(
    (i) => !names.includes(`shard-${String(i).padStart(4, '0')}-of-${String(n).padStart(4, '0')}`),
  );
  if (missing.length)
    throw new VesselprintError('FILE_NOT_FOUND', `missing shard parts: ${missing.join(', ')} of ${n}`, { path: partsDir });
  const rows: FeatureRow[] = [];
  const failures: FeatureRow[] = [];
  let dictionary: DictionaryEntry[] = [];
  let extractorVersion = '';
  const seen = new Set<string>();
  for (const name of names) {
    const dir = join(partsDir, name);
    const csv = join(dir, TABLE_FILES.csv);
    if (!existsSync(csv))
      throw new VesselprintError('FILE_NOT_FOUND', 'shard part has no features.csv (still running or failed?)', { path: dir });
    for (const r of readCsvRaw(csv) as FeatureRow[]) {
      const id = String(r.image_id);
      if (seen.has(id)) throw new VesselprintError('BAD_ARGUMENT', `image ${id} appears in more than one shard`, { path: dir });
      seen.add(id);
      rows.push(r);
    }
    const f = join(dir, TABLE_FILES.failures);
    if (existsSync(f)) failures.push(...(readCsvRaw(f) as FeatureRow[]));
    const d = join(dir, TABLE_FILES.dictionary);
    if (existsSync(d) && dictionary.length === 0) {
      const dict = readCsv(d);
      dictionary = dict.map((e) => ({
        name: String(e.name),
        unit: String(e.unit ?? ''),
        definition: String(e.definition ?? ''),
        reference: String(e.reference ?? ''),
      }));
      extractorVersion = String(dict[0]?.extractor_version ?? '');
    }
  }
  await writeFeatureTable(outDir, rows, { dictionary, extractorVersion });
  writeRecruitmentTable(outDir, rows);
  failures.sort((a, b) => (String(a.image_id) < String(b.image_id) ? -1 : 1));
  writeCsv(join(outDir, TABLE_FILES.failures), failures, ['image_id', 'subject_id', 'image_path', 'manifest_row', 'reason']);
  return { parts: names.length, rows: rows.length, failures: failures.length };
}
