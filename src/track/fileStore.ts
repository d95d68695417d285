import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { readDatasetInputs, writeDatasetInputs } from './fileInputs.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { VesselprintError } from '../core/errors.js';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { validateArtifactPath, validateKey, validateMetric, validateValue } from './keys.js';
import { toYaml } from './yamlWrite.js';
import {
  RESERVED_AT_ROOT,
  RESERVED_IN_EXPERIMENT,
  RUN_SUBFOLDERS,
  experimentMeta,
  latestMetric,
  listFilesRecursive,
  metricLine,
  parseExperimentMeta,
  parseMetricFile,
  parseRunMeta,
  readKeyValues,
  readYamlFile,
  runMeta,
} from './fileLayout.js';
import type {
  ArtifactFile,
  CreateRunOptions,
  DatasetInput,
  Experiment,
  LogBatch,
  Metric,
  RunInfo,
  RunRecord,
  RunStatus,
  SearchRunsOptions,
  TrackingStore,
} from './types.js';

/**
 * MLflow's file store: writes and reads `mlruns/` in the layout MLflow's own Python client reads
 * (2.x and 3.x; 3.12+ need `MLFLOW_ALLOW_FILE_STORE=true`). See docs/tracking.md.
 *
 * Safety: every meta.yaml, param and tag file is written atomically (temp file + rename); metric
 * lines are appended with one `write` each (MLflow's own method); a run's folder is private to
 * the process that created it, so runs from many processes never touch each other's files.
 * Experiment ids are derived from the experiment name (18 digits from SHA-256), so two
 * processes that create the same experiment at the same time write the same folder.
 *
 * @example
 * const store = new FileStore('./mlruns');
 * const id = await store.createExperiment('demo');
 * const run = await store.createRun({ experimentId: id, runName: 'r1', userId: 'me' });
 * await store.logBatch(run.runId, { metrics: [{ key: 'auc', value: 0.9, timestamp: Date.now(), step: 0 }] });
 */
/** Options of {@link FileStore}. */
export interface FileStoreOptions {
  /** Open an existing store for reading only: no folder is created, writes throw (default false). */
  readOnly?: boolean;
}

export class FileStore implements TrackingStore {
  /** Absolute path of the store root. */
  readonly root: string;
  readonly uri: string;
  readonly readOnly: boolean;
  private readonly runExperiment = new Map<string, string>();

  /**
   * @param root folder of the store (created when missing, with the Default experiment "0",
   *   unless `readOnly`, which instead requires the folder to exist)
   * @throws VesselprintError `TRACKING` when the folder cannot be created, or is missing in read-only mode
   */
  constructor(root: string, options: FileStoreOptions = {}) {
    this.root = resolve(root);
    this.uri = pathToFileURL(this.root).href;
    this.readOnly = options.readOnly === true;
    if (this.readOnly) {
      if (!existsSync(this.root) || !statSync(this.root).isDirectory()) {
        throw new VesselprintError(
          'TRACKING',
          'no MLflow file store here (nothing has been logged to this folder yet); check --tracking-uri / MLFLOW_TRACKING_URI',
          { path: this.root },
        );
      }
    } else {
      this.ensureDefaultExperiment();
    }
  }

  private assertWritable(): void {
    if (this.readOnly) throw new VesselprintError('TRACKING', 'this file store was opened read-only', { path: this.root });
  }

  private ensureDefaultExperiment(): void {
    if (existsSync(join(this.root, '0', 'meta.yaml'))) return;
    try {
      mkdirSync(join(this.root, '0'), { recursive: true });
      const now = Date.now();
      writeFileAtomic(
        join(this.root, '0', 'meta.yaml'),
        toYaml(
          experimentMeta({
            experimentId: '0',
            name: 'Default',
            artifactLocation: pathToFileURL(join(this.root, '0')).href,
            lifecycleStage: 'active',
            creationTime: now,
            lastUpdateTime: now,
            tags: {},
          }),
        ),
      );
    } catch (e) {
      throw new VesselprintError('TRACKING', `cannot create the MLflow file store: ${(e as Error).message}`, { path: this.root, cause: e });
    }
  }

