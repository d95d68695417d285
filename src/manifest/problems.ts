/**
 * A problem found in a manifest. `validateManifest` collects all of them instead of stopping at
 * the first; `error`s make a manifest invalid, `warning`s do not (e.g. a schema inferred
 * because no schema file exists).
 */
export type ProblemSeverity = 'error' | 'warning';

export type ProblemCode =
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'ROW_LENGTH'
  | 'EMPTY_VALUE'
  | 'DUPLICATE_IMAGE_ID'
  | 'UNKNOWN_MODALITY'
  | 'BAD_EYE'
  | 'BAD_PHASE'
  | 'AV_MASK_NOT_FUNDUS'
  | 'BAD_SPLIT'
  | 'BAD_SPACING'
  | 'MISSING_FILE'
  | 'PATH_OUTSIDE_ROOT'
  | 'IMAGE_UNREADABLE'
  | 'MASK_SIZE_MISMATCH'
  | 'NON_NUMERIC'
  | 'OUT_OF_RANGE'
  | 'UNKNOWN_LEVEL'
  | 'MISSING_VALUE'
  | 'FIXED_COVARIATE_DISAGREES'
  | 'SUBJECT_IN_SEVERAL_SPLITS'
  | 'UNDESCRIBED_COLUMN'
  | 'SCHEMA_INVALID'
  | 'SCHEMA_INFERRED'
  | 'EMPTY_MANIFEST';

export interface ManifestProblem {
  severity: ProblemSeverity;
  code: ProblemCode;
  /** The file the problem is in (the manifest, or its schema file). */
  file: string;
  /** 1-based data row (header excluded; JSON: array index + 1). */
  row?: number;
  column?: string;
  message: string;
}

/**
 * One line per problem: `FILE: row N: column C: message`, warnings prefixed with `warning: `.
 * @example formatProblem({ severity: 'error', code: 'NON_NUMERIC', file: 'm.csv', row: 3, column: 'age', message: 'expected a number, got "abc"' })
 * // 'm.csv: row 3: column age: expected a number, got "abc"'
 */
export function formatProblem(p: ManifestProblem): string {
  const where = [
    p.file,
    p.row !== undefined ? `row ${p.row}` : undefined,
    p.column !== undefined ? `column ${p.column}` : undefined,
  ].filter((s) => s !== undefined);
  return `${p.severity === 'warning' ? 'warning: ' : ''}${where.join(': ')}: ${p.message}`;
}
