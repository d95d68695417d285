import { VesselprintError } from './errors.js';

/**
 * The imaging modalities vesselprint knows, defined once for every command and module:
 * `fundus` — colour fundus photograph of the retina; `skin` — skin capillary microscopy
 * (capillaroscopy / videomicroscopy).
 */
export const MODALITIES = ['fundus', 'skin'] as const;

/** One imaging modality: `'fundus' | 'skin'`. */
export type Modality = (typeof MODALITIES)[number];

/** True when `value` names a modality. @example isModality('skin') // true */
function isModality(value: unknown): value is Modality {
  return typeof value === 'string' && (MODALITIES as readonly string[]).includes(value);
}

/**
 * Parses a modality name, throwing a `BAD_ARGUMENT` error that lists the allowed values.
 * @param where what held the value, for the message (e.g. `--modality`, `manifest.csv row 4`)
 * @example parseModality('fundus', '--modality') // 'fundus'
 * @throws VesselprintError when the value is not one of {@link MODALITIES}
 */
export function parseModality(value: unknown, where = 'modality'): Modality {
  if (isModality(value)) return value;
  // same wording as oneOf(): `field --modality: expected one of "fundus", "skin", got "oct"`
  throw new VesselprintError(
    'BAD_ARGUMENT',
    `expected one of ${MODALITIES.map((m) => `"${m}"`).join(', ')}, got ${JSON.stringify(value)}`,
    { field: where },
  );
}
