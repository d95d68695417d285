import type { Command } from 'commander';
import { VesselprintError } from '../../core/errors.js';
import { openStore } from '../../track/openStore.js';
import { formatRunDetail, formatRunsTable, listRuns, runDetail, summarizeRuns } from '../../track/runReport.js';
import { endStaleRunsOnRead } from '../../track/staleRuns.js';

interface ListOptions {
  experiment?: string;
  json?: boolean;
  trackingUri?: string;
  metrics?: string;
  limit?: string;
}
interface ShowOptions {
  json?: boolean;
  trackingUri?: string;
}

const jsonReplacer = (_k: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);

/**
 * `vesselprint runs [--experiment NAME] [--json] [--tracking-uri URI] [--metrics a,b] [--limit N]`
 * lists runs (newest first) with status and latest metrics from the file store or a server;
 * `vesselprint runs show RUN_ID` prints one run in full. The store is `--tracking-uri`, else
 * `MLFLOW_TRACKING_URI`, else `./mlruns`. A RUNNING run whose process (tags `vesselprint.pid`,
 * `vesselprint.hostname`) is gone from this host is first marked KILLED with the reason.
 */
export function register(program: Command): void {
  const runs = program
    .command('runs')
    .description('list MLflow runs (file store ./mlruns or MLFLOW_TRACKING_URI) with status and key metrics')
    .option('--experiment <name>', 'only runs of this experiment')
    .option('--json', 'print JSON instead of a table')
    .option('--tracking-uri <uri>', 'store to read (default: MLFLOW_TRACKING_URI, else file:./mlruns)')
    .option('--metrics <keys>', 'comma-separated metric keys to show (default: all)')
    .option('--limit <n>', 'show at most n runs')
    // Throw usage errors to main() (exit 2) instead of commander's own process.exit(1).
    .exitOverride()
    .action(async (o: ListOptions) => {
      const store = openStore(o.trackingUri, { readOnly: true });
      // RUNNING runs whose process is gone from this host get an honest end first: KILLED, with the reason as a tag
      const ended = await endStaleRunsOnRead(store, () => openStore(o.trackingUri), o.experiment);
      if (ended.length > 0)
        process.stderr.write(`runs: marked ${ended.length} run(s) KILLED whose process is gone (tag vesselprint.end_reason)\n`);
      const { runs: found, experiments } = await listRuns(store, o.experiment);
      const limit = o.limit !== undefined ? Number(o.limit) : undefined;
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
        throw new VesselprintError('BAD_ARGUMENT', `expected a positive integer, got "${o.limit}"`, { field: '--limit' });
      }
      const keys =
        o.metrics !== undefined
          ? o.metrics
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== '')
          : undefined;
      const all = summarizeRuns(found, experiments, keys); // display order: newest first, children under their parent
      const summaries = limit !== undefined ? all.slice(0, limit) : all;
      process.stdout.write(
        o.json ? `${JSON.stringify(summaries, jsonReplacer, 2)}\n` : `${formatRunsTable(summaries, keys?.length ?? 4)}\n`,
      );
    });
  runs
    .command('show <runId>')
    .description('show one run: params, latest metrics, tags, inputs and artifacts')
    .option('--json', 'print JSON')
    .option('--tracking-uri <uri>', 'store to read (default: MLFLOW_TRACKING_URI, else file:./mlruns)')
    .exitOverride()
    .action(async (runId: string, o: ShowOptions, cmd: Command) => {
      const parent = cmd.parent?.opts<ListOptions>() ?? {};
      const store = openStore(o.trackingUri ?? parent.trackingUri, { readOnly: true });
      const d = await runDetail(store, runId);
      process.stdout.write(o.json || parent.json ? `${JSON.stringify(d, jsonReplacer, 2)}\n` : `${formatRunDetail(d)}\n`);
    });
}
