import type { ReportRun } from './types.js';
import { escapeHtml, formatNumber, hrefPath, page, scriptJson } from './html.js';
import { runPagePath, shortCommit, startText } from './runLabels.js';

/**
 * Browser script of the comparison page: shows only the columns of the runs named in
 * `?runs=id1,id2` (else the default selection embedded in the page), marks rows whose shown
 * values differ (`tr.diff`), and with "only differences" ticked hides the rows that agree.
 */
const COMPARE_SCRIPT = `(function(){var def=JSON.parse(document.getElementById('default-selection').textContent);var q=new URLSearchParams(location.search).get('runs');var sel=q?q.split(',').filter(Boolean):def;var cols=[].slice.call(document.querySelectorAll('th[data-run]'));var shown=cols.map(function(c){return sel.length===0||sel.indexOf(c.getAttribute('data-run'))>=0;});if(shown.every(function(s){return !s;}))shown=cols.map(function(){return true;});var rows=[].slice.call(document.querySelectorAll('table.compare tr'));function apply(){var only=document.getElementById('only-diff').checked;rows.forEach(function(tr){var cells=[].slice.call(tr.children).slice(1);var vals={};cells.forEach(function(td,i){td.style.display=shown[i]?'':'none';if(shown[i])vals[td.getAttribute('data-v')||td.textContent]=1;});if(tr.classList.contains('value')){var d=Object.keys(vals).length>1;tr.classList.toggle('diff',d);tr.style.display=only&&!d?'none':'';}});document.getElementById('shown-count').textContent=String(shown.filter(Boolean).length);}document.getElementById('only-diff').addEventListener('change',apply);apply();})();`;

/**
 * `compare.html`: one column per run and one row per run attribute (experiment, status, start,
 * git commit), param and metric (latest value). Rows whose values differ between the shown runs
 * are highlighted. The runs shown are those in the page's `?runs=` query (set by the index page's
 * "compare selected" button), else `defaultSelection`, else all.
 */
export function comparePage(runs: readonly ReportRun[], defaultSelection: readonly string[]): string {
  const head = `<tr><th>run</th>${runs.map((r) => `<th data-run="${escapeHtml(r.run.info.runId)}"><a href="${hrefPath(runPagePath(r.run.info.runId))}">${escapeHtml(r.run.info.runName || r.run.info.runId)}</a></th>`).join('')}</tr>`;
  const row = (label: string, values: string[], cls = 'value'): string =>
    `<tr class="${cls}"><th>${escapeHtml(label)}</th>${values.map((v) => `<td data-v="${escapeHtml(v)}">${escapeHtml(v)}</td>`).join('')}</tr>`;
  const section = (label: string): string => `<tr class="section"><th colspan="${runs.length + 1}">${escapeHtml(label)}</th></tr>`;
  const paramKeys = [...new Set(runs.flatMap((r) => Object.keys(r.run.params)))].sort();
  const metricKeys = [...new Set(runs.flatMap((r) => r.run.metrics.map((m) => m.key)))].sort();
  const rows = [
    row('experiment', runs.map((r) => r.experiment)),
    row('status', runs.map((r) => r.run.info.status)),
    row('start (UTC)', runs.map((r) => startText(r.run))),
    row('git commit', runs.map((r) => shortCommit(r.run))),
    section('metrics (latest value)'),
    ...metricKeys.map((k) => row(k, runs.map((r) => { const m = r.run.metrics.find((x) => x.key === k); return m ? formatNumber(m.value) : ''; }))),
    section('params'),
    ...paramKeys.map((k) => row(k, runs.map((r) => r.run.params[k] ?? ''))),
  ];
  const body = `<h1>Compare runs</h1>
<p>Showing <span id="shown-count">${runs.length}</span> of ${runs.length} runs (choose them on the <a href="index.html">runs page</a>).
<label><input type="checkbox" id="only-diff"> only differences</label></p>
<script type="application/json" id="default-selection">${scriptJson(defaultSelection)}</script>
${runs.length > 0 ? `<div class="scroll"><table class="compare">${head}${rows.join('\n')}</table></div>` : '<p>No runs.</p>'}`;
  return page('Compare runs', body, { root: '', script: COMPARE_SCRIPT });
}
