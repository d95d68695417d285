import { VesselprintError } from '../core/errors.js';
import { RestClient, TrackingHttpError } from './restClient.js';
import type { RestClientOptions } from './restClient.js';
import { splitBatch } from './batching.js';
import { validateArtifactPath, validateKey, validateMetric, validateValue } from './keys.js';
import { parsePythonFloat } from './fileLayout.js';
import { scalarText } from '../core/text.js';
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

const API = '/api/2.0/mlflow';
const ARTIFACTS_API = '/api/2.0/mlflow-artifacts/artifacts';
type Json = Record<string, unknown>;

const num = (v: unknown): number | undefined =>
  v === undefined || v === null || v === '' ? undefined : typeof v === 'number' ? v : parsePythonFloat(scalarText(v));
/** Protobuf JSON writes NaN/±Infinity as strings; MLflow's server parses those forms. */
const jsonNumber = (x: number): number | string => (Number.isFinite(x) ? x : Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity');
const kvList = (o: Record<string, string>): { key: string; value: string }[] => Object.entries(o).map(([key, value]) => ({ key, value }));
const kvMap = (l: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (Array.isArray(l)) for (const t of l as { key: string; value?: string }[]) out[t.key] = t.value ?? '';
  return out;
};

function toRunInfo(j: Json): RunInfo {
  const info: RunInfo = {
    runId: String(j.run_id ?? j.run_uuid),
    experimentId: String(j.experiment_id),
    runName: scalarText(j.run_name),
    userId: scalarText(j.user_id),
    status: scalarText(j.status ?? 'RUNNING') as RunStatus,
    startTime: num(j.start_time) ?? 0,
    artifactUri: scalarText(j.artifact_uri),
    lifecycleStage: j.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
  };
  const end = num(j.end_time);
  if (end !== undefined) info.endTime = end;
  return info;
}

function toMetric(j: Json): Metric {
  return { key: String(j.key), value: num(j.value) ?? NaN, timestamp: num(j.timestamp) ?? 0, step: num(j.step) ?? 0 };
}

function toExperiment(j: Json): Experiment {
  const e: Experiment = {
    experimentId: String(j.experiment_id),
    name: String(j.name),
    artifactLocation: scalarText(j.artifact_location),
    lifecycleStage: j.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
    tags: kvMap(j.tags),
  };
  const c = num(j.creation_time),
    u = num(j.last_update_time);
  if (c !== undefined) e.creationTime = c;
  if (u !== undefined) e.lastUpdateTime = u;
  return e;
}

function toRunRecord(j: Json): RunRecord {
  const data = (j.data ?? {}) as Json;
  const params = kvMap(data.params);
  const inputs: DatasetInput[] = [];
  const dsi = ((j.inputs ?? {}) as Json).dataset_inputs;
  if (Array.isArray(dsi)) {
    for (const x of dsi as Json[]) {
      const d = (x.dataset ?? {}) as Json;
      const dataset: DatasetInput['dataset'] = {
        name: String(d.name),
        digest: String(d.digest),
        sourceType: String(d.source_type),
        source: String(d.source),
      };
      if (d.schema != null && d.schema !== '') dataset.schema = scalarText(d.schema);
      if (d.profile != null && d.profile !== '') dataset.profile = scalarText(d.profile);
      inputs.push({ dataset, tags: kvMap(x.tags) });
    }
  }
  return {
    info: toRunInfo((j.info ?? {}) as Json),
    metrics: Array.isArray(data.metrics) ? (data.metrics as Json[]).map(toMetric) : [],
    params,
    tags: kvMap(data.tags),
    inputs,
  };
}

/**
 * The MLflow tracking-server store: the REST API 2.0 (`experiments/*`, `runs/create`,
 * `runs/log-batch` split to its limits, `runs/update`, `runs/search`, `metrics/get-history`,
 * `runs/log-inputs`) and artifacts through the server's proxy
 * (`PUT /api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts/<path>`, needs
 * `mlflow server --serve-artifacts`, the default since MLflow 2.0). Retries, auth: {@link RestClient}.
 *
 * @example
 * const store = new RestStore('http://mlflow.lab:5000');
 * const exp = await store.getExperimentByName('fundus');
 */
export class RestStore implements TrackingStore {
  readonly uri: string;
  readonly client: RestClient;
  private readonly artifactUris = new Map<string, string>();

  constructor(uri: string, options: RestClientOptions = {}) {
    this.client = new RestClient(uri, options);
    this.uri = this.client.baseUrl;
  }

  private post(path: string, json: unknown): Promise<Json> {
    return this.client.request({ method: 'POST', path: API + path, json }) as Promise<Json>;
  }

  private get(path: string, query: Record<string, string | number | undefined>): Promise<Json> {
    return this.client.request({ method: 'GET', path: API + path, query }) as Promise<Json>;
  }

  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    try {
      const r = await this.get('/experiments/get-by-name', { experiment_name: name });
      const e = toExperiment((r.experiment ?? {}) as Json);
      return e.lifecycleStage === 'active' ? e : undefined;
    } catch (e) {
      if (e instanceof TrackingHttpError && (e.errorCode === 'RESOURCE_DOES_NOT_EXIST' || e.status === 404)) return undefined;
      throw e;
    }
  }

  async createExperiment(name: string, tags: Record<string, string> = {}): Promise<string> {
    const r = await this.post('/experiments/create', { name, tags: kvList(tags) });
    return String(r.experiment_id);
  }

  async listExperiments(): Promise<Experiment[]> {
    const out: Experiment[] = [];
    let token: string | undefined;
    do {
      const r = await this.post('/experiments/search', {
        max_results: 1000,
        view_type: 'ACTIVE_ONLY',
        ...(token ? { page_token: token } : {}),
      });
      if (Array.isArray(r.experiments)) out.push(...(r.experiments as Json[]).map(toExperiment));
      token = typeof r.next_page_token === 'string' && r.next_page_token !== '' ? r.next_page_token : undefined;
    } while (token !== undefined);
    return out;
  }

  async createRun(o: CreateRunOptions): Promise<RunInfo> {
    const tags = { ...(o.tags ?? {}), 'mlflow.runName': o.runName, 'mlflow.user': o.tags?.['mlflow.user'] ?? o.userId };
    for (const [k, v] of Object.entries(tags)) {
      validateKey('tag', k);
      validateValue('tag', k, v);
    }
    const r = await this.post('/runs/create', {
      experiment_id: o.experimentId,
      user_id: o.userId,
      run_name: o.runName,
      start_time: o.startTime ?? Date.now(),
      tags: kvList(tags),
    });
    const info = toRunInfo((((r.run ?? {}) as Json).info as Json) ?? {});
    this.artifactUris.set(info.runId, info.artifactUri);
    return info;
  }

  async logBatch(runId: string, batch: LogBatch): Promise<void> {
    for (const m of batch.metrics ?? []) validateMetric(m.key, m.value, m.step, m.timestamp);
    for (const p of batch.params ?? []) {
      validateKey('param', p.key);
      validateValue('param', p.key, p.value);
    }
    for (const t of batch.tags ?? []) {
      validateKey('tag', t.key);
      validateValue('tag', t.key, t.value);
    }
    for (const part of splitBatch(batch)) {
      await this.post('/runs/log-batch', {
        run_id: runId,
        metrics: (part.metrics ?? []).map((m) => ({ key: m.key, value: jsonNumber(m.value), timestamp: m.timestamp, step: m.step })),
        params: part.params ?? [],
        tags: part.tags ?? [],
      });
    }
  }

  async updateRun(runId: string, status: RunStatus, endTime?: number, runName?: string): Promise<RunInfo> {
    const body: Json = { run_id: runId, status };
    if (status !== 'RUNNING' && status !== 'SCHEDULED') body.end_time = endTime ?? Date.now();
    if (runName !== undefined) body.run_name = runName;
    const r = await this.post('/runs/update', body);
    return toRunInfo((r.run_info ?? {}) as Json);
  }

  async getRun(runId: string): Promise<RunRecord> {
    const r = await this.get('/runs/get', { run_id: runId });
    const rec = toRunRecord((r.run ?? {}) as Json);
    this.artifactUris.set(runId, rec.info.artifactUri);
    return rec;
  }

  async searchRuns(o: SearchRunsOptions): Promise<RunRecord[]> {
    const out: RunRecord[] = [];
    let token: string | undefined;
    do {
      const want = o.maxResults !== undefined ? Math.min(1000, o.maxResults - out.length) : 1000;
      const r = await this.post('/runs/search', {
        experiment_ids: o.experimentIds,
        run_view_type: o.includeDeleted ? 'ALL' : 'ACTIVE_ONLY',
        max_results: want,
        order_by: ['attributes.start_time DESC'],
        ...(token ? { page_token: token } : {}),
      });
      if (Array.isArray(r.runs)) out.push(...(r.runs as Json[]).map(toRunRecord));
      token = typeof r.next_page_token === 'string' && r.next_page_token !== '' ? r.next_page_token : undefined;
    } while (token !== undefined && (o.maxResults === undefined || out.length < o.maxResults));
    return out;
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    const out: Metric[] = [];
    let token: string | undefined;
    do {
      const r = await this.get('/metrics/get-history', { run_id: runId, metric_key: key, max_results: 25000, page_token: token });
      if (Array.isArray(r.metrics)) out.push(...(r.metrics as Json[]).map(toMetric));
      token = typeof r.next_page_token === 'string' && r.next_page_token !== '' ? r.next_page_token : undefined;
    } while (token !== undefined);
    return out;
  }

  /** The proxy path `<exp>/<run>/artifacts[/path]` of a run (from its `mlflow-artifacts:` URI). */
  private async proxyPath(runId: string, artifactPath?: string): Promise<string> {
    const uri = this.artifactUris.get(runId) ?? (await this.getRun(runId)).info.artifactUri;
    const m = /^mlflow-artifacts:(?:\/\/[^/]*)?\/(.*)$/.exec(uri);
    if (m === null) {
      throw new VesselprintError(
        'TRACKING',
        `run ${runId} stores artifacts at ${uri}, which this client cannot write; start the server with artifact proxying ` +
          '(`mlflow server --serve-artifacts --artifacts-destination DIR`, the default since MLflow 2.0)',
      );
    }
    const base = m[1]!.replace(/\/+$/, '');
    return artifactPath ? `${base}/${artifactPath}` : base;
  }

  async logArtifact(runId: string, artifactPath: string, data: Uint8Array): Promise<void> {
    validateArtifactPath(artifactPath);
    const p = await this.proxyPath(runId, artifactPath);
    await this.client.request({ method: 'PUT', path: `${ARTIFACTS_API}/${p.split('/').map(encodeURIComponent).join('/')}`, bytes: data });
  }

  async listArtifacts(runId: string, path?: string): Promise<ArtifactFile[]> {
    if (path) validateArtifactPath(path);
    const r = await this.get('/artifacts/list', { run_id: runId, path: path || undefined });
    if (!Array.isArray(r.files)) return [];
    return (r.files as Json[]).map((f) => {
      const e: ArtifactFile = { path: String(f.path), isDir: f.is_dir === true };
      const size = num(f.file_size);
      if (!e.isDir && size !== undefined) e.fileSize = size;
      return e;
    });
  }

  async readArtifact(runId: string, artifactPath: string): Promise<Uint8Array> {
    validateArtifactPath(artifactPath);
    const p = await this.proxyPath(runId, artifactPath);
    return this.client.requestBytes({ method: 'GET', path: `${ARTIFACTS_API}/${p.split('/').map(encodeURIComponent).join('/')}` });
  }

  async logInputs(runId: string, inputs: DatasetInput[]): Promise<void> {
    await this.post('/runs/log-inputs', {
      run_id: runId,
      datasets: inputs.map((i) => ({
        dataset: {
          name: i.dataset.name,
          digest: i.dataset.digest,
          source_type: i.dataset.sourceType,
          source: i.dataset.source,
          ...(i.dataset.schema !== undefined ? { schema: i.dataset.schema } : {}),
          ...(i.dataset.profile !== undefined ? { profile: i.dataset.profile } : {}),
        },
        tags: kvList(i.tags),
      })),
    });
  }
}
