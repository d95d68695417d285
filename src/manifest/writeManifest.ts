import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { VesselprintError } from '../core/errors.js';
import { STANDARD_COLUMNS, manifestSchemaFileSchema, schemaPathFor } from './schema.js';
import type { ManifestRow, ManifestSchema } from './schema.js';
import { scalarText } from '../core/text.js';

/** A row to write: a {@link ManifestRow} without its file row number. */
export type ManifestRowInput = Omit<ManifestRow, 'row'>;

/**
 * Writes a manifest CSV and its schema file `<path>.schema.json`, both atomically. Columns: the
 * standard columns that any row uses (in the order of `STANDARD_COLUMNS`; the required ones
 * always), then the covariates in the order of `schema.covariates`. Missing values are written
 * as empty cells; numbers with JavaScript's shortest round-trip text. Deterministic.
 * @throws VesselprintError `BAD_ARGUMENT` when a row has a covariate the schema does not name,
 *   or the schema is invalid.
 * @example writeManifest('out/cohort.csv', rows, { version: 1, covariates: { age: { type: 'numeric', scope: 'visit', unit: 'years' } } });
 */
export function writeManifest(path: string, rows: ManifestRowInput[], schema: ManifestSchema): void {
  const checked = manifestSchemaFileSchema.safeParse(schema);
  if (!checked.success)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `writeManifest: invalid schema: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      { path },
    );
  const covs = Object.keys(schema.covariates);
  const used = STANDARD_COLUMNS.filter(
    (c) =>
      ['subject_id', 'image_id', 'image_path', 'modality', 'visit'].includes(c) ||
      rows.some((r) => r[c as keyof ManifestRowInput] !== undefined),
  );
  const lines: string[][] = [[...used, ...covs]];
  rows.forEach((r, i) => {
    for (const k of Object.keys(r.covariates)) {
      if (!covs.includes(k))
        throw new VesselprintError('BAD_ARGUMENT', `writeManifest: row ${i + 1} has covariate "${k}" that the schema does not describe`, {
          path,
          row: i + 1,
          field: k,
        });
    }
    lines.push([
      ...used.map((c) => {
        const v = r[c as keyof ManifestRowInput];
        return scalarText(v);
      }),
      ...covs.map((c) => {
        const v = r.covariates[c];
        return v === null || v === undefined ? '' : String(v);
      }),
    ]);
  });
  writeFileAtomic(path, stringify(lines));
  writeFileAtomic(schemaPathFor(path), `${JSON.stringify(schema, null, 2)}\n`);
}
