import { VesselprintError } from '../core/errors.js';

/**
 * MLflow's limits on names and values (mlflow/utils/validation.py, 2.12 and 3.x): keys at most
 * 250 characters matching `^[/\w.\- :]*$` with no `..` segment and no leading `/`; param values
 * at most 6000 characters; tag values at most 5000 (the 2.x limit; 3.x allows 8000).
 */
export const LIMITS = {
  keyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 5000,
  runNameLength: 250,
} as const;

const KEY_RE = /^[/\w.\- :]*$/;

/**
 * Checks a metric, param or tag key against MLflow's naming rule; throws `BAD_ARGUMENT` naming
 * the key when it is empty, too long, has a forbidden character or would escape its folder.
 * @example validateKey('metric', 'fold/loss') // ok; validateKey('param', '../x') throws
 */
export function validateKey(kind: 'metric' | 'param' | 'tag', key: string): void {
  const bad = (why: string): never => {
    throw new VesselprintError('BAD_ARGUMENT', `invalid ${kind} name "${key}": ${why}`, { field: key });
  };
  if (typeof key !== 'string' || key.length === 0) bad('expected a non-empty string');
  if (key.length > LIMITS.keyLength) bad(`longer than ${LIMITS.keyLength} characters`);
  if (!KEY_RE.test(key)) bad('only letters, digits, _ - . space : and / are allowed');
  if (key.startsWith('/') || key.endsWith('/') || key.includes('//')) bad('must be a relative path without empty segments');
  if (key.split('/').some((s) => s === '..' || s === '.')) bad('must not contain "." or ".." segments');
}

/** Checks a param or tag value's length; throws `BAD_ARGUMENT` naming the key. */
export function validateValue(kind: 'param' | 'tag', key: string, value: string): void {
  const max = kind === 'param' ? LIMITS.paramValueLength : LIMITS.tagValueLength;
  if (typeof value !== 'string') {
    throw new VesselprintError('BAD_ARGUMENT', `${kind} value must be a string, got ${typeof value}`, { field: key });
  }
  if (value.length > max) {
    throw new VesselprintError('BAD_ARGUMENT', `${kind} value is ${value.length} characters, MLflow allows at most ${max}`, { field: key });
  }
}

/** Checks a metric value/step/timestamp: value a number (NaN and ±Infinity allowed), step and timestamp integers. */
export function validateMetric(key: string, value: number, step: number, timestamp: number): void {
  validateKey('metric', key);
  if (typeof value !== 'number')
    throw new VesselprintError('BAD_ARGUMENT', `metric value must be a number, got ${typeof value}`, { field: key });
  if (!Number.isSafeInteger(step))
    throw new VesselprintError('BAD_ARGUMENT', `metric step must be an integer, got ${step}`, { field: key });
  if (!Number.isSafeInteger(timestamp))
    throw new VesselprintError('BAD_ARGUMENT', `metric timestamp must be an integer (ms), got ${timestamp}`, { field: key });
}

/**
 * Checks an artifact path: relative, `/`-separated, no `..`/`.` segments, no backslashes.
 * @example validateArtifactPath('figures/roc.json') // ok
 */
export function validateArtifactPath(path: string): void {
  const bad = (why: string): never => {
    throw new VesselprintError('BAD_ARGUMENT', `invalid artifact path "${path}": ${why}`, { field: 'artifactPath' });
  };
  if (typeof path !== 'string' || path.length === 0) bad('expected a non-empty relative path');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\')) bad('must be relative and use "/"');
  const segs = path.split('/');
  if (segs.some((s) => s === '' || s === '.' || s === '..')) bad('must not contain empty, "." or ".." segments');
  if (segs.some((s) => s.endsWith('.tmp') && s.startsWith('.'))) bad('names like ".x.tmp" are reserved for atomic writes');
}
