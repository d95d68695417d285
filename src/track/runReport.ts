import type { ArtifactFile, Experiment, Metric, RunRecord, TrackingStore } from './types.js';
import { VesselprintError } from '../core/errors.js';

/**
 * Plain-text and JSON views of runs for `vesselprint runs` and notebooks: a listing with status
 * and key metrics, and the detail of one run (info, params, latest metrics, tags, inputs, artifacts).
 */

/** A run as `vesselprint runs --json` prints it. Times are ISO 8601 UTC. */
export interface RunSummary {
  runId: string;
  experimentId: string;
  experiment: string;
  runName: string;
  status: string;
  parentRunId?: string;
  start: string;
  end?: string;
  durationS?: number;
  metrics: Record<string, number | string>;
}

const iso = (ms: number): string => new Date(ms).toISOString();
/** JSON has no NaN/Infinity: such values are written as the strings "NaN", "Infinity", "-Infinity". */
const jsonValue = (x: number): number | string => (Number.isFinite(x) ? x : String(x));
const fmt = (x: number): string =>
  Number.isInteger(x) ? String(x) : Number.isFinite(x) ? x.toPrecision(4).replace(/\.?0+(e|$)/, '$1') : String(x);

/**
 * Orders runs for display: top-level runs newest first, each followed by its child runs
 * (tag `mlflow.parentRunId`) oldest first; children whose parent is not in the list stay top-level.
 */
export function orderWithChildren(runs: RunRecord[]): RunRecord[] {
  const ids = new Set(runs.map((r) => r.info.runId));
  const children = new Map<string, RunRecord[]>();
  const top: RunRecord[] = [];
  for (const r of runs) {
    const p = r.tags['mlflow.parentRunId'];
    if (p !== undefined && ids.has(p) && p !== r.info.runId) children.set(p, [...(children.get(p) ?? []), r]);
    else top.push(r);
  }
  const out: RunRecord[] = [];
  const visit = (r: RunRecord, depth: number): void => {
    out.push(r);
    if (depth > 50) return;
    for (const c of [...(children.get(r.info.runId) ?? [])].sort((a, b) => a.info.startTime - b.info.startTime)) visit(c, depth + 1);
  };
  for (const r of [...top].sort((a, b) => b.info.startTime - a.info.startTime)) visit(r, 0);
  return out;
}

