import { randomBytes } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { VesselprintError } from '../core/errors.js';
import { ActiveRun } from './activeRun.js';
import type { ChildRunOptions } from './activeRun.js';
import { flattenParams, paramSafe } from './flatten.js';
import { endStaleRuns, processTags } from './staleRuns.js';
import type { ParamValue } from './flatten.js';
import { openStore } from './openStore.js';
import { currentUser, findProjectRoot, projectRelative, reproducibilityTags, scrubPaths, sha256File } from './reproducibility.js';
import type { ReproducibilityOptions } from './reproducibility.js';
import type { TrackingStore } from './types.js';

/** Options of {@link startRun}. Every field is optional. */
export interface StartRunOptions {
  /** Experiment name; created when missing. Default `Default` (experiment id 0 in a file store). */
  experiment?: string;
  /** Run name; default `<source>-<UTC time>-<4 hex>`. */
  runName?: string;
  /** Extra tags. */
  tags?: Record<string, string>;
  /** Store to log to; default {@link openStore}() (MLFLOW_TRACKING_URI, else ./mlruns). */
  store?: TrackingStore;
  /**
   * Experiment config: logged in full as artifact `config.json` (what readers parse) and as
   * params (flattened, dotted keys; a value longer than MLflow's 6000 characters is shortened to
   * a note by {@link paramSafe}).
   */
  config?: { readonly [k: string]: ParamValue };
  /** Data manifest file: its project-relative path and SHA-256 become tags and a dataset input. */
  manifest?: string;
  /** The seed that drives every random step (tag `vesselprint.seed`). */
  seed?: number;
  /** Description shown in MLflow's UI (`mlflow.note.content`). */
  description?: string;
  /** Notebook path or command, e.g. `vesselprint extract` (`mlflow.source.name`). */
  sourceName?: string;
  sourceType?: ReproducibilityOptions['sourceType'];
  /** Name of the tfjs backend in use, if the caller loaded tfjs. */
  tfjsBackend?: string;
  /** More npm packages whose versions to record. */
  libraries?: string[];
  /** Project root (default: git top-level of the current folder). */
  projectRoot?: string;
  /** Record git commit/dirty (default true). */
  git?: boolean;
  /** Allow absolute paths outside the project in tags (default false: only file names). */
  allowAbsolutePaths?: boolean;
  /** Parent run id (set by {@link ActiveRun.child}). */
  parentRunId?: string;
  /** Experiment id, used instead of `experiment` when given (child runs use their parent's). */
  experimentId?: string;
}

