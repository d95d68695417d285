import { z } from 'zod';
import type { Modality } from '../core/modality.js';

export { MODALITIES, type Modality } from '../core/modality.js';

/**
 * The manifest: one row per image. A CSV (header row, comma-separated, UTF-8) or a JSON array of
 * objects with these columns; every other column is a covariate, described by the schema file
 * `<manifest>.schema.json` beside it (e.g. `cohort.csv` → `cohort.csv.schema.json`).
 *
 * | column | required | meaning |
 * | --- | --- | --- |
 * | subject_id | yes | person; rows of one subject are never split across train/test |
 * | image_id | yes | unique over the manifest |
 * | image_path | yes | image file, relative to the manifest's folder (absolute paths allowed) |
 * | modality | yes | `fundus` or `skin` |
 * | eye | fundus rows | `OD` (right) or `OS` (left) |
 * | site | skin rows | body site, free text (e.g. `nailfold`, `forearm`) |
 * | visit | yes | visit label (e.g. `baseline`, `1`) |
 * | phase | no (skin recordings) | capillaroscopy phase: `baseline`, `hyperaemia` (peak post-occlusive reactive hyperaemia) or `congestion` (venous congestion); one recording per phase and visit gives capillary recruitment |
 * | pixel_spacing_um | no | µm per pixel, positive; overrides the file's own spacing |
 * | fov_mask_path | no | field-of-view mask, relative to the manifest |
 * | vessel_mask_path | no | manual vessel annotation, relative to the manifest |
 * | av_mask_path | no (fundus rows) | manual artery/vein label image (RGB red = artery, blue = vein, green = crossing, as HRF's; or one channel 1 / 2 / 3; `avMapsFromLabels`), relative to the manifest |
 * | split | no | `train`, `val` or `test` |
 */

/** Eye codes (ophthalmic convention): OD = right eye, OS = left eye. */
export const EYES = ['OD', 'OS'] as const;
export type Eye = (typeof EYES)[number];

/** Capillaroscopy phases of a skin recording (the `phase` column); the same union as `capillaroscopy/recruitment.ts`. */
export const PHASES = ['baseline', 'hyperaemia', 'congestion'] as const;
export type Phase = (typeof PHASES)[number];

export const SPLITS = ['train', 'val', 'test'] as const;
export type SplitLabel = (typeof SPLITS)[number];

/** Columns every manifest must have. */
export const REQUIRED_COLUMNS = ['subject_id', 'image_id', 'image_path', 'modality', 'visit'] as const;
/** Columns with a fixed meaning; any other column is a covariate. */
export const STANDARD_COLUMNS = [
  'subject_id',
  'image_id',
  'image_path',
  'modality',
  'eye',
  'site',
  'visit',
  'pixel_spacing_um',
  'fov_mask_path',
  'vessel_mask_path',
  'av_mask_path',
  'split',
  'phase',
] as const;
export type StandardColumn = (typeof STANDARD_COLUMNS)[number];

/** Cell texts read as a missing value (case-insensitive), besides the empty cell. */
export const MISSING_TOKENS = ['', 'na', 'nan', 'null'] as const;

/** A covariate value after parsing: number (numeric), string (categorical) or null (missing). */
export type CovariateValue = number | string | null;

/** One parsed manifest row. Paths are as written in the manifest (relative to its folder). */
export interface ManifestRow {
  /** 1-based data row number in the file (header excluded; JSON: array index + 1). */
  row: number;
  subject_id: string;
  image_id: string;
  image_path: string;
  modality: Modality;
  eye?: Eye;
  site?: string;
  visit: string;
  pixel_spacing_um?: number;
  fov_mask_path?: string;
  vessel_mask_path?: string;
  /** Manual artery/vein label image (fundus rows). */
  av_mask_path?: string;
  split?: SplitLabel;
  /** Capillaroscopy phase of a skin recording. */
  phase?: Phase;
  /** Covariate column → value, for every covariate column of the schema. */
  covariates: Record<string, CovariateValue>;
}

/**
 * Scope over which a covariate is constant: `subject` (fixed per person, e.g. sex, all rows of a
 * subject must agree), `visit` (fixed per subject and visit, e.g. systolic BP: rows of the same
 * subject and visit must agree) or `image` (may differ between any rows, e.g. image quality).
 */
export const COVARIATE_SCOPES = ['subject', 'visit', 'image'] as const;
export type CovariateScope = (typeof COVARIATE_SCOPES)[number];

const numericCovariate = z.strictObject({
  type: z.literal('numeric'),
  scope: z.enum(COVARIATE_SCOPES),
  /** Unit, free text (e.g. `years`, `mmHg`, `kg/m2`). */
  unit: z.string().optional(),
  description: z.string().optional(),
  /** Inclusive plausible range; values outside are problems. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** When true an empty/NA cell is a problem. Default false. */
  required: z.boolean().optional(),
});

const categoricalCovariate = z.strictObject({
  type: z.literal('categorical'),
  scope: z.enum(COVARIATE_SCOPES),
  /** Allowed values (exact text). */
  levels: z.array(z.string()).min(1),
  description: z.string().optional(),
  required: z.boolean().optional(),
});

/** zod schema of one covariate's description in the schema file. */
export const covariateSpecSchema = z.discriminatedUnion('type', [numericCovariate, categoricalCovariate]);
export type CovariateSpec = z.infer<typeof covariateSpecSchema>;
export type NumericCovariateSpec = z.infer<typeof numericCovariate>;
export type CategoricalCovariateSpec = z.infer<typeof categoricalCovariate>;

/**
 * zod schema of the schema file `<manifest>.schema.json`.
 *
 * @example
 * {
 *   "version": 1,
 *   "covariates": {
 *     "age": { "type": "numeric", "scope": "visit", "unit": "years", "min": 0, "max": 120 },
 *     "sex": { "type": "categorical", "scope": "subject", "levels": ["F", "M"] },
 *     "diabetes": { "type": "categorical", "scope": "subject", "levels": ["0", "1"] },
 *     "sbp": { "type": "numeric", "scope": "visit", "unit": "mmHg" }
 *   }
 * }
 */
export const manifestSchemaFileSchema = z.strictObject({
  version: z.literal(1),
  /**
   * Folder that every image and mask path must lie under: relative to the manifest's folder, or
   * absolute (e.g. `"../../hrf"` for images kept outside the repository). Default: the
   * manifest's own folder — a path leaving it (`../../etc/passwd`) is a PATH_OUTSIDE_ROOT error.
   */
  root: z.string().min(1).optional(),
  covariates: z.record(z.string().min(1), covariateSpecSchema),
});
export type ManifestSchema = z.infer<typeof manifestSchemaFileSchema>;

/** Path of the schema file of a manifest: the manifest path + `.schema.json`. */
export function schemaPathFor(manifestPath: string): string {
  return `${manifestPath}.schema.json`;
}
