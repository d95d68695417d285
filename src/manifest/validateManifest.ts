import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { EYES, MODALITIES, PHASES, REQUIRED_COLUMNS, SPLITS, STANDARD_COLUMNS } from './schema.js';
import type { CovariateValue, Eye, ManifestRow, ManifestSchema, Modality, Phase, SplitLabel } from './schema.js';
import type { ManifestProblem } from './problems.js';
import { readTable } from './readTable.js';
import { loadSchema } from './schemaFile.js';
import { isMissing, parseNumber } from './parseCell.js';

/** Options of {@link validateManifest}. */
export interface ValidateManifestOptions {
  /** Check that image_path, fov_mask_path, vessel_mask_path and av_mask_path exist. Default true. */
  checkFiles?: boolean;
}
export const DEFAULT_VALIDATE_OPTIONS: Required<ValidateManifestOptions> = { checkFiles: true };

/** Result of {@link validateManifest}. */
export interface ManifestValidation {
  manifestPath: string;
  /** Folder that relative paths in the manifest are resolved against. */
  baseDir: string;
  /** Parsed rows (best effort: a row with problems is still included with what could be parsed). */
  rows: ManifestRow[];
  schema: ManifestSchema;
  schemaInferred: boolean;
  /** Every problem found, errors and warnings, in file order. */
  problems: ManifestProblem[];
  /** True when there is no `error` problem. */
  valid: boolean;
}

/**
 * Loads and checks a manifest (CSV or JSON, see `schema.ts`), collecting ALL problems with
 * their row (1-based data row, header excluded) and column instead of stopping at the first:
 * missing required columns, ragged rows, empty required cells, duplicate image_id, unknown
 * modality, bad eye / split / pixel_spacing_um, files that do not exist, non-numeric or
 * out-of-range numeric covariates, unknown categorical levels, missing required covariates,
 * subject-scoped covariates that disagree between rows of one subject (visit-scoped: between
 * rows of one subject and visit), a subject in more than one split, covariates in the schema
 * but not in the manifest (error) and manifest columns the schema does not describe (warning).
 * Without a schema file the schema is inferred, with a warning.
 *
 * @throws VesselprintError only when the manifest cannot be read at all (missing file,
 *   unparseable CSV/JSON); everything else is a problem in the result.
 * @example
 * const v = validateManifest('data/cohort.csv');
 * for (const p of v.problems) console.log(formatProblem(p));
 */
