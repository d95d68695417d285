import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { VesselprintError } from '../core/errors.js';
import { RUN_STATUS_CODE } from './types.js';
import type { Experiment, Metric, RunInfo, RunStatus } from './types.js';
import type { YamlValue } from './yamlWrite.js';
import { scalarText } from '../core/text.js';

/**
 * Conversions between MLflow's file-store layout (`mlruns/`, see docs/tracking.md and the
 * format notes) and the tracking types: meta.yaml ⇄ Experiment/RunInfo, metric lines ⇄ Metric,
 * key folders ⇄ key/value maps. Pure helpers plus small synchronous readers.
 */

/** Folder names inside an experiment folder that are never runs (MLflow 3.x list). */
export const RESERVED_IN_EXPERIMENT = new Set(['tags', 'datasets', 'traces', 'models']);
/** Folder names at the store root that are never experiments. */
export const RESERVED_AT_ROOT = new Set(['.trash', 'models']);
/** The three sub-folders MLflow ≥ 3.8 requires in a run folder (plus tags/, which we add). */
export const RUN_SUBFOLDERS = ['metrics', 'params', 'artifacts', 'tags'] as const;

const STATUS_BY_CODE = new Map<number, RunStatus>(Object.entries(RUN_STATUS_CODE).map(([k, v]) => [v, k as RunStatus]));

/** Reads and parses a YAML file into a plain mapping; `TRACKING` error naming the file otherwise. */
export function readYamlFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new VesselprintError('TRACKING', 'cannot read meta.yaml', { path, cause: e });
  }
  let v: unknown;
  try {
    v = parseYaml(text);
  } catch (e) {
    throw new VesselprintError('TRACKING', `not valid YAML: ${(e as Error).message}`, { path, cause: e });
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new VesselprintError('TRACKING', 'expected a YAML mapping', { path });
  return v as Record<string, unknown>;
}

function str(meta: Record<string, unknown>, field: string, path: string, required = true): string {
  const v = meta[field];
  if (v === undefined || v === null) {
    if (required) throw new VesselprintError('TRACKING', 'missing required key', { path, field });
    return '';
  }
  return scalarText(v);
}

function int(meta: Record<string, unknown>, field: string, path: string): number | undefined {
  const v = meta[field];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw new VesselprintError('TRACKING', `expected an integer, got ${JSON.stringify(v)}`, { path, field });
  return n;
}

/** Experiment `meta.yaml` content for an experiment (keys as MLflow writes them). */
export function experimentMeta(e: Experiment): Record<string, YamlValue> {
  return {
    artifact_location: e.artifactLocation,
    creation_time: e.creationTime ?? null,
    experiment_id: e.experimentId,
    last_update_time: e.lastUpdateTime ?? null,
    lifecycle_stage: e.lifecycleStage,
    name: e.name,
  };
}

/** Parses an experiment `meta.yaml` (tags are read separately). */
export function parseExperimentMeta(meta: Record<string, unknown>, path: string): Experiment {
  const stage = str(meta, 'lifecycle_stage', path);
  const e: Experiment = {
    experimentId: str(meta, 'experiment_id', path),
    name: str(meta, 'name', path),
    artifactLocation: str(meta, 'artifact_location', path, false),
    lifecycleStage: stage === 'deleted' ? 'deleted' : 'active',
    tags: {},
  };
  const c = int(meta, 'creation_time', path);
  const u = int(meta, 'last_update_time', path);
  if (c !== undefined) e.creationTime = c;
  if (u !== undefined) e.lastUpdateTime = u;
  return e;
}

/** Run `meta.yaml` content (MLflow 2.12 layout: with `run_uuid` and the legacy source fields). */
export function runMeta(r: RunInfo): Record<string, YamlValue> {
  return {
    artifact_uri: r.artifactUri,
    end_time: r.endTime ?? null,
    entry_point_name: '',
    experiment_id: r.experimentId,
    lifecycle_stage: r.lifecycleStage,
    run_id: r.runId,
    run_name: r.runName,
    run_uuid: r.runId,
    source_name: '',
    source_type: 4,
    source_version: '',
    start_time: r.startTime,
    status: RUN_STATUS_CODE[r.status],
    tags: [],
    user_id: r.userId,
  };
}

