import { VesselprintError } from '../core/errors.js';
import { LIMITS } from './keys.js';

/** A value that {@link flattenParams} accepts: JSON-like data. */
export type ParamValue = string | number | boolean | null | undefined | readonly ParamValue[] | { readonly [k: string]: ParamValue };

/**
 * A validated config object (a zod-parsed interface, which TypeScript does not see as an index
 * signature) as `startRun`'s config. No copy of the values: `flattenParams` checks each one when
 * the run starts and names any value that is not a ParamValue.
 * @example startRun({ experiment: 'x', config: configParams(cfg) })
 */
export function configParams(config: object): { readonly [k: string]: ParamValue } {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v as ParamValue]));
}

/**
 * Flattens a nested config into MLflow params with dotted keys, as MLflow's autologgers do.
 * Objects recurse (`{a:{b:1}}` → `a.b`); arrays become their JSON text; numbers use
 * `String(x)`; `null` becomes `"null"`; `undefined` fields are skipped.
 *
 * @param config  plain object (e.g. an experiment config)
 * @param prefix  key prefix, default none
 * @returns key → string value, keys in insertion order
 * @throws VesselprintError `BAD_ARGUMENT` for a function, symbol or bigint value, naming its key
 * @example
 * flattenParams({ seed: 1, segment: { method: 'frangi', sigmas: [1, 2] } })
 * // { seed: '1', 'segment.method': 'frangi', 'segment.sigmas': '[1,2]' }
 */
export function flattenParams(config: { readonly [k: string]: ParamValue }, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (value: unknown, key: string): void => {
    if (value === undefined) return;
    if (value === null) out[key] = 'null';
    else if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    else if (Array.isArray(value)) out[key] = JSON.stringify(value);
    else if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0 && key !== '') out[key] = '{}';
      for (const [k, v] of entries) visit(v, key === '' ? k : `${key}.${k}`);
    } else {
      throw new VesselprintError('BAD_ARGUMENT', `cannot log a ${typeof value} as a param`, { field: key });
    }
  };
  visit(config, prefix);
  return out;
}

/**
 * MLflow params hold at most {@link LIMITS.paramValueLength} characters: a longer flattened
 * value (e.g. a list of 300 feature names) is replaced by a short note — the caller keeps the
 * full config in the run's `config.json` artifact, which is what readers such as
 * `explain RUN_ID` use. Shorter values are returned unchanged.
 * @example paramSafe(JSON.stringify(Array(2000).fill('vascular.x'))) // '2000 items, 26001 characters: full value in config.json'
 */
export function paramSafe(value: string, max: number = LIMITS.paramValueLength): string {
  if (value.length <= max) return value;
  let items = '';
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) items = `${parsed.length} items, `;
  } catch {
    items = '';
  }
  return `${items}${value.length} characters: full value in config.json`;
}