export function validateManifest(manifestPath: string, options: ValidateManifestOptions = {}): ManifestValidation {
  const opts = { ...DEFAULT_VALIDATE_OPTIONS, ...options };
  const file = manifestPath;
  const baseDir = dirname(resolve(manifestPath));
  const table = readTable(manifestPath);
  const problems: ManifestProblem[] = [...table.problems];
  const err = (code: ManifestProblem['code'], message: string, row?: number, column?: string): void => {
    problems.push({
      severity: 'error',
      code,
      file,
      message,
      ...(row !== undefined ? { row } : {}),
      ...(column !== undefined ? { column } : {}),
    });
  };
  const has = new Set(table.columns);
  for (const c of REQUIRED_COLUMNS) if (!has.has(c)) err('MISSING_COLUMN', 'required column is missing from the header', undefined, c);
  if (table.records.length === 0) err('EMPTY_MANIFEST', 'the manifest has no data rows');

  const standard = new Set<string>(STANDARD_COLUMNS);
  const covariateColumns = table.columns.filter((c) => !standard.has(c));
  const cell = (i: number, c: string): string => (table.records[i]![c] ?? '').trim();
  const loaded = loadSchema(
    manifestPath,
    covariateColumns,
    table.records,
    (i) => cell(i, 'subject_id'),
    (i) => cell(i, 'visit'),
  );
  problems.push(...loaded.problems);
  const schema = loaded.schema;
  const rootDir = schema.root === undefined ? baseDir : resolve(baseDir, schema.root);
  for (const c of Object.keys(schema.covariates)) {
    if (!has.has(c))
      err('MISSING_COLUMN', `covariate "${c}" is described in ${loaded.schemaPath} but missing from the manifest`, undefined, c);
  }
  for (const c of covariateColumns) {
    if (schema.covariates[c] === undefined) {
      problems.push({
        severity: 'warning',
        code: 'UNDESCRIBED_COLUMN',
        file,
        column: c,
        message: `column is neither a standard column nor described in ${loaded.schemaPath}; it is ignored`,
      });
    }
  }

  const rows: ManifestRow[] = [];
  const firstRowOfImage = new Map<string, number>();
  table.records.forEach((rec, i) => {
    const row = i + 1;
    const get = (c: string): string => (rec[c] ?? '').trim();
    for (const c of ['subject_id', 'image_id', 'image_path', 'visit'] as const) {
      if (has.has(c) && get(c) === '') err('EMPTY_VALUE', 'value is empty', row, c);
    }
    const imageId = get('image_id');
    if (imageId !== '') {
      const prev = firstRowOfImage.get(imageId);
      if (prev !== undefined) err('DUPLICATE_IMAGE_ID', `image_id "${imageId}" is already used in row ${prev}`, row, 'image_id');
      else firstRowOfImage.set(imageId, row);
    }
    const modalityText = get('modality');
    const modality = (MODALITIES as readonly string[]).includes(modalityText) ? (modalityText as Modality) : undefined;
    if (has.has('modality') && modality === undefined)
      err('UNKNOWN_MODALITY', `expected one of ${MODALITIES.join(', ')}, got "${modalityText}"`, row, 'modality');
    const eyeText = get('eye');
    let eye: Eye | undefined;
    if (eyeText !== '') {
      if ((EYES as readonly string[]).includes(eyeText)) eye = eyeText as Eye;
      else err('BAD_EYE', `expected OD (right) or OS (left), got "${eyeText}"`, row, 'eye');
    } else if (modality === 'fundus') {
      err('EMPTY_VALUE', has.has('eye') ? 'fundus rows need the eye (OD or OS)' : 'fundus rows need an eye column (OD or OS)', row, 'eye');
    }
    const site = get('site');
    if (modality === 'skin' && site === '')
      err('EMPTY_VALUE', has.has('site') ? 'skin rows need the body site' : 'skin rows need a site column (body site)', row, 'site');
    let spacing: number | undefined;
    if (!isMissing(rec.pixel_spacing_um)) {
      spacing = parseNumber(get('pixel_spacing_um'));
      if (!(spacing > 0 && Number.isFinite(spacing))) {
        err('BAD_SPACING', `expected a positive number of µm per pixel, got "${get('pixel_spacing_um')}"`, row, 'pixel_spacing_um');
        spacing = undefined;
      }
    }
    if (modality === 'skin' && get('av_mask_path') !== '')
      err(
        'AV_MASK_NOT_FUNDUS',
        'av_mask_path (artery/vein labels) applies to fundus rows only; leave it empty on skin rows',
        row,
        'av_mask_path',
      );
    const splitText = get('split');
    let split: SplitLabel | undefined;
    if (splitText !== '') {
      if ((SPLITS as readonly string[]).includes(splitText)) split = splitText as SplitLabel;
      else err('BAD_SPLIT', `expected one of ${SPLITS.join(', ')} or empty, got "${splitText}"`, row, 'split');
    }
    const phaseText = get('phase');
    let phase: Phase | undefined;
    if (phaseText !== '') {
      if (!(PHASES as readonly string[]).includes(phaseText))
        err('BAD_PHASE', `expected one of ${PHASES.join(', ')} or empty, got "${phaseText}"`, row, 'phase');
      else if (modality === 'fundus')
        err('BAD_PHASE', 'phase applies to skin capillaroscopy recordings only; leave it empty on fundus rows', row, 'phase');
      else phase = phaseText as Phase;
    }
    for (const c of ['image_path', 'fov_mask_path', 'vessel_mask_path', 'av_mask_path'] as const) {
      const p = get(c);
      if (p === '') continue;
      const abs = isAbsolute(p) ? p : resolve(baseDir, p);
      const rel = relative(rootDir, abs);
      if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
        err(
          'PATH_OUTSIDE_ROOT',
          `${p} resolves to ${abs}, outside ${rootDir} (${schema.root === undefined ? "the manifest's folder" : 'the schema\'s "root"'}); set "root" in the schema file to allow another folder`,
          row,
          c,
        );
        continue;
      }
      if (opts.checkFiles) {
        if (!existsSync(abs)) err('MISSING_FILE', `file does not exist: ${p} (resolved to ${abs})`, row, c);
        else if (!statSync(abs).isFile()) err('MISSING_FILE', `not a file: ${p}`, row, c);
      }
    }
    const covariates: Record<string, CovariateValue> = {};
    for (const [c, spec] of Object.entries(schema.covariates)) {
      if (!has.has(c)) continue;
      const raw = rec[c];
      if (isMissing(raw)) {
        covariates[c] = null;
        if (spec.required) err('MISSING_VALUE', 'value is missing but the schema marks this covariate required', row, c);
        continue;
      }
      const text = raw!.trim();
      if (spec.type === 'numeric') {
        const v = parseNumber(text);
        if (Number.isNaN(v)) {
          err('NON_NUMERIC', `expected a number, got "${text}"`, row, c);
          covariates[c] = null;
          continue;
        }
        if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
          err(
            'OUT_OF_RANGE',
            `${v} is outside the plausible range [${spec.min ?? '-∞'}, ${spec.max ?? '∞'}]${spec.unit ? ` ${spec.unit}` : ''}`,
            row,
            c,
          );
        }
        covariates[c] = v;
      } else {
        if (!spec.levels.includes(text))
          err('UNKNOWN_LEVEL', `expected one of ${spec.levels.map((l) => `"${l}"`).join(', ')}, got "${text}"`, row, c);
        covariates[c] = text;
      }
    }
    const r: ManifestRow = {
      row,
      subject_id: get('subject_id'),
      image_id: imageId,
      image_path: get('image_path'),
      modality: modality ?? (modalityText as Modality),
      visit: get('visit'),
      covariates,
    };
    if (eye !== undefined) r.eye = eye;
    if (site !== '') r.site = site;
    if (spacing !== undefined) r.pixel_spacing_um = spacing;
    if (get('fov_mask_path') !== '') r.fov_mask_path = get('fov_mask_path');
    if (get('vessel_mask_path') !== '') r.vessel_mask_path = get('vessel_mask_path');
    if (get('av_mask_path') !== '') r.av_mask_path = get('av_mask_path');
    if (split !== undefined) r.split = split;
    if (phase !== undefined) r.phase = phase;
    rows.push(r);
  });

  problems.push(...scopeProblems(rows, schema, file));
  problems.push(...splitProblems(rows, file));
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    manifestPath,
    baseDir,
    rows,
    schema,
    schemaInferred: loaded.inferred,
    problems,
    valid: !problems.some((p) => p.severity === 'error'),
  };
}

