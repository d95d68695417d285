import { VesselprintError } from '../core/errors.js';

/** A shard spec: this process handles shard `index` (0-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parses `--shard i/N` (0 <= i < N). SLURM array tasks pass `$SLURM_ARRAY_TASK_ID/N`, Kubernetes
 * Indexed Jobs `$JOB_COMPLETION_INDEX/N`.
 * @example parseShard('1/4') // { index: 1, count: 4 }
 */
export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  if (!m) throw new VesselprintError('BAD_ARGUMENT', `expected i/N with integers, e.g. 0/4, got "${spec}"`, { field: '--shard' });
  const index = Number(m[1]),
    count = Number(m[2]);
  if (count < 1 || index >= count)
    throw new VesselprintError('BAD_ARGUMENT', `need 0 <= i < N, got ${index}/${count}`, { field: '--shard' });
  return { index, count };
}

/**
 * Deterministic 1/N of the items: sort by key, then every N-th item starting at `index`.
 * Independent of manifest row order; the shards partition the items exactly.
 */
export function selectShard<T>(items: readonly T[], shard: Shard, key: (item: T) => string): T[] {
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return sorted.filter((_, i) => i % shard.count === shard.index);
}

/** Folder name of a shard's part inside the output folder: `parts/shard-0001-of-0004`. */
export function shardPartDir(shard: Shard): string {
  const p = (n: number): string => String(n).padStart(4, '0');
  return `parts/shard-${p(shard.index)}-of-${p(shard.count)}`;
}
