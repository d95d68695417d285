import type { ReportNotebook, ReportRun } from './types.js';
import { escapeHtml, formatNumber, hrefPath, page } from './html.js';
import { durationText, runPagePath, shortCommit, startText, varyingParams } from './runLabels.js';

/** Most metric and varying-param columns shown per experiment table (the run page has all). */
export const MAX_TABLE_COLUMNS = 16;

/**
 * The site's `index.html`: one table per experiment with a row per run (child runs indented
 * under their parent): a compare checkbox, run name linking to the run page, status, start (UTC),
 * duration, git commit, the params that differ between the experiment's runs, and the latest
 * value of each metric. Params shared by all runs are listed under the table. A button opens
 * `compare.html?runs=…` with the ticked runs.
 */
export function indexPage(runs: readonly ReportRun[], notebooks: readonly ReportNotebook[], title = 'Runs'): string {
  const byExp = new Map<string, ReportRun[]>();
  for (const r of runs) byExp.set(r.experiment, [...(byExp.get(r.experiment) ?? []), r]);
  const sections: string[] = [];
  for (const [exp, rs] of [...byExp.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    // Runs without any params (e.g. CV folds that inherit their parent's config) do not make a param "vary".
    const withParams = rs.map((r) => r.run).filter((r) => Object.keys(r.params).length > 0);
    const { varying, constant } = varyingParams(withParams);
    const metricKeys = [...new Set(rs.flatMap((r) => r.run.metrics.map((m) => m.key)))].sort();
    const pShown = varying.slice(0, MAX_TABLE_COLUMNS);
    const mShown = metricKeys.slice(0, MAX_TABLE_COLUMNS);
    const head = ['', 'run', 'status', 'start (UTC)', 'duration', 'git commit', ...pShown.map((k) => `param: ${k}`), ...mShown];
    const rows = rs.map((r) => {
      const i = r.run.info;
      const metric = new Map(r.run.metrics.map((m) => [m.key, m.value]));
      const cells = [
        `<td><input type="checkbox" class="pick" value="${escapeHtml(i.runId)}" aria-label="compare ${escapeHtml(i.runName)}"></td>`,
        `<td>${r.depth > 0 ? '↳ '.padStart(2 + r.depth, '\u00a0') : ''}<a href="${hrefPath(runPagePath(i.runId))}">${escapeHtml(i.runName || i.runId)}</a></td>`,
        `<td class="status-${i.status}">${i.status}</td>`,
        `<td>${startText(r.run)}</td>`,
        `<td class="num">${durationText(r.run)}</td>`,
        `<td><code>${escapeHtml(shortCommit(r.run))}</code></td>`,
        ...pShown.map((k) => `<td>${escapeHtml(r.run.params[k] ?? '')}</td>`),
        ...mShown.map((k) => `<td class="num">${metric.has(k) ? formatNumber(metric.get(k)!) : ''}</td>`),
      ];
      return `<tr class="${r.depth > 0 ? 'child' : ''}">${cells.join('')}</tr>`;
    });
    const hidden = (varying.length > pShown.length ? `${varying.length - pShown.length} more varying params; ` : '') +
      (metricKeys.length > mShown.length ? `${metricKeys.length - mShown.length} more metrics; ` : '');
    const first = withParams[0] ?? rs[0]!.run;
    sections.push(`<h2>Experiment ${escapeHtml(exp)} <span class="muted">(${rs.length} run${rs.length === 1 ? '' : 's'})</span></h2>
<div class="scroll"><table class="runs"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
${hidden ? `<p class="muted">${escapeHtml(hidden)}see the run pages.</p>` : ''}
${constant.length > 0 ? `<details><summary>${constant.length} params shared by all runs</summary><table>${constant.map((k) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(first.params[k] ?? '')}</td></tr>`).join('')}</table></details>` : ''}`);
  }
  const body = `<h1>${escapeHtml(title)}</h1>
<p>${runs.length} run${runs.length === 1 ? '' : 's'}; ${notebooks.length} executed notebook${notebooks.length === 1 ? '' : 's'} (<a href="notebooks.html">notebooks</a>).
Tick runs and <button id="compare-btn" type="button">compare selected</button>.</p>
${sections.length > 0 ? sections.join('\n') : '<p>No runs in this tracking store.</p>'}`;
  const script = `document.getElementById('compare-btn').addEventListener('click',function(){var ids=[].slice.call(document.querySelectorAll('input.pick:checked')).map(function(c){return c.value});location.href='compare.html'+(ids.length?'?runs='+ids.map(encodeURIComponent).join(','):'');});`;
  return page(title, body, { root: '', script });
}
