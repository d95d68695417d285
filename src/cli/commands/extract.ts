import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadExperimentConfig } from '../../pipeline/config.js';
import { extractCohort } from '../../pipeline/extract.js';
import { parseShard } from '../../pipeline/shard.js';
import { VesselprintError } from '../../core/errors.js';

interface ExtractFlags {
  manifest?: string;
  out?: string;
  workers?: string;
  shard?: string;
  resume?: boolean;
  cache: boolean;
  allowFailures?: boolean;
  /** undefined unless --track or --no-track was given: the config's tracking.enabled decides. */
  track?: boolean;
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command('extract')
    .description(
      'run a manifest through read → segment → fingerprint + radiomics + QC into OUT/features.csv, features.parquet, failures.csv',
    )
    .argument('<config>', 'experiment config, e.g. experiments/demo.json')
    .option('--manifest <path>', 'manifest (overrides the config)')
    .option('--out <dir>', 'output folder (overrides the config)')
    .option('--workers <n>', 'worker threads (default: all cores)')
    .option('--shard <i/N>', 'process shard i of N (0-based) into OUT/parts/; join with `vesselprint merge OUT`')
    .option('--resume', 'continue an interrupted run: reuse every result already in OUT/cache (always on unless --no-cache)')
    .option('--no-cache', 'recompute every image, ignoring cached results')
    .option('--allow-failures', 'exit 0 even if some images failed')
    .option('--track', 'log an MLflow run even if the config says tracking.enabled: false')
    .option('--no-track', "do not log an MLflow run (default: the config's tracking.enabled, true when absent)")
    .option('--quiet', 'no progress output')
    .action(async (configPath: string, flags: ExtractFlags) => {
      const cfg = loadExperimentConfig(configPath);
      if (flags.manifest) cfg.manifest = flags.manifest;
      if (flags.out) cfg.out = flags.out;
      if (flags.resume && !flags.cache)
        throw new VesselprintError('BAD_ARGUMENT', '--resume and --no-cache contradict each other', { field: '--resume' });
      let workers: number | undefined;
      if (flags.workers !== undefined) {
        workers = Number(flags.workers);
        if (!Number.isInteger(workers) || workers < 1)
          throw new VesselprintError('BAD_ARGUMENT', `expected a positive integer, got "${flags.workers}"`, { field: '--workers' });
      }
      const s = await extractCohort(cfg, {
        ...(workers !== undefined ? { workers } : {}),
        ...(flags.shard ? { shard: parseShard(flags.shard) } : {}),
        noCache: !flags.cache,
        ...(flags.track !== undefined ? { track: flags.track } : {}),
        quiet: flags.quiet ?? false,
      });
      const dir = resolve(s.tableDir);
      process.stdout.write(
        `extract: ${s.succeeded}/${s.total} images ok (${s.cached} from cache, ${s.computed} computed), ${s.failed} failed, ${(s.elapsedMs / 1000).toFixed(1)} s\n`,
      );
      process.stdout.write(`table: ${dir}/features.csv (+ features.parquet, data-dictionary.csv); failures: ${dir}/failures.csv\n`);
      for (const f of s.failures.slice(0, 10))
        process.stdout.write(`  failed ${f.image_id} (manifest row ${f.manifest_row}): ${f.reason}\n`);
      if (s.failures.length > 10) process.stdout.write(`  ... and ${s.failures.length - 10} more in failures.csv\n`);
      if (s.retinaFailures.length > 0)
        process.stdout.write(
          `retina block failed for ${s.retinaFailures.length} image(s); their rows are kept with null retina.* columns (reason in retina.failure_reason):\n`,
        );
      for (const f of s.retinaFailures.slice(0, 10)) process.stdout.write(`  retina ${f.image_id}: ${f.reason}\n`);
      if (s.retinaFailures.length > 10) process.stdout.write(`  ... and ${s.retinaFailures.length - 10} more\n`);
      if (s.failed > 0 && !flags.allowFailures) process.exitCode = 1;
    });
}
