import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import type { ReportNotebook } from './types.js';

/** The `jupyter` command: Debian's `/usr/bin/jupyter` when present (its Python has nbconvert), else `jupyter` on PATH. */
export function defaultJupyter(): string {
  return existsSync('/usr/bin/jupyter') ? '/usr/bin/jupyter' : 'jupyter';
}

/**
 * The folder of executed notebooks to put in a report: `ROOT/out/notebooks` when it holds any
 * `*.ipynb` (what `npm run notebooks` writes, one by one as they finish), else the notebooks as
 * saved in `ROOT/notebooks` (with their outputs, when run interactively in Jupyter).
 * @example executedNotebooksDir('/work/proj') // '/work/proj/out/notebooks' after `npm run notebooks`
 */
export function executedNotebooksDir(root: string): string {
  const executed = join(root, 'out', 'notebooks');
  const has = existsSync(executed) && readdirSync(executed).some((f) => f.endsWith('.ipynb'));
  return has ? executed : join(root, 'notebooks');
}

/**
 * Renders every `*.ipynb` in `dir` (sorted by name) to `outDir/<name>.html` with
 * `jupyter nbconvert --to html`, keeping the saved outputs (no re-execution). A notebook that
 * fails to convert, or a missing `jupyter`, is reported in `problems` instead of throwing, so the
 * rest of the report is still written.
 * @param sitePrefix prefix of the returned site-relative paths (e.g. `notebooks/`)
 */
export function renderNotebooks(dir: string, outDir: string, sitePrefix: string, jupyter = defaultJupyter()): { notebooks: ReportNotebook[]; problems: string[] } {
  const notebooks: ReportNotebook[] = [];
  const problems: string[] = [];
  if (!existsSync(dir)) return { notebooks, problems };
  const files = readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort();
  for (const f of files) {
    const stem = basename(f, '.ipynb');
    const r = spawnSync(jupyter, ['nbconvert', '--to', 'html', '--output-dir', outDir, '--output', stem, join(dir, f)], { encoding: 'utf8', timeout: 120_000 });
    if (r.error) { problems.push(`${f}: could not run ${jupyter} nbconvert (${r.error.message}); install jupyter-nbconvert`); continue; }
    if (r.status !== 0 || !existsSync(join(outDir, `${stem}.html`))) {
      problems.push(`${f}: jupyter nbconvert --to html exited ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' ')}`);
      continue;
    }
    notebooks.push({ name: f, sitePath: `${sitePrefix}${stem}.html` });
  }
  return { notebooks, problems };
}
