/**
 * Types of the tracking layer: the MLflow entities (experiment, run, metric, param, tag, dataset
 * input) as plain objects, and the {@link TrackingStore} interface that the file store and the
 * REST store implement. Field names follow MLflow's REST API (snake_case there, camelCase here).
 */

/** Run status as MLflow names it. The file store writes the integer code (RUNNING=1 … KILLED=5). */
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

/** Integer codes of {@link RunStatus} used in a file-store run `meta.yaml` (MLflow `RunStatus` enum). */
export const RUN_STATUS_CODE: Readonly<Record<RunStatus, number>> = {
  RUNNING: 1,
  SCHEDULED: 2,
  FINISHED: 3,
  FAILED: 4,
  KILLED: 5,
};

/** The statuses a run can be terminated with. */
export type TerminalStatus = 'FINISHED' | 'FAILED' | 'KILLED';

/** An MLflow experiment. Times are milliseconds since the Unix epoch. */
export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: 'active' | 'deleted';
  creationTime?: number;
  lastUpdateTime?: number;
  tags: Record<string, string>;
}

/** One logged value of a metric. `timestamp` in ms since epoch; `step` an integer. */
export interface Metric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

/** A key/value pair (param or tag). */
export interface KeyValue {
  key: string;
  value: string;
}

/** Run metadata (MLflow `RunInfo`). Times in ms since epoch; `endTime` undefined while running. */
export interface RunInfo {
  runId: string;
  experimentId: string;
  runName: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime?: number;
  artifactUri: string;
  lifecycleStage: 'active' | 'deleted';
}

/** A dataset entity (MLflow `Dataset`), e.g. a data manifest. `digest` at most 36 characters. */
export interface DatasetInfo {
  name: string;
  digest: string;
  sourceType: string;
  /** JSON text describing where the data is, e.g. `{"uri":"data-manifests/cohort.csv"}`. */
  source: string;
  schema?: string;
  profile?: string;
}

/** A dataset used by a run, with input tags such as `mlflow.data.context`. */
export interface DatasetInput {
  dataset: DatasetInfo;
  tags: Record<string, string>;
}

/** A run as read back: info, latest metric values, params and tags, dataset inputs. */
export interface RunRecord {
  info: RunInfo;
  /** Latest value per metric key (max over (step, timestamp, value), as MLflow defines it). */
  metrics: Metric[];
  params: Record<string, string>;
  tags: Record<string, string>;
  inputs: DatasetInput[];
}

/** An entry of an artifact listing; `path` relative to the run's artifact root, `/`-separated. */
export interface ArtifactFile {
  path: string;
  isDir: boolean;
  fileSize?: number;
}

/** Options of {@link TrackingStore.createRun}. */
export interface CreateRunOptions {
  experimentId: string;
  runName: string;
  userId: string;
  /** ms since epoch; default now. */
  startTime?: number;
  tags?: Record<string, string>;
}

/** What {@link TrackingStore.logBatch} writes. Params are immutable once logged. */
export interface LogBatch {
  metrics?: Metric[];
  params?: KeyValue[];
  tags?: KeyValue[];
}

/** Options of {@link TrackingStore.searchRuns}. */
export interface SearchRunsOptions {
  experimentIds: string[];
  /** Include runs marked deleted (default false: MLflow's ACTIVE_ONLY). */
  includeDeleted?: boolean;
  /** Stop after this many runs (default: all). */
  maxResults?: number;
}

/**
 * The one interface behind which MLflow's file store (`mlruns/`) and a tracking server
 * (REST API) sit. Every method is async so that both implementations fit; every failure is a
 * `VesselprintError` with code `TRACKING` (or `BAD_ARGUMENT` for an invalid key or value).
 */
export interface TrackingStore {
  /** The tracking URI, for display (never contains credentials). */
  readonly uri: string;
  /** The experiment with this name, or undefined when there is none (deleted ones excluded). */
  getExperimentByName(name: string): Promise<Experiment | undefined>;
  /** Creates an experiment and returns its id; error when the name is taken. */
  createExperiment(name: string, tags?: Record<string, string>): Promise<string>;
  /** All active experiments. */
  listExperiments(): Promise<Experiment[]>;
  /** Creates a run with status RUNNING. */
  createRun(options: CreateRunOptions): Promise<RunInfo>;
  /** Logs metrics, params and tags (the store splits it to respect its limits). */
  logBatch(runId: string, batch: LogBatch): Promise<void>;
  /** Sets a run's status and end time (and optionally renames it). */
  updateRun(runId: string, status: RunStatus, endTime?: number, runName?: string): Promise<RunInfo>;
  /** Reads one run; error `TRACKING` when it does not exist. */
  getRun(runId: string): Promise<RunRecord>;
  /** Runs of the given experiments, newest first (by start time). */
  searchRuns(options: SearchRunsOptions): Promise<RunRecord[]>;
  /** Every logged value of one metric, in logging order. */
  getMetricHistory(runId: string, key: string): Promise<Metric[]>;
  /** Stores `data` as the artifact at `artifactPath` (relative, `/`-separated) of the run. */
  logArtifact(runId: string, artifactPath: string, data: Uint8Array): Promise<void>;
  /** Lists the artifacts directly under `path` (default: the artifact root). */
  listArtifacts(runId: string, path?: string): Promise<ArtifactFile[]>;
  /** Reads an artifact's bytes back. */
  readArtifact(runId: string, artifactPath: string): Promise<Uint8Array>;
  /** Records datasets (e.g. the data manifest) as inputs of the run. */
  logInputs(runId: string, inputs: DatasetInput[]): Promise<void>;
}
