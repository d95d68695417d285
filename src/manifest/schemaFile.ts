import { existsSync, readFileSync } from 'node:fs';
import { manifestSchemaFileSchema, schemaPathFor } from './schema.js';
import type { CovariateScope, CovariateSpec, ManifestSchema } from './schema.js';
import type { ManifestProblem } from './problems.js';
import { isMissing, parseNumber } from './parseCell.js';

/** A schema loaded from the schema file, or inferred from the data. */
export interface LoadedSchema {
  schema: ManifestSchema;
  /** True when no schema file existed and the schema was inferred. */
  inferred: boolean;
  schemaPath: string;
  problems: ManifestProblem[];
}

/**
 * Loads `<manifest>.schema.json` (see {@link manifestSchemaFileSchema}); when it does not exist,
 * infers a schema from the covariate columns with a `SCHEMA_INFERRED` warning. An invalid
 * schema file gives `SCHEMA_INVALID` errors (one per zod issue, naming the JSON path) and the
 * inferred schema is used so that the remaining checks still run.
 */
export function loadSchema(
  manifestPath: string,
  covariateColumns: string[],
  records: Array<Record<string, string | undefined>>,
  subjectOf: (i: number) => string,
  visitOf: (i: number) => string,
): LoadedSchema {
  const schemaPath = schemaPathFor(manifestPath);
  const infer = (): ManifestSchema => inferSchema(covariateColumns, records, subjectOf, visitOf);
  if (!existsSync(schemaPath)) {
    const schema = infer();
    return {
      schema,
      inferred: true,
      schemaPath,
      problems: [
        {
          severity: 'warning',
          code: 'SCHEMA_INFERRED',
          file: manifestPath,
          message: `no schema file ${schemaPath}; inferred covariate types from the data (${describe(schema)}). Write the schema file to make them explicit`,
        },
      ],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(schemaPath, 'utf8'));
  } catch (e) {
    return {
      schema: infer(),
      inferred: true,
      schemaPath,
      problems: [{ severity: 'error', code: 'SCHEMA_INVALID', file: schemaPath, message: `not valid JSON: ${(e as Error).message}` }],
    };
  }
  const parsed = manifestSchemaFileSchema.safeParse(json);
  if (!parsed.success) {
    return {
      schema: infer(),
      inferred: true,
      schemaPath,
      problems: parsed.error.issues.map((iss) => ({
        severity: 'error' as const,
        code: 'SCHEMA_INVALID' as const,
        file: schemaPath,
        ...(iss.path.length > 0 ? { column: iss.path.map(String).join('.') } : {}),
        message: iss.message,
      })),
    };
  }
  return { schema: parsed.data, inferred: false, schemaPath, problems: [] };
}

/**
 * Infers a covariate schema: a column is `numeric` when every non-missing cell is a number,
 * else `categorical` with its sorted distinct values as levels. Scope: `subject` when the
 * non-missing values are constant within every subject, else `visit` when constant within
 * every (subject, visit), else `image`.
 * @example inferSchema(['sex'], [{ sex: 'F' }, { sex: 'M' }], (i) => `s${i}`, () => '1').covariates.sex
 * // { type: 'categorical', scope: 'subject', levels: ['F', 'M'] }
 */
export function inferSchema(
  columns: string[],
  records: Array<Record<string, string | undefined>>,
  subjectOf: (i: number) => string,
  visitOf: (i: number) => string,
): ManifestSchema {
  const covariates: Record<string, CovariateSpec> = {};
  for (const col of columns) {
    const cells = records.map((r) => r[col]);
    const present = cells.filter((c): c is string => !isMissing(c));
    // an all-missing column is called numeric: there is nothing to check either way
    const numeric = present.every((c) => !Number.isNaN(parseNumber(c)));
    const scope = inferScope(cells, subjectOf, visitOf);
    covariates[col] = numeric ? { type: 'numeric', scope } : { type: 'categorical', scope, levels: [...new Set(present)].sort() };
  }
  return { version: 1, covariates };
}

function inferScope(cells: Array<string | undefined>, subjectOf: (i: number) => string, visitOf: (i: number) => string): CovariateScope {
  const constantWithin = (key: (i: number) => string): boolean => {
    const first = new Map<string, string>();
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (isMissing(c)) continue;
      const k = key(i);
      const f = first.get(k);
      if (f === undefined) first.set(k, c!);
      else if (f !== c) return false;
    }
    return true;
  };
  if (constantWithin(subjectOf)) return 'subject';
  if (constantWithin((i) => `${subjectOf(i)}\u0000${visitOf(i)}`)) return 'visit';
  return 'image';
}

function describe(schema: ManifestSchema): string {
  const entries = Object.entries(schema.covariates);
  if (entries.length === 0) return 'no covariate columns';
  return entries.map(([k, v]) => `${k}: ${v.type}/${v.scope}`).join(', ');
}
