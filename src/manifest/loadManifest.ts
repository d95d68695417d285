import { VesselprintError } from '../core/errors.js';
import { formatProblem } from './problems.js';
import { validateManifest } from './validateManifest.js';
import type { ManifestValidation, ValidateManifestOptions } from './validateManifest.js';

/**
 * Loads a manifest for use by the pipeline: {@link validateManifest}, then throws when there is
 * any error. Warnings are returned with the result (the caller shows them once).
 * @throws VesselprintError `MANIFEST_INVALID` listing every error, one per line (at most 50,
 *   then a count).
 * @example const { rows } = loadManifest('data/cohort.csv');
 */
export function loadManifest(path: string, options: ValidateManifestOptions = {}): ManifestValidation {
  const v = validateManifest(path, options);
  if (!v.valid) {
    const errors = v.problems.filter((p) => p.severity === 'error');
    const shown = errors.slice(0, 50).map(formatProblem);
    if (errors.length > 50) shown.push(`... and ${errors.length - 50} more (run \`vesselprint validate ${path}\`)`);
    throw new VesselprintError(
      'MANIFEST_INVALID',
      `manifest has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${shown.join('\n')}`,
      { path },
    );
  }
  return v;
}
