/**
 * Honest ends for runs whose process died: a run records the process id and host name that
 * started it (tags `vesselprint.pid`, `vesselprint.hostname`); a run still `RUNNING` whose
 * process no longer exists on this host was killed (kill -9, power loss, OOM killer) and is
 * marked `KILLED` with the reason in tag `vesselprint.end_reason`. Runs started on another
 * host, or without these tags, cannot be judged and are left alone.
 */
import { hostname } from 'node:os';
import type { RunRecord, TrackingStore } from './types.js';
import { listRuns } from './runReport.js';

export const PID_TAG = 'vesselprint.pid';
export const HOST_TAG = 'vesselprint.hostname';
export const END_REASON_TAG = 'vesselprint.end_reason';

/** True when a process with this id exists (signal 0 probes without sending anything). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Tags that {@link staleRunReason} needs, for `startRun`. */
export function processTags(): Record<string, string> {
  return { [PID_TAG]: String(process.pid), [HOST_TAG]: hostname() };
}

export interface StaleRunOptions {
  /** This machine's host name (default `os.hostname()`). */
  host?: string;
  /** Liveness probe (default {@link processAlive}). */
  alive?: (pid: number) => boolean;
}

/**
 * Why a run is stale, or undefined when it is not (not RUNNING, another host, no process tags,
 * or its process still exists).
 * @example staleRunReason(run) // 'process 4711 on host lab1 is gone; the run never ended'
 */
function staleRunReason(run: RunRecord, options: StaleRunOptions = {}): string | undefined {
  if (run.info.status !== 'RUNNING') return undefined;
  const pid = Number(run.tags[PID_TAG]);
  const host = run.tags[HOST_TAG];
  if (!Number.isInteger(pid) || pid <= 0 || host === undefined || host !== (options.host ?? hostname())) return undefined;
  if (pid === process.pid || (options.alive ?? processAlive)(pid)) return undefined;
  return `process ${pid} on host ${host} is gone; the run never ended (killed or crashed)`;
}

/**
 * Marks every stale run of the given runs KILLED (end time now) with its reason as a tag.
 * @returns the ids of the runs it ended
 * @example await endStaleRuns(store, runs) // ['3f2a…']
 */
export async function endStaleRuns(store: TrackingStore, runs: readonly RunRecord[], options: StaleRunOptions = {}): Promise<string[]> {
  const ended: string[] = [];
  for (const r of runs) {
    const reason = staleRunReason(r, options);
    if (reason === undefined) continue;
    await store.logBatch(r.info.runId, { tags: [{ key: END_REASON_TAG, value: reason }] });
    await store.updateRun(r.info.runId, 'KILLED', Date.now());
    ended.push(r.info.runId);
  }
  return ended;
}

/**
 * For the read-only views (`vesselprint runs`, `vesselprint report`): finds the stale runs in
 * `store` (optionally of one experiment) and, only if there are any, ends them through
 * `writable()` (a store opened for writing on the same URI).
 * @returns the ids of the runs it ended
 * @example await endStaleRunsOnRead(openStore(uri, { readOnly: true }), () => openStore(uri))
 */
export async function endStaleRunsOnRead(
  store: TrackingStore,
  writable: () => TrackingStore,
  experiment?: string,
  options: StaleRunOptions = {},
): Promise<string[]> {
  const { runs } = await listRuns(store, experiment);
  const stale = runs.filter((r) => staleRunReason(r, options) !== undefined);
  return stale.length === 0 ? [] : endStaleRuns(writable(), stale, options);
}