  private experimentIds(): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root).filter(
      (n) => !RESERVED_AT_ROOT.has(n) && !n.startsWith('.') && statSync(join(this.root, n)).isDirectory(),
    );
  }

  private readExperiment(id: string): Experiment | undefined {
    const dir = join(this.root, id);
    const metaPath = join(dir, 'meta.yaml');
    if (!existsSync(metaPath)) return undefined; // not an experiment folder (MLflow skips it with a warning)
    const e = parseExperimentMeta(readYamlFile(metaPath), metaPath);
    e.tags = readKeyValues(join(dir, 'tags'));
    return e;
  }

  async listExperiments(): Promise<Experiment[]> {
    const out: Experiment[] = [];
    for (const id of this.experimentIds()) {
      const e = this.readExperiment(id);
      if (e !== undefined && e.lifecycleStage === 'active') out.push(e);
    }
    return out;
  }

  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    return (await this.listExperiments()).find((e) => e.name === name);
  }

  /** The experiment id used for `name`: 18 digits from SHA-256(name[#salt]), first digit non-zero. */
  static experimentIdFor(name: string, salt = 0): string {
    const h = createHash('sha256')
      .update(salt === 0 ? name : `${name}#${salt}`)
      .digest('hex');
    return (10n ** 17n + (BigInt(`0x${h.slice(0, 30)}`) % (9n * 10n ** 17n))).toString();
  }

  async createExperiment(name: string, tags: Record<string, string> = {}): Promise<string> {
    this.assertWritable();
    if (typeof name !== 'string' || name.trim() === '')
      throw new VesselprintError('BAD_ARGUMENT', 'experiment name must be a non-empty string', { field: 'experiment' });
    if (await this.getExperimentByName(name)) {
      throw new VesselprintError('TRACKING', `experiment "${name}" already exists (RESOURCE_ALREADY_EXISTS)`, { path: this.root });
    }
    for (const [k, v] of Object.entries(tags)) {
      validateKey('tag', k);
      validateValue('tag', k, v);
    }
    for (let salt = 0; salt < 100; salt++) {
      const id = FileStore.experimentIdFor(name, salt);
      const dir = join(this.root, id);
      const existing = existsSync(join(dir, 'meta.yaml')) ? this.readExperiment(id) : undefined;
      const inTrash = existsSync(join(this.root, '.trash', id));
      if (inTrash || (existing !== undefined && (existing.name !== name || existing.lifecycleStage !== 'active'))) continue;
      mkdirSync(dir, { recursive: true });
      const now = Date.now();
      for (const [k, v] of Object.entries(tags)) writeFileAtomic(join(dir, 'tags', ...k.split('/')), v);
      writeFileAtomic(
        join(dir, 'meta.yaml'),
        toYaml(
          experimentMeta({
            experimentId: id,
            name,
            artifactLocation: pathToFileURL(dir).href,
            lifecycleStage: 'active',
            creationTime: now,
            lastUpdateTime: now,
            tags: {},
          }),
        ),
      );
      return id;
    }
    throw new VesselprintError('TRACKING', `no free experiment id for "${name}"`, { path: this.root });
  }

  async createRun(o: CreateRunOptions): Promise<RunInfo> {
    this.assertWritable();
    const exp = this.readExperiment(o.experimentId);
    if (exp === undefined || exp.lifecycleStage !== 'active') {
      throw new VesselprintError('TRACKING', `experiment ${o.experimentId} does not exist or is deleted`, {
        path: join(this.root, o.experimentId),
      });
    }
    const tags = { ...(o.tags ?? {}), 'mlflow.runName': o.runName, 'mlflow.user': o.tags?.['mlflow.user'] ?? o.userId };
    for (const [k, v] of Object.entries(tags)) {
      validateKey('tag', k);
      validateValue('tag', k, v);
    }
    const runId = randomUUID().replace(/-/g, '');
    const dir = join(this.root, o.experimentId, runId);
    const artifactBase = exp.artifactLocation.startsWith('file:')
      ? exp.artifactLocation
      : pathToFileURL(join(this.root, o.experimentId)).href;
    const info: RunInfo = {
      runId,
      experimentId: o.experimentId,
      runName: o.runName,
      userId: o.userId,
      status: 'RUNNING',
      startTime: o.startTime ?? Date.now(),
      artifactUri: `${artifactBase.replace(/\/$/, '')}/${runId}/artifacts`,
      lifecycleStage: 'active',
    };
    // Sub-folders and tags first, meta.yaml last: the run becomes visible only when complete.
    for (const sub of RUN_SUBFOLDERS) mkdirSync(join(dir, sub), { recursive: true });
    for (const [k, v] of Object.entries(tags)) writeFileAtomic(join(dir, 'tags', ...k.split('/')), v);
    writeFileAtomic(join(dir, 'meta.yaml'), toYaml(runMeta(info)));
    this.runExperiment.set(runId, o.experimentId);
    return info;
  }

  private runDir(runId: string): { dir: string; experimentId: string } {
    if (!/^[0-9a-f]{32}$/.test(runId))
      throw new VesselprintError('BAD_ARGUMENT', `"${runId}" is not an MLflow run id (32 hex digits)`, { field: 'runId' });
    const known = this.runExperiment.get(runId);
    if (known !== undefined && existsSync(join(this.root, known, runId, 'meta.yaml')))
      return { dir: join(this.root, known, runId), experimentId: known };
    for (const id of this.experimentIds()) {
      if (existsSync(join(this.root, id, runId, 'meta.yaml'))) {
        this.runExperiment.set(runId, id);
        return { dir: join(this.root, id, runId), experimentId: id };
      }
    }
    throw new VesselprintError('TRACKING', `run ${runId} not found (RESOURCE_DOES_NOT_EXIST)`, { path: this.root });
  }

  private readInfo(runId: string): { info: RunInfo; dir: string } {
    const { dir, experimentId } = this.runDir(runId);
    const p = join(dir, 'meta.yaml');
    return { info: parseRunMeta(readYamlFile(p), p, runId, experimentId), dir };
  }

  async logBatch(runId: string, batch: LogBatch): Promise<void> {
    this.assertWritable();
    const { info, dir } = this.readInfo(runId);
    if (info.lifecycleStage !== 'active')
      throw new VesselprintError('TRACKING', `run ${runId} is deleted; cannot log to it`, { path: dir });
    const metrics = batch.metrics ?? [],
      params = batch.params ?? [],
      tags = batch.tags ?? [];
    for (const m of metrics) validateMetric(m.key, m.value, m.step, m.timestamp);
    for (const p of params) {
      validateKey('param', p.key);
      validateValue('param', p.key, p.value);
    }
    for (const t of tags) {
      validateKey('tag', t.key);
      validateValue('tag', t.key, t.value);
    }
    for (const p of params) {
      const f = join(dir, 'params', ...p.key.split('/'));
      if (existsSync(f)) {
        const old = readFileSync(f, 'utf8');
        if (old !== p.value) {
          throw new VesselprintError('BAD_ARGUMENT', `changing param values is not allowed: already logged "${old}", now "${p.value}"`, {
            path: f,
            field: p.key,
          });
        }
        continue;
      }
      writeFileAtomic(f, p.value);
    }
    for (const t of tags) {
      writeFileAtomic(join(dir, 'tags', ...t.key.split('/')), t.value);
      if (t.key === 'mlflow.runName' && t.value !== info.runName) {
        writeFileAtomic(join(dir, 'meta.yaml'), toYaml(runMeta({ ...info, runName: t.value })));
      }
    }
    const byKey = new Map<string, string>();
    for (const m of metrics) byKey.set(m.key, (byKey.get(m.key) ?? '') + metricLine(m));
    for (const [k, lines] of byKey) {
      const f = join(dir, 'metrics', ...k.split('/'));
      if (k.includes('/')) mkdirSync(join(f, '..'), { recursive: true });
      appendFileSync(f, lines);
    }
  }

  async updateRun(runId: string, status: RunStatus, endTime?: number, runName?: string): Promise<RunInfo> {
    this.assertWritable();
    const { info, dir } = this.readInfo(runId);
    const next: RunInfo = { ...info, status };
    if (status === 'RUNNING' || status === 'SCHEDULED') delete next.endTime;
    else next.endTime = endTime ?? Date.now();
    if (runName !== undefined) {
      validateValue('tag', 'mlflow.runName', runName);
      next.runName = runName;
      writeFileAtomic(join(dir, 'tags', 'mlflow.runName'), runName);
    }
    writeFileAtomic(join(dir, 'meta.yaml'), toYaml(runMeta(next)));
    return next;
  }

  async getRun(runId: string): Promise<RunRecord> {
    const { info, dir } = this.readInfo(runId);
    const metrics: Metric[] = [];
    for (const key of listFilesRecursive(join(dir, 'metrics'))) {
      const m = latestMetric(this.history(dir, key));
      if (m !== undefined) metrics.push(m);
    }
    return {
      info,
      metrics,
      params: readKeyValues(join(dir, 'params')),
      tags: readKeyValues(join(dir, 'tags')),
      inputs: readDatasetInputs(join(this.root, info.experimentId), dir),
    };
  }

  private history(dir: string, key: string): Metric[] {
    const f = join(dir, 'metrics', ...key.split('/'));
    if (!existsSync(f)) return [];
    return parseMetricFile(readFileSync(f, 'utf8'), key, f);
  }

  async searchRuns(o: SearchRunsOptions): Promise<RunRecord[]> {
    const out: RunRecord[] = [];
    for (const expId of o.experimentIds) {
      const expDir = join(this.root, expId);
      if (!existsSync(expDir)) continue;
      for (const name of readdirSync(expDir)) {
        if (RESERVED_IN_EXPERIMENT.has(name) || !/^[0-9a-f]{32}$/.test(name)) continue;
        const runDir = join(expDir, name);
        // MLflow ≥ 3.8 only recognises run folders with metrics/, params/ and artifacts/.
        if (!existsSync(join(runDir, 'meta.yaml')) || !['metrics', 'params', 'artifacts'].every((s) => existsSync(join(runDir, s))))
          continue;
        this.runExperiment.set(name, expId);
        const r = await this.getRun(name);
        if (r.info.lifecycleStage === 'deleted' && o.includeDeleted !== true) continue;
        out.push(r);
      }
    }
    out.sort((a, b) => b.info.startTime - a.info.startTime || a.info.runId.localeCompare(b.info.runId));
    return o.maxResults !== undefined ? out.slice(0, o.maxResults) : out;
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    validateKey('metric', key);
    return this.history(this.runDir(runId).dir, key);
  }

  private artifactDir(info: RunInfo): string {
    if (!info.artifactUri.startsWith('file:')) {
      throw new VesselprintError(
        'TRACKING',
        `run ${info.runId} has artifact_uri ${info.artifactUri}; the file store only handles file: artifact locations`,
      );
    }
    return fileURLToPath(info.artifactUri);
  }

  async logArtifact(runId: string, artifactPath: string, data: Uint8Array): Promise<void> {
    this.assertWritable();
    validateArtifactPath(artifactPath);
    const { info } = this.readInfo(runId);
    writeFileAtomic(join(this.artifactDir(info), ...artifactPath.split('/')), data);
  }

  async listArtifacts(runId: string, path?: string): Promise<ArtifactFile[]> {
    if (path !== undefined && path !== '') validateArtifactPath(path);
    const base = join(this.artifactDir(this.readInfo(runId).info), ...(path ? path.split('/') : []));
    if (!existsSync(base)) return [];
    return readdirSync(base)
      .sort()
      .filter((n) => !(n.startsWith('.') && n.endsWith('.tmp')))
      .map((n) => {
        const st = statSync(join(base, n));
        const rel = path ? `${path}/${n}` : n;
        return st.isDirectory() ? { path: rel, isDir: true } : { path: rel, isDir: false, fileSize: st.size };
      });
  }

  async readArtifact(runId: string, artifactPath: string): Promise<Uint8Array> {
    validateArtifactPath(artifactPath);
    const f = join(this.artifactDir(this.readInfo(runId).info), ...artifactPath.split('/'));
    if (!existsSync(f)) throw new VesselprintError('TRACKING', `artifact ${artifactPath} not found in run ${runId}`, { path: f });
    return new Uint8Array(readFileSync(f));
  }

  async logInputs(runId: string, inputs: DatasetInput[]): Promise<void> {
    this.assertWritable();
    const { info, dir } = this.readInfo(runId);
    writeDatasetInputs(join(this.root, info.experimentId), dir, runId, inputs);
  }
}
