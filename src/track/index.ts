/**
 * Experiment tracking in MLflow's formats: a file store (`mlruns/`) and a tracking-server REST
 * store behind one {@link TrackingStore} interface, and a run context that records the
 * reproducibility of every run. User guide: docs/tracking.md.
 */
export type {
  ArtifactFile,
  CreateRunOptions,
  DatasetInfo,
  DatasetInput,
  Experiment,
  KeyValue,
  LogBatch,
  Metric,
  RunInfo,
  RunRecord,
  RunStatus,
  SearchRunsOptions,
  TerminalStatus,
  TrackingStore,
} from './types.js';
export { RUN_STATUS_CODE } from './types.js';
export { FileStore } from './fileStore.js';
export type { FileStoreOptions } from './fileStore.js';
export { RestStore } from './restStore.js';
export { RestClient, TrackingHttpError, DEFAULT_REST_OPTIONS } from './restClient.js';
export type { RestClientOptions } from './restClient.js';
export { openStore, DEFAULT_TRACKING_URI } from './openStore.js';
export type { OpenStoreOptions } from './openStore.js';
export { startRun, withRun } from './startRun.js';
export type { StartRunOptions } from './startRun.js';
export { ActiveRun } from './activeRun.js';
export type { ChildRunOptions } from './activeRun.js';
export { flattenParams } from './flatten.js';
export type { ParamValue } from './flatten.js';
export { splitBatch, LOG_BATCH_LIMITS } from './batching.js';
export { figureBytes, tableBytes, dictBytes } from './artifactFormats.js';
export type { PlotlyFigure } from './artifactFormats.js';
export { reproducibilityTags, gitInfo, projectRelative, sha256File, scrubPaths, KEY_LIBRARIES } from './reproducibility.js';
export type { GitInfo, ReproducibilityOptions } from './reproducibility.js';
export { LIMITS, validateKey } from './keys.js';
export {
  listRuns,
  summarizeRuns,
  orderWithChildren,
  formatRunsTable,
  runDetail,
  formatRunDetail,
  listArtifactsRecursive,
} from './runReport.js';
export type { RunSummary, RunDetail } from './runReport.js';
