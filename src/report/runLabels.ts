import type { RunRecord } from '../track/types.js';

/** Git commit of a run (tag `mlflow.source.git.commit`), shortened to 10 characters, `-` when unknown; `+dirty` when `mlflow.source.git.dirty` is `true`. */
export function shortCommit(run: RunRecord): string {
  const c = run.tags['mlflow.source.git.commit'];
  if (c === undefined || c === '') return '-';
  const dirty = run.tags['mlflow.source.git.dirty'] === 'true';
  return `${c.slice(0, 10)}${dirty ? '+dirty' : ''}`;
}

/** Start time as `YYYY-MM-DD HH:MM:SS` UTC. */
export function startText(run: RunRecord): string {
  return new Date(run.info.startTime).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
}

/** Duration in seconds with one decimal (`12.3 s`), `-` while running. */
export function durationText(run: RunRecord): string {
  return run.info.endTime === undefined ? '-' : `${(Math.round((run.info.endTime - run.info.startTime) / 100) / 10).toFixed(1)} s`;
}

/** Site-relative path of a run's page. */
export function runPagePath(runId: string): string {
  return `runs/${runId}.html`;
}

/**
 * Param keys whose values differ between the runs (a key missing in some runs counts as
 * differing), sorted; and the keys with one value shared by all runs.
 * @example varyingParams([{params:{a:'1',b:'2'}},{params:{a:'1',b:'3'}}]) // { varying: ['b'], constant: ['a'] }
 */
export function varyingParams(runs: readonly Pick<RunRecord, 'params'>[]): { varying: string[]; constant: string[] } {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const varying: string[] = [];
  const constant: string[] = [];
  for (const k of keys) {
    const values = new Set(runs.map((r) => r.params[k] ?? '\u0000missing'));
    (values.size > 1 ? varying : constant).push(k);
  }
  return { varying, constant };
}
