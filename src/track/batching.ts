import type { LogBatch } from './types.js';

/** Limits of MLflow's `runs/log-batch` (mlflow/utils/validation.py). */
export const LOG_BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000, bytes: 1_000_000 } as const;

/**
 * Splits a batch into batches that each respect MLflow's `runs/log-batch` limits (≤ 1000
 * metrics, ≤ 100 params, ≤ 100 tags, ≤ 1000 items in all, request under 1 MB). Order is kept:
 * params first, then tags, then metrics (as MLflow's Python client sends them).
 *
 * @example splitBatch({ params: 250 params }).length // 3
 */
export function splitBatch(batch: LogBatch, limits: typeof LOG_BATCH_LIMITS = LOG_BATCH_LIMITS): LogBatch[] {
  const out: LogBatch[] = [];
  let cur = {
    metrics: [] as NonNullable<LogBatch['metrics']>,
    params: [] as NonNullable<LogBatch['params']>,
    tags: [] as NonNullable<LogBatch['tags']>,
  };
  let bytes = 0;
  const flush = (): void => {
    if (cur.metrics.length + cur.params.length + cur.tags.length > 0) out.push(cur);
    cur = { metrics: [], params: [], tags: [] };
    bytes = 0;
  };
  const add = <K extends 'metrics' | 'params' | 'tags'>(kind: K, item: (typeof cur)[K][number]): void => {
    const size = JSON.stringify(item).length + 1;
    const total = cur.metrics.length + cur.params.length + cur.tags.length;
    if (cur[kind].length >= limits[kind] || total >= limits.total || bytes + size > limits.bytes * 0.9) flush();
    (cur[kind] as Array<typeof item>).push(item);
    bytes += size;
  };
  for (const p of batch.params ?? []) add('params', p);
  for (const t of batch.tags ?? []) add('tags', t);
  for (const m of batch.metrics ?? []) add('metrics', m);
  flush();
  return out;
}