/** Summaries of runs in display order (latest metric values; only `metricKeys` when given). */
export function summarizeRuns(runs: RunRecord[], experiments: Experiment[], metricKeys?: string[]): RunSummary[] {
  const names = new Map(experiments.map((e) => [e.experimentId, e.name]));
  return orderWithChildren(runs).map((r) => {
    const metrics: Record<string, number | string> = {};
    for (const m of [...r.metrics].sort((a, b) => a.key.localeCompare(b.key))) {
      if (metricKeys === undefined || metricKeys.includes(m.key)) metrics[m.key] = jsonValue(m.value);
    }
    const s: RunSummary = {
      runId: r.info.runId,
      experimentId: r.info.experimentId,
      experiment: names.get(r.info.experimentId) ?? r.info.experimentId,
      runName: r.info.runName,
      status: r.info.status,
      start: iso(r.info.startTime),
      metrics,
    };
    const parent = r.tags['mlflow.parentRunId'];
    if (parent !== undefined) s.parentRunId = parent;
    if (r.info.endTime !== undefined) {
      s.end = iso(r.info.endTime);
      s.durationS = Math.round((r.info.endTime - r.info.startTime) / 100) / 10;
    }
    return s;
  });
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * A text table of runs: experiment, run id, name (child runs marked `↳`), status, start (UTC),
 * duration, then up to `maxMetrics` latest metric values as `key=value`.
 */
export function formatRunsTable(summaries: RunSummary[], maxMetrics = 4): string {
  if (summaries.length === 0) return 'no runs';
  const rows = [['EXPERIMENT', 'RUN_ID', 'NAME', 'STATUS', 'START (UTC)', 'DURATION', 'METRICS']];
  for (const s of summaries) {
    const ms = Object.entries(s.metrics);
    const shown = ms
      .slice(0, maxMetrics)
      .map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`)
      .join(' ');
    rows.push([
      s.experiment,
      s.runId,
      `${s.parentRunId ? '↳ ' : ''}${s.runName}`,
      s.status,
      s.start.replace('T', ' ').replace(/\.\d+Z$/, ''),
      s.durationS !== undefined ? `${s.durationS}s` : '-',
      ms.length > maxMetrics ? `${shown} (+${ms.length - maxMetrics})` : shown,
    ]);
  }
  return table(rows);
}

/** Runs of one experiment (by name) or of all experiments, newest first. */
export async function listRuns(store: TrackingStore, experimentName?: string): Promise<{ runs: RunRecord[]; experiments: Experiment[] }> {
  const experiments = await store.listExperiments();
  let ids = experiments.map((e) => e.experimentId);
  if (experimentName !== undefined) {
    const e = experiments.find((x) => x.name === experimentName);
    if (e === undefined) {
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `no experiment named "${experimentName}" in ${store.uri}; experiments: ${experiments.map((x) => `"${x.name}"`).join(', ') || '(none)'}`,
        { field: 'experiment' },
      );
    }
    ids = [e.experimentId];
  }
  const runs = ids.length === 0 ? [] : await store.searchRuns({ experimentIds: ids });
  runs.sort((a, b) => b.info.startTime - a.info.startTime);
  return { runs, experiments };
}

/** Every artifact of a run, walking folders. */
export async function listArtifactsRecursive(store: TrackingStore, runId: string, path?: string): Promise<ArtifactFile[]> {
  const out: ArtifactFile[] = [];
  for (const f of await store.listArtifacts(runId, path)) {
    if (f.isDir) out.push(...(await listArtifactsRecursive(store, runId, f.path)));
    else out.push(f);
  }
  return out;
}

/** Everything `vesselprint runs show` prints, as data. */
export interface RunDetail {
  run: RunRecord;
  experiment: string;
  /** Number of logged values per metric key. */
  historyLength: Record<string, number>;
  artifacts: ArtifactFile[];
}

/** Reads one run's full detail. */
export async function runDetail(store: TrackingStore, runId: string): Promise<RunDetail> {
  const run = await store.getRun(runId);
  const exps = await store.listExperiments();
  const historyLength: Record<string, number> = {};
  for (const m of run.metrics) historyLength[m.key] = (await store.getMetricHistory(runId, m.key)).length;
  return {
    run,
    experiment: exps.find((e) => e.experimentId === run.info.experimentId)?.name ?? run.info.experimentId,
    historyLength,
    artifacts: await listArtifactsRecursive(store, runId),
  };
}

/** A run's detail as text: sections Run, Params, Metrics (latest, step, number of values), Tags, Inputs, Artifacts. */
export function formatRunDetail(d: RunDetail): string {
  const i = d.run.info;
  const lines: string[] = [
    `run ${i.runId}  ${i.runName}`,
    `  experiment   ${d.experiment} (${i.experimentId})`,
    `  status       ${i.status}`,
    `  user         ${i.userId}`,
    `  start        ${iso(i.startTime)}`,
    `  end          ${i.endTime !== undefined ? iso(i.endTime) : '-'}`,
    `  artifacts at ${i.artifactUri}`,
  ];
  const section = (title: string, entries: [string, string][]): void => {
    lines.push('', `${title} (${entries.length})`);
    const w = Math.max(0, ...entries.map(([k]) => k.length));
    for (const [k, v] of entries) lines.push(`  ${k.padEnd(w)}  ${v.length > 120 ? `${v.slice(0, 117)}...` : v.replace(/\n/g, ' ')}`);
  };
  const sorted = (o: Record<string, string>): [string, string][] => Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
  section('params', sorted(d.run.params));
  section(
    'metrics',
    [...d.run.metrics]
      .sort((a: Metric, b: Metric) => a.key.localeCompare(b.key))
      .map((m) => [
        m.key,
        `${fmt(m.value)}  (step ${m.step}, ${d.historyLength[m.key] ?? 1} value${(d.historyLength[m.key] ?? 1) === 1 ? '' : 's'})`,
      ]),
  );
  section('tags', sorted(d.run.tags));
  section(
    'inputs',
    d.run.inputs.map((x) => [x.dataset.name, `digest ${x.dataset.digest} source ${x.dataset.source} ${JSON.stringify(x.tags)}`]),
  );
  section(
    'artifacts',
    d.artifacts.map((a) => [a.path, a.fileSize !== undefined ? `${a.fileSize} B` : '']),
  );
  return lines.join('\n');
}
