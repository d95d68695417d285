/**
 * The one config loader of vesselprint: `extract`, `train-seg`, `model`/`associate` and
 * `explain` read their JSON or YAML configs through {@link readConfigFile} and check them
 * against their zod schema (strict objects: an unknown key is an error) with
 * {@link parseConfig}, which lists every problem at once.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { VesselprintError } from './errors.js';

/**
 * Reads a config file: YAML when the name ends in `.yaml`/`.yml`, else JSON.
 * @throws VesselprintError FILE_NOT_FOUND (cannot read), CONFIG_INVALID (not valid JSON/YAML, or not an object)
 * @example readConfigFile('experiments/demo.json') // { name: 'demo', ... }
 */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new VesselprintError('FILE_NOT_FOUND', 'cannot read the config file', { path, cause: e });
  }
  const yaml = /\.ya?ml$/i.test(path);
  let value: unknown;
  try {
    value = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new VesselprintError(
      'CONFIG_INVALID',
      `not valid ${yaml ? 'YAML' : 'JSON'}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      { path, cause: e },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new VesselprintError(
      'CONFIG_INVALID',
      `expected an object at the top level, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
      { path },
    );
  }
  return { ...(value as Record<string, unknown>) };
}

/**
 * Checks `value` against a zod schema and returns the parsed (defaulted) config; on failure
 * throws one CONFIG_INVALID error that lists EVERY problem, one line each, with its dotted path.
 * @param source where the config came from (file path or "command line"), for the message
 * @param what what kind of config, for the message (e.g. "experiment config")
 * @example parseConfig(modelConfigSchema, { table: 't.csv', outcome: 'dm' }, 'cli', 'model config')
 * @throws VesselprintError CONFIG_INVALID
 */
export function parseConfig<S extends z.ZodType>(schema: S, value: unknown, source: string, what = 'config'): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const where = (p: readonly PropertyKey[]): string => p.map(String).join('.') || '(root)';
  const lines = r.error.issues.map((i) => `  ${where(i.path)}: ${i.message}`);
  // `field` is the first problem's path (for callers that branch on it); the message lists them all
  throw new VesselprintError(
    'CONFIG_INVALID',
    `invalid ${what} (${lines.length} problem${lines.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    { path: source, field: where(r.error.issues[0]!.path) },
  );
}
