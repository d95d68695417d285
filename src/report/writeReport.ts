import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { VesselprintError } from '../core/errors.js';
import { writeFileAtomic } from '../core/atomicWrite.js';
import type { TrackingStore } from '../track/types.js';
import { collectRuns } from './collectRuns.js';
import { comparePage } from './comparePage.js';
import { indexPage } from './indexPage.js';
import { notebooksPage } from './notebooksPage.js';
import { renderNotebooks } from './renderNotebooks.js';
import { runPage } from './runPage.js';
import { runPagePath } from './runLabels.js';
import type { ReportNotebook, ReportOptions, ReportResult } from './types.js';

/** Marker file that identifies a folder written by {@link writeReport} (it may then be overwritten). */
export const REPORT_MARKER = '.vesselprint-report';

/** Defaults of {@link ReportOptions}. */
export const DEFAULT_REPORT_OPTIONS = {
  notebooksDir: 'out/notebooks',
  maxArtifactBytes: 20 * 1024 * 1024,
  maxInlineChars: 20_000,
  compareDefaultCount: 4,
} as const;

/** Absolute path of the bundled `plotly.min.js` (npm package `plotly.js-dist-min`). */
export function plotlyBundlePath(): string {
  return createRequire(import.meta.url).resolve('plotly.js-dist-min/plotly.min.js');
}

function safeArtifactPath(runId: string, p: string): string {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.some((s) => s === '..') || !/^[A-Za-z0-9_-]+$/.test(runId)) {
    throw new VesselprintError('TRACKING', `report: unsafe artifact path "${p}" in run ${runId}`, { field: 'artifact' });
  }
  return `runs/${runId}/${parts.join('/')}`;
}

/**
 * Writes a static HTML review site of the runs in a tracking store to `outDir`:
 * `index.html` (runs table per experiment: status, start, duration, git commit, varying params,
 * latest metrics), `runs/<runId>.html` (figures, config, metrics, params, tags, inputs, artifacts),
 * `compare.html` (selected runs side by side, differences highlighted), `notebooks.html` and
 * `notebooks/*.html` (executed notebooks from `notebooksDir` rendered with nbconvert), and
 * `assets/plotly.min.js` (a copy of plotly.js, so Plotly figure artifacts draw offline). All links
 * are relative: the site opens from disk (`file://`) without a server.
 *
 * `outDir` must be missing, empty, or a previous report (it holds {@link REPORT_MARKER}); the
 * previous report's files are replaced.
 * @throws VesselprintError `BAD_ARGUMENT` when `outDir` is a non-empty folder that is not a report,
 *   or `experiment` names no experiment
 * @example await writeReport(openStore('mlruns', { readOnly: true }), 'report') // { index: '/…/report/index.html', runs: 3, … }
 */
export async function writeReport(store: TrackingStore, outDir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const out = resolve(outDir);
  const log = options.log ?? ((): void => {});
  if (existsSync(out)) {
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(REPORT_MARKER)) {
      throw new VesselprintError('BAD_ARGUMENT', `report: ${outDir} is a non-empty folder that is not a vesselprint report; choose an empty or new folder`, { field: '--out', path: outDir });
    }
    for (const d of ['runs', 'notebooks', 'assets']) rmSync(join(out, d), { recursive: true, force: true });
  }
  mkdirSync(join(out, 'assets'), { recursive: true });
  writeFileAtomic(join(out, REPORT_MARKER), 'written by vesselprint report; this folder is replaced when the report is written again\n');
  copyFileSync(plotlyBundlePath(), join(out, 'assets', 'plotly.min.js'));

  const { runs } = await collectRuns(store, {
    ...(options.experiment !== undefined ? { experiment: options.experiment } : {}),
    maxArtifactBytes: options.maxArtifactBytes ?? DEFAULT_REPORT_OPTIONS.maxArtifactBytes,
    maxInlineChars: options.maxInlineChars ?? DEFAULT_REPORT_OPTIONS.maxInlineChars,
    saveArtifact: (runId, p, bytes) => {
      const sitePath = safeArtifactPath(runId, p);
      const dest = join(out, ...sitePath.split('/'));
      mkdirSync(dirname(dest), { recursive: true });
      writeFileAtomic(dest, bytes);
      return sitePath;
    },
  });
  log(`report: ${runs.length} runs from ${store.uri}`);
  const top = runs.filter((r) => r.depth === 0).map((r) => r.run.info.runId);
  const known = new Set(runs.map((r) => r.run.info.runId));
  const selection = options.compare ?? top.slice(0, DEFAULT_REPORT_OPTIONS.compareDefaultCount);
  const unknown = selection.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new VesselprintError('BAD_ARGUMENT', `report: --compare names runs not in the report: ${unknown.join(', ')}`, { field: '--compare' });

  let figures = 0;
  for (const r of runs) {
    const children = runs.filter((c) => c.run.tags['mlflow.parentRunId'] === r.run.info.runId);
    figures += r.artifacts.filter((a) => a.kind === 'plotly' || a.kind === 'image').length;
    writeFileAtomic(join(out, ...runPagePath(r.run.info.runId).split('/')), runPage(r, children));
  }

  let notebooks: ReportNotebook[] = [];
  let notebookProblems: string[] = [];
  const nbDir = resolve(options.notebooksDir ?? DEFAULT_REPORT_OPTIONS.notebooksDir);
  if (existsSync(nbDir)) {
    mkdirSync(join(out, 'notebooks'), { recursive: true });
    ({ notebooks, problems: notebookProblems } = renderNotebooks(nbDir, join(out, 'notebooks'), 'notebooks/', options.jupyter));
    log(`report: ${notebooks.length} notebooks rendered from ${nbDir}${notebookProblems.length ? `, ${notebookProblems.length} failed` : ''}`);
  } else {
    log(`report: no executed notebooks in ${nbDir} (run npm run notebooks first)`);
  }

  writeFileAtomic(join(out, 'compare.html'), comparePage(runs, selection));
  writeFileAtomic(join(out, 'notebooks.html'), notebooksPage(notebooks, notebookProblems));
  writeFileAtomic(join(out, 'index.html'), indexPage(runs, notebooks, options.experiment !== undefined ? `Runs of ${options.experiment}` : 'Runs'));
  return { index: join(out, 'index.html'), runs: runs.length, figures, notebooks, notebookProblems };
}
