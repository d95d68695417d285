import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { loadManifest } from '../manifest/loadManifest.js';
import { formatProblem } from '../manifest/problems.js';
import { VERSION } from '../version.js';
import { withRun } from '../track/startRun.js';
import { configParams } from '../track/flatten.js';
import { contentHash } from './cache.js';
import { runExtraction, type ExtractionSummary } from './runExtraction.js';
import type { ExperimentConfig } from './config.js';
import type { Shard } from './shard.js';
import type { WorkItem } from './types.js';
import type { FeatureRow } from '../table/types.js';
import { featureDictionary } from './dictionary.js';
import { codeHash } from './codeHash.js';
import { checkArteryVeinModelFolder } from '../retina/predictArteryVeinAdapter.js';
import { RETINA_FAILURE_FIELD } from '../retina/fieldDocs.js';

/**
 * Version of the feature extractor: bump when any feature's definition changes, so cached
 * results computed by older code are never reused and tables record what made them.
 */
export const EXTRACTOR_VERSION = `${VERSION}+x1`;

export interface ExtractCommandOptions {
  /** Worker threads (default: all cores). */
  workers?: number;
  shard?: Shard;
  /** Recompute everything instead of reusing cached results. */
  noCache?: boolean;
  /** Log the run to MLflow (default: config.tracking.enabled). */
  track?: boolean;
  /** Print progress (default true). */
  quiet?: boolean;
}

/** Reads the manifest into work items (file existence is checked per image, as a failure, not here). */
export function manifestWorkItems(manifestPath: string): { items: WorkItem[]; warnings: string[] } {
  const v = loadManifest(manifestPath, { checkFiles: false });
  const items: WorkItem[] = v.rows.map((r) => {
    const row: Record<string, string> = {};
    for (const [k, val] of Object.entries(r)) {
      if (k === 'row' || k === 'covariates' || val === undefined) continue;
      row[k] = String(val);
    }
    for (const [k, val] of Object.entries(r.covariates)) row[k] = val === null ? '' : String(val);
    return { imageId: r.image_id, manifestRow: r.row, manifestDir: v.baseDir, row };
  });
  return { items, warnings: v.problems.filter((p) => p.severity === 'warning').map(formatProblem) };
}

/**
 * Cache key of one image: its bytes, its FOV / vessel-mask / artery-vein-label bytes, the settings that change
 * features, the extractor version and a hash of the code ({@link codeHash}). A missing file throws (recorded as that image's failure).
 */
export function imageCacheKey(item: WorkItem, cfg: ExperimentConfig): string {
  const parts: (string | Uint8Array)[] = [
    EXTRACTOR_VERSION,
    codeHash(),
    JSON.stringify({ s: cfg.segmentation, f: cfg.fingerprint, r: cfg.radiomics, q: cfg.qc, t: cfg.retina }),
    JSON.stringify(item.row),
  ];
  for (const col of ['image_path', 'fov_mask_path', 'vessel_mask_path', 'av_mask_path']) {
    const rel = item.row[col];
    if (!rel) continue;
    const p = join(item.manifestDir, rel);
    if (!existsSync(p)) throw new Error(`${col}: file not found: ${rel}`);
    parts.push(readFileSync(p));
  }
  return contentHash(parts);
}

/** {@link extractCohort}'s summary: the engine's, plus the rows kept whose retina block failed. */
export interface ExtractSummary extends ExtractionSummary {
  /** Image id and `retina.failure_reason` of every row whose retina block failed (the row is kept). */
  retinaFailures: { image_id: string; reason: string }[];
}

/** Rows whose `retina.failure_reason` is set. */
function retinaFailures(rows: readonly FeatureRow[]): ExtractSummary['retinaFailures'] {
  return rows.flatMap((r) => {
    const why = r[`retina.${RETINA_FAILURE_FIELD}`];
    return typeof why === 'string' && why !== '' ? [{ image_id: String(r['image_id']), reason: why }] : [];
  });
}

/**
 * `vesselprint extract`: the manifest → feature table run, logged as one MLflow run (config,
 * counts, failures, timing, the table and its dictionary as artifacts).
 */
export async function extractCohort(cfg: ExperimentConfig, opts: ExtractCommandOptions = {}): Promise<ExtractSummary> {
  const { items, warnings } = manifestWorkItems(cfg.manifest);
  if (!opts.quiet) for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  // A bad artery/vein model folder is the run's problem, not each image's: stop before the first image.
  if (cfg.retina.enabled && cfg.retina.avSource !== 'manual') checkArteryVeinModelFolder(cfg.retina.modelDir);
  const workers = opts.workers ?? availableParallelism();
  const run = async (): Promise<ExtractSummary> => {
    const s = await runExtraction({
      items,
      outDir: cfg.out,
      processorUrl: pathToFileURL(
        resolve(new URL(import.meta.url.endsWith('.ts') ? './imageProcessor.ts' : './imageProcessor.js', import.meta.url).pathname),
      ).href,
      settings: cfg,
      workers,
      ...(opts.shard ? { shard: opts.shard } : {}),
      cacheKey: (item) => imageCacheKey(item, cfg),
      noCache: opts.noCache ?? false,
      dictionary: featureDictionary(cfg),
      extractorVersion: EXTRACTOR_VERSION,
      progress: { quiet: opts.quiet ?? false },
    });
    return { ...s, retinaFailures: retinaFailures(s.rows) };
  };
  if (!(opts.track ?? cfg.tracking.enabled)) return run();
  const shardTag = opts.shard ? `-shard${opts.shard.index}of${opts.shard.count}` : '';
  return withRun(
    {
      experiment: cfg.tracking.experiment,
      runName: `${cfg.name}${shardTag}`,
      config: configParams(cfg),
      manifest: cfg.manifest,
      seed: cfg.seed,
      description: cfg.description,
      sourceName: 'vesselprint extract',
      sourceType: 'LOCAL',
      tags: { 'vesselprint.extractor_version': EXTRACTOR_VERSION, 'vesselprint.workers': String(workers) },
    },
    async (r) => {
      const s = await run();
      await r.logMetrics({
        images_total: s.total,
        images_succeeded: s.succeeded,
        images_failed: s.failed,
        images_retina_failed: s.retinaFailures.length,
        images_cached: s.cached,
        images_computed: s.computed,
        elapsed_s: s.elapsedMs / 1000,
        images_per_s: s.computed > 0 ? s.computed / (s.elapsedMs / 1000) : 0,
      });
      for (const f of ['features.csv', 'failures.csv', 'data-dictionary.csv']) await r.logArtifact(join(s.tableDir, f), 'table');
      if (existsSync(join(s.tableDir, 'features.parquet'))) await r.logArtifact(join(s.tableDir, 'features.parquet'), 'table');
      await r.setTag('vesselprint.table_dir', s.tableDir);
      return s;
    },
  );
}
