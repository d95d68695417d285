import type { Experiment, TrackingStore } from '../track/types.js';
import { listArtifactsRecursive, listRuns, orderWithChildren } from '../track/runReport.js';
import { classifyArtifact } from './classifyArtifact.js';
import type { ReportArtifact, ReportRun } from './types.js';

/** Options of {@link collectRuns}. */
export interface CollectOptions {
  /** Only this experiment (by name); default all. */
  experiment?: string;
  /** Artifacts larger than this are not read (listed only); default 20 MB. */
  maxArtifactBytes?: number;
  /** Characters of text kept for inline display; default 20 000. */
  maxInlineChars?: number;
  /** Receives each artifact read (run id, artifact path, bytes) and returns its site-relative path. */
  saveArtifact?: (runId: string, path: string, bytes: Uint8Array) => string;
}

/**
 * Reads runs of a tracking store for the report: runs in display order (newest top-level runs
 * first, child runs under their parent), each with its experiment's name and every artifact
 * classified ({@link classifyArtifact}). Artifacts above `maxArtifactBytes` are listed as `other`
 * without being read.
 * @throws VesselprintError `BAD_ARGUMENT` when `experiment` names no experiment (lists the ones there are)
 */
export async function collectRuns(store: TrackingStore, options: CollectOptions = {}): Promise<{ runs: ReportRun[]; experiments: Experiment[] }> {
  const maxBytes = options.maxArtifactBytes ?? 20 * 1024 * 1024;
  const { runs, experiments } = await listRuns(store, options.experiment);
  const names = new Map(experiments.map((e) => [e.experimentId, e.name]));
  const ordered = orderWithChildren(runs);
  const byId = new Map(ordered.map((r) => [r.info.runId, r]));
  const depthOf = (id: string): number => {
    let d = 0;
    let p = byId.get(id)?.tags['mlflow.parentRunId'];
    while (p !== undefined && byId.has(p) && d < 50) { d += 1; p = byId.get(p)!.tags['mlflow.parentRunId']; }
    return d;
  };
  const out: ReportRun[] = [];
  for (const run of ordered) {
    const files = await listArtifactsRecursive(store, run.info.runId);
    const artifacts: ReportArtifact[] = [];
    for (const f of files.sort((a, b) => a.path.localeCompare(b.path))) {
      if (f.fileSize !== undefined && f.fileSize > maxBytes) { artifacts.push({ ...f, kind: 'other' }); continue; }
      const bytes = await store.readArtifact(run.info.runId, f.path);
      if (bytes.length > maxBytes) { artifacts.push({ ...f, kind: 'other' }); continue; }
      const c = classifyArtifact(f.path, bytes, options.maxInlineChars);
      const a: ReportArtifact = { ...f, fileSize: bytes.length, kind: c.kind };
      if (c.figure !== undefined) a.figure = c.figure;
      if (c.text !== undefined) a.text = c.text;
      if (options.saveArtifact) a.sitePath = options.saveArtifact(run.info.runId, f.path, bytes);
      artifacts.push(a);
    }
    out.push({ run, experiment: names.get(run.info.experimentId) ?? run.info.experimentId, artifacts, depth: depthOf(run.info.runId) });
  }
  return { runs: out, experiments };
}