/** Parses a run `meta.yaml`, checking the integrity rules MLflow 3.x applies on read. */
export function parseRunMeta(meta: Record<string, unknown>, path: string, folderRunId: string, folderExperimentId: string): RunInfo {
  const runId = meta.run_id !== undefined ? str(meta, 'run_id', path) : str(meta, 'run_uuid', path);
  if (runId !== folderRunId)
    throw new VesselprintError('TRACKING', `run_id ${runId} does not match its folder ${folderRunId}`, { path, field: 'run_id' });
  const experimentId = str(meta, 'experiment_id', path);
  if (experimentId !== folderExperimentId) {
    throw new VesselprintError('TRACKING', `experiment_id ${experimentId} does not match its folder ${folderExperimentId}`, {
      path,
      field: 'experiment_id',
    });
  }
  const code = int(meta, 'status', path);
  const status = code === undefined ? undefined : STATUS_BY_CODE.get(code);
  if (status === undefined) throw new VesselprintError('TRACKING', `unknown run status ${String(meta.status)}`, { path, field: 'status' });
  const start = int(meta, 'start_time', path);
  if (start === undefined) throw new VesselprintError('TRACKING', 'missing required key', { path, field: 'start_time' });
  const info: RunInfo = {
    runId,
    experimentId,
    runName: str(meta, 'run_name', path, false),
    userId: str(meta, 'user_id', path, false),
    status,
    startTime: start,
    artifactUri: str(meta, 'artifact_uri', path, false),
    lifecycleStage: str(meta, 'lifecycle_stage', path) === 'deleted' ? 'deleted' : 'active',
  };
  const end = int(meta, 'end_time', path);
  if (end !== undefined) info.endTime = end;
  return info;
}

/** One metric-file line: `<timestamp_ms> <value> <step>\n` (value as `String(x)`, which Python's float() reads). */
export function metricLine(m: Metric): string {
  return `${m.timestamp} ${String(m.value)} ${m.step}\n`;
}

/**
 * Parses a metric file. Accepts 3-field lines, 5-field lines (with dataset name and digest) and
 * legacy 2-field lines (step 0); ignores a final line without its newline (a write cut short by a
 * killed process). Throws `TRACKING` naming file and line for anything else.
 */
export function parseMetricFile(text: string, key: string, path: string): Metric[] {
  const lines = text.split('\n');
  lines.pop(); // the part after the last newline: empty, or an unfinished line
  const out: Metric[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const f = line.trim().split(' ');
    if (f.length !== 2 && f.length !== 3 && f.length !== 5) {
      throw new VesselprintError('TRACKING', `metric line has ${f.length} fields, expected "timestamp value step"`, { path, row: i + 1 });
    }
    const ts = Number(f[0]);
    const value = parsePythonFloat(f[1]!);
    const step = f.length >= 3 ? Number(f[2]) : 0;
    if (!Number.isInteger(ts) || !Number.isInteger(step) || value === undefined) {
      throw new VesselprintError('TRACKING', `cannot parse metric line "${line}"`, { path, row: i + 1 });
    }
    out.push({ key, value, timestamp: ts, step });
  });
  return out;
}

/** Parses a number as Python's float() does for the forms MLflow writes (nan, inf, Infinity, 1e+21 …). */
export function parsePythonFloat(s: string): number | undefined {
  const t = s.toLowerCase();
  if (t === 'nan' || t === '+nan' || t === '-nan') return NaN;
  if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** The latest metric as MLflow defines it: max over (step, timestamp, value). */
export function latestMetric(history: Metric[]): Metric | undefined {
  let best: Metric | undefined;
  for (const m of history) {
    if (best === undefined) best = m;
    else if (
      m.step !== best.step
        ? m.step > best.step
        : m.timestamp !== best.timestamp
          ? m.timestamp > best.timestamp
          : m.value > best.value || (Number.isNaN(best.value) && !Number.isNaN(m.value))
    )
      best = m;
  }
  return best;
}

/** Lists the files below `dir` recursively as `/`-joined relative paths (skipping temp files). */
export function listFilesRecursive(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') && name.endsWith('.tmp')) continue;
    const p = join(dir, name);
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    if (statSync(p).isDirectory()) out.push(...listFilesRecursive(p, rel));
    else out.push(rel);
  }
  return out;
}

/** Reads a key folder (params/ or tags/) into a key → raw value map. */
export function readKeyValues(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of listFilesRecursive(dir)) out[k] = readFileSync(join(dir, ...k.split('/')), 'utf8');
  return out;
}