/** Subject-scoped covariates must agree over a subject's rows; visit-scoped over (subject, visit). */
function scopeProblems(rows: ManifestRow[], schema: ManifestSchema, file: string): ManifestProblem[] {
  const out: ManifestProblem[] = [];
  for (const [c, spec] of Object.entries(schema.covariates)) {
    if (spec.scope === 'image') continue;
    const first = new Map<string, { value: CovariateValue; row: number }>();
    for (const r of rows) {
      const v = r.covariates[c];
      if (v === null || v === undefined || r.subject_id === '') continue;
      const key = spec.scope === 'subject' ? r.subject_id : `${r.subject_id}\u0000${r.visit}`;
      const f = first.get(key);
      if (f === undefined) first.set(key, { value: v, row: r.row });
      else if (f.value !== v) {
        const who = spec.scope === 'subject' ? `subject ${r.subject_id}` : `subject ${r.subject_id} at visit ${r.visit}`;
        out.push({
          severity: 'error',
          code: 'FIXED_COVARIATE_DISAGREES',
          file,
          row: r.row,
          column: c,
          message: `${c} is fixed per ${spec.scope}, but ${who} has "${v}" here and "${f.value}" in row ${f.row}`,
        });
      }
    }
  }
  return out;
}

/** A subject's rows must all be in one split. */
function splitProblems(rows: ManifestRow[], file: string): ManifestProblem[] {
  const out: ManifestProblem[] = [];
  const first = new Map<string, { split: SplitLabel; row: number }>();
  for (const r of rows) {
    if (r.split === undefined || r.subject_id === '') continue;
    const f = first.get(r.subject_id);
    if (f === undefined) first.set(r.subject_id, { split: r.split, row: r.row });
    else if (f.split !== r.split) {
      out.push({
        severity: 'error',
        code: 'SUBJECT_IN_SEVERAL_SPLITS',
        file,
        row: r.row,
        column: 'split',
        message: `subject ${r.subject_id} is in "${r.split}" here but in "${f.split}" in row ${f.row}; all images of a subject must share a split`,
      });
    }
  }
  return out;
}

/**
 * Absolute path of a path cell of a manifest row (image_path, fov_mask_path, vessel_mask_path, av_mask_path):
 * relative paths are resolved against the manifest's folder.
 */
export function resolveManifestPath(validation: Pick<ManifestValidation, 'baseDir'>, p: string): string {
  return isAbsolute(p) ? p : resolve(validation.baseDir, p);
}
