import { join } from 'node:path';
import { ResultCache } from './cache.js';
import { runPool } from './pool.js';
import { Progress, type ProgressOptions } from './progress.js';
import { selectShard, shardPartDir, type Shard } from './shard.js';
import { writeFeatureTable, TABLE_FILES } from '../table/featureTable.js';
import { writeCsv } from '../table/csv.js';
import { writeRecruitmentTable } from './recruitmentFile.js';
import type { DictionaryEntry, FeatureRow } from '../table/types.js';
import type { WorkItem } from './types.js';

/** One failed image, as written to `failures.csv`. */
export interface FailureRecord {
  image_id: string;
  subject_id: string;
  image_path: string;
  manifest_row: number;
  reason: string;
}

export interface ExtractionOptions {
  /** Every image of the manifest (the shard is selected here). */
  items: readonly WorkItem[];
  /** Output folder; a shard writes into `OUT/parts/shard-i-of-N/`. */
  outDir: string;
  /** Processor module URL and its settings (see {@link runPool}). */
  processorUrl: string;
  settings: unknown;
  /** Worker threads. */
  workers: number;
  shard?: Shard;
  /**
   * Content-hash key of an item (image bytes + masks + config + code version); throwing here
   * (e.g. file missing) records a failure without processing.
   */
  cacheKey: (item: WorkItem) => string;
  /** Recompute everything, ignoring cached results. Default false. */
  noCache?: boolean;
  dictionary?: readonly DictionaryEntry[];
  extractorVersion?: string;
  progress?: ProgressOptions;
}

export interface ExtractionSummary {
  /** Folder holding features.csv / features.parquet / failures.csv for this run or shard. */
  tableDir: string;
  total: number;
  succeeded: number;
  failed: number;
  /** Results taken from the cache (not recomputed). */
  cached: number;
  computed: number;
  elapsedMs: number;
  failures: FailureRecord[];
  rows: FeatureRow[];
}

/**
 * The cohort extraction engine: selects the shard, reuses cached results, runs the rest on
 * worker threads, caches each result as it arrives (so an interrupted run resumes where it
 * stopped), records failed images with their reason and goes on, and finally writes the feature
 * table (rows sorted by image_id: identical for resumed, sharded+merged and uninterrupted runs).
 */
export async function runExtraction(opts: ExtractionOptions): Promise<ExtractionSummary> {
  const t0 = Date.now();
  const items = opts.shard ? selectShard(opts.items, opts.shard, (i) => i.imageId) : [...opts.items];
  const tableDir = opts.shard ? join(opts.outDir, shardPartDir(opts.shard)) : opts.outDir;
  const cache = new ResultCache(join(opts.outDir, 'cache'));
  const rows = new Map<string, FeatureRow>();
  const failures: FailureRecord[] = [];
  const fail = (item: WorkItem, reason: string): void => {
    failures.push({
      image_id: item.imageId,
      subject_id: item.row.subject_id ?? '',
      image_path: item.row.image_path ?? '',
      manifest_row: item.manifestRow,
      reason: reason.replace(/\s+/g, ' ').trim(),
    });
  };
  const progress = new Progress(items.length, { label: 'extract', ...opts.progress });
  const todo: WorkItem[] = [];
  const keys = new Map<string, string>();
  let cached = 0;
  for (const item of items) {
    let key: string;
    try {
      key = opts.cacheKey(item);
    } catch (e) {
      fail(item, e instanceof Error ? e.message : String(e));
      progress.tick(false);
      continue;
    }
    keys.set(item.imageId, key);
    const hit = opts.noCache ? undefined : cache.get(key);
    if (hit) {
      rows.set(item.imageId, hit);
      cached++;
      progress.tick(true);
    } else todo.push(item);
  }
  await runPool(todo, { processorUrl: opts.processorUrl, settings: opts.settings, workers: opts.workers }, (item, result) => {
    if (result.ok) {
      cache.put(keys.get(item.imageId)!, result.row);
      rows.set(item.imageId, result.row);
    } else fail(item, result.reason);
    progress.tick(result.ok);
  });
  progress.finish();
  const ordered = [...rows.values()];
  await writeFeatureTable(tableDir, ordered, {
    ...(opts.dictionary ? { dictionary: opts.dictionary } : {}),
    ...(opts.extractorVersion ? { extractorVersion: opts.extractorVersion } : {}),
  });
  failures.sort((a, b) => (a.image_id < b.image_id ? -1 : 1));
  // per-visit recruitment needs all phases of a visit: a shard leaves it to `vesselprint merge`
  if (!opts.shard) writeRecruitmentTable(tableDir, ordered);
  writeCsv(join(tableDir, TABLE_FILES.failures), failures, ['image_id', 'subject_id', 'image_path', 'manifest_row', 'reason']);
  return {
    tableDir,
    total: items.length,
    succeeded: rows.size,
    failed: failures.length,
    cached,
    computed: rows.size - cached,
    elapsedMs: Date.now() - t0,
    failures,
    rows: ordered,
  };
}
