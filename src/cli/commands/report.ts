import type { Command } from 'commander';
import { openStore } from '../../track/openStore.js';
import { endStaleRunsOnRead } from '../../track/staleRuns.js';
import { writeReport } from '../../report/writeReport.js';

interface ReportCliOptions {
  experiment?: string;
  out: string;
  trackingUri?: string;
  notebooks?: string;
  compare?: string;
}

/**
 * `vesselprint report [--experiment NAME] --out report/ [--tracking-uri URI] [--notebooks DIR] [--compare id,id]`
 * writes a static HTML review site from the tracking store (default `MLFLOW_TRACKING_URI`, else
 * `./mlruns`): runs table, run pages with figures and config, comparison, executed notebooks.
 * Prints the path of `index.html`; exit 1 when some notebook could not be rendered.
 */
export function register(program: Command): void {
  program
    .command('report')
    .description('write a static HTML review site (runs, figures, config, comparison, notebooks) from the MLflow store')
    .option('--experiment <name>', 'only runs of this experiment')
    .option('--out <dir>', 'output folder (created; a previous report there is replaced)', 'report')
    .option('--tracking-uri <uri>', 'store to read (default: MLFLOW_TRACKING_URI, else file:./mlruns)')
    .option('--notebooks <dir>', 'folder of executed notebooks to render', 'out/notebooks')
    .option('--compare <ids>', 'comma-separated run ids pre-selected on the comparison page')
    .exitOverride()
    .action(async (o: ReportCliOptions) => {
      const store = openStore(o.trackingUri, { readOnly: true });
      // a run whose process died is reported as KILLED (with the reason), not RUNNING forever
      const ended = await endStaleRunsOnRead(store, () => openStore(o.trackingUri), o.experiment);
      if (ended.length > 0)
        process.stderr.write(`report: marked ${ended.length} run(s) KILLED whose process is gone (tag vesselprint.end_reason)\n`);
      const compare = o.compare
        ?.split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const r = await writeReport(store, o.out, {
        notebooksDir: o.notebooks ?? 'out/notebooks',
        ...(o.experiment !== undefined ? { experiment: o.experiment } : {}),
        ...(compare !== undefined ? { compare } : {}),
        log: (line) => process.stderr.write(`${line}\n`),
      });
      for (const p of r.notebookProblems) process.stderr.write(`vesselprint report: notebook not rendered: ${p}\n`);
      process.stdout.write(`report: ${r.runs} runs, ${r.figures} figures, ${r.notebooks.length} notebooks\nopen ${r.index}\n`);
      if (r.notebookProblems.length > 0) process.exitCode = 1;
    });
}
