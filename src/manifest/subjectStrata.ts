import { VesselprintError } from '../core/errors.js';
import type { CovariateValue, ManifestRow } from './schema.js';

/** The row fields the splitters need. */
export type SplitRow = Pick<ManifestRow, 'subject_id' | 'image_id'> & { covariates?: Record<string, CovariateValue> };

/** Stratum key given to subjects whose stratification value is missing. */
const MISSING_STRATUM = 'NA';

/**
 * Groups rows by subject (subjects sorted by id, so the result does not depend on row order)
 * and gives each subject its stratum: the text of covariate `stratifyBy` (missing → 'NA'), or
 * one stratum for all when `stratifyBy` is undefined.
 * @throws VesselprintError `BAD_ARGUMENT` when a subject's rows disagree on `stratifyBy`, or no rows.
 */
export function subjectStrata(
  rows: readonly SplitRow[],
  stratifyBy?: string,
): { subjects: string[]; stratum: Map<string, string>; images: Map<string, string[]> } {
  if (rows.length === 0) throw new VesselprintError('EMPTY_INPUT', 'split: the manifest has no rows');
  const images = new Map<string, string[]>();
  const stratum = new Map<string, string>();
  for (const r of rows) {
    const list = images.get(r.subject_id) ?? [];
    list.push(r.image_id);
    images.set(r.subject_id, list);
    let s = '';
    if (stratifyBy !== undefined) {
      const v = r.covariates?.[stratifyBy];
      s = v === null || v === undefined ? MISSING_STRATUM : String(v);
    }
    const prev = stratum.get(r.subject_id);
    if (prev !== undefined && prev !== s) {
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `split: subject ${r.subject_id} has ${stratifyBy}="${prev}" in one row and "${s}" in another; stratify by a covariate fixed per subject`,
        { field: stratifyBy ?? 'stratifyBy' },
      );
    }
    stratum.set(r.subject_id, s);
  }
  const subjects = [...images.keys()].sort();
  return { subjects, stratum, images };
}

/** Subjects grouped by stratum (strata sorted by key, subjects sorted by id within). */
export function byStratum(subjects: string[], stratum: Map<string, string>): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const s of subjects) {
    const k = stratum.get(s)!;
    const g = groups.get(k) ?? [];
    g.push(s);
    groups.set(k, g);
  }
  return [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
