import { join } from 'node:path';
import { writeCsv, columnOrder } from '../table/csv.js';
import type { FeatureRow } from '../table/types.js';
import { recruitmentRows } from '../capillaroscopy/recruitmentTable.js';

/** File name of the per-visit capillary recruitment table beside features.csv. */
const RECRUITMENT_FILE = 'recruitment.csv';

/**
 * Writes `recruitment.csv` (one row per subject visit with capillaroscopy recordings: density per
 * phase, absolute and relative recruitment; see docs/capillaroscopy.md) into `dir` when the feature
 * rows hold any recording; returns the number of visits written.
 */
export function writeRecruitmentTable(dir: string, rows: readonly FeatureRow[]): number {
  const rec = recruitmentRows(rows);
  if (rec.length > 0) writeCsv(join(dir, RECRUITMENT_FILE), rec, columnOrder(rec, ['subject_id', 'visit']));
  return rec.length;
}