function defaultRunName(source: string): string {
  const stem =
    basename(source)
      .replace(/\.[^.]+$/, '')
      .replace(/[^\w.-]+/g, '-')
      .slice(0, 40) || 'run';
  const t = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stem}-${t}-${randomBytes(2).toString('hex')}`;
}

async function experimentId(store: TrackingStore, name: string): Promise<string> {
  const found = await store.getExperimentByName(name);
  if (found !== undefined) return found.experimentId;
  try {
    return await store.createExperiment(name);
  } catch (e) {
    // Another process may have created it in the meantime.
    const again = await store.getExperimentByName(name);
    if (again !== undefined) return again.experimentId;
    throw e;
  }
}

/**
 * Starts an MLflow run and records the reproducibility context with it: git commit and dirty
 * flag, source name/type, user, vesselprint/Node/library versions, tfjs backend, the config
 * (params + `config.json`), the data manifest (path relative to the project + SHA-256, as tags
 * and as an MLflow dataset input) and the seed. Nested runs: {@link ActiveRun.child}.
 *
 * @throws VesselprintError `TRACKING` when the store cannot be written, `FILE_NOT_FOUND` for a missing manifest
 * @example
 * const run = await startRun({ experiment: 'fundus-frangi', config: { seed: 7, segment: { sigma: 2 } }, seed: 7 });
 * await run.logMetric('dice', 0.8);
 * await run.end();
 */
export async function startRun(options: StartRunOptions = {}): Promise<ActiveRun> {
  const store = options.store ?? openStore();
  const projectRoot = resolve(options.projectRoot ?? findProjectRoot());
  const repro = reproducibilityTags({
    projectRoot,
    ...(options.sourceName !== undefined ? { sourceName: options.sourceName } : {}),
    ...(options.sourceType !== undefined ? { sourceType: options.sourceType } : {}),
    ...(options.tfjsBackend !== undefined ? { tfjsBackend: options.tfjsBackend } : {}),
    ...(options.libraries !== undefined ? { libraries: options.libraries } : {}),
    git: options.git !== false && options.parentRunId === undefined,
    ...(options.allowAbsolutePaths !== undefined ? { allowAbsolutePaths: options.allowAbsolutePaths } : {}),
  });
  const tags: Record<string, string> = { ...repro, ...processTags(), ...(options.tags ?? {}) };
  if (options.parentRunId !== undefined) tags['mlflow.parentRunId'] = options.parentRunId;
  if (options.seed !== undefined) {
    if (!Number.isFinite(options.seed))
      throw new VesselprintError('BAD_ARGUMENT', `seed must be a finite number, got ${options.seed}`, { field: 'seed' });
    tags['vesselprint.seed'] = String(options.seed);
  }
  if (options.description !== undefined) tags['mlflow.note.content'] = options.description;
  let manifest: { rel: string; hash: string } | undefined;
  if (options.manifest !== undefined) {
    manifest = { rel: projectRelative(options.manifest, projectRoot, options.allowAbsolutePaths), hash: sha256File(options.manifest) };
    tags['vesselprint.manifest.path'] = manifest.rel;
    tags['vesselprint.manifest.sha256'] = manifest.hash;
  }
  const params = options.config !== undefined ? flattenParams(options.config) : undefined; // validate before creating the run
  if (params !== undefined) for (const k of Object.keys(params)) params[k] = paramSafe(params[k]!);
  const expId = options.experimentId ?? (await experimentId(store, options.experiment ?? 'Default'));
  // a resume (or any new run) in this experiment gives runs whose process died an honest end
  if (options.parentRunId === undefined) await endStaleRuns(store, await store.searchRuns({ experimentIds: [expId] }));
  const runName = options.runName ?? defaultRunName(tags['mlflow.source.name'] ?? 'run');
  const info = await store.createRun({ experimentId: expId, runName, userId: currentUser(), tags });
  const run = new ActiveRun(store, info, projectRoot, childFactory);
  if (params !== undefined) {
    await store.logBatch(info.runId, { params: Object.entries(params).map(([key, value]) => ({ key, value })) });
    await run.logDict(options.config, 'config.json');
  }
  if (manifest !== undefined) {
    await store.logInputs(info.runId, [
      {
        dataset: {
          name: basename(manifest.rel),
          digest: manifest.hash.slice(0, 16),
          sourceType: 'local',
          source: JSON.stringify({ uri: manifest.rel }),
        },
        tags: { 'mlflow.data.context': 'manifest' },
      },
    ]);
  }
  return run;
}

function childFactory(parent: ActiveRun, o: ChildRunOptions): Promise<ActiveRun> {
  return startRun({
    store: parent.store,
    projectRoot: parent.projectRoot,
    parentRunId: parent.runId,
    experimentId: parent.experimentId,
    ...(o.runName !== undefined ? { runName: o.runName } : {}),
    ...(o.tags !== undefined ? { tags: o.tags } : {}),
    ...(o.config !== undefined ? { config: o.config } : {}),
  });
}

/**
 * Runs `fn` inside a run: ends it FINISHED when `fn` resolves; on an exception marks it FAILED
 * (tag `vesselprint.error` holds the message, absolute paths scrubbed as in `scrubPaths`) and re-throws.
 * @example await withRun({ experiment: 'demo' }, async (run) => { await run.logMetric('x', 1); });
 */
export async function withRun<T>(options: StartRunOptions, fn: (run: ActiveRun) => Promise<T> | T): Promise<T> {
  const run = await startRun(options);
  let result: T;
  try {
    result = await fn(run);
  } catch (e) {
    if (run.endedWith === undefined) {
      const raw = e instanceof Error ? e.message : String(e);
      const msg = options.allowAbsolutePaths === true ? raw : scrubPaths(raw, run.projectRoot);
      await run.setTag('vesselprint.error', msg.slice(0, 4000)).catch(() => undefined);
      await run.end('FAILED').catch(() => undefined);
    }
    throw e;
  }
  if (run.endedWith === undefined) await run.end('FINISHED');
  return result;
}
