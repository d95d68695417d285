import type { ReportArtifact, ReportRun } from './types.js';
import { escapeHtml, formatNumber, hrefPath, page, scriptJson } from './html.js';
import { durationText, runPagePath, shortCommit, startText } from './runLabels.js';
import { screenFigure } from './screenFigure.js';

/** Browser script that draws every `div.plotly-figure` from its JSON spec with the bundled plotly.js (static plots, no network). */
export const PLOTLY_RENDER_SCRIPT = `(function(){var figs=document.querySelectorAll('div.plotly-figure');for(var i=0;i<figs.length;i++){var d=figs[i];try{var spec=JSON.parse(document.getElementById(d.id+'-spec').textContent);Plotly.newPlot(d,spec.data,spec.layout||{},{displaylogo:false,responsive:true}).then(function(g){g.setAttribute('data-rendered','true');});}catch(e){d.textContent='figure could not be drawn: '+e;d.setAttribute('data-error',String(e));}}})();`;

const kv = (rows: [string, string][]): string =>
  `<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${v}</td></tr>`).join('')}</table>`;

function artifactHref(a: ReportArtifact): string | undefined {
  return a.sitePath === undefined ? undefined : `../${hrefPath(a.sitePath)}`;
}

/** Path without its extension: `figures/roc.svg` → `figures/roc`. */
function stemOf(path: string): string {
  return path.replace(/\.[^./]+$/, '');
}

function figureHtml(a: ReportArtifact, n: number, renditions: readonly ReportArtifact[] = []): string {
  const href = artifactHref(a);
  const also = renditions
    .map((x) => ({ x, h: artifactHref(x) }))
    .filter((o) => o.h !== undefined)
    .map((o) => `<a href="${o.h!}">${escapeHtml(o.x.path.slice(o.x.path.lastIndexOf('.') + 1))}</a>`);
  const caption = `<figcaption>${href ? `<a href="${href}">${escapeHtml(a.path)}</a>` : escapeHtml(a.path)}${also.length > 0 ? ` <span class="muted">(also ${also.join(', ')})</span>` : ''}</figcaption>`;
  if (a.kind === 'plotly') {
    return `<figure><div class="plotly-figure" id="fig-${n}"></div><script type="application/json" id="fig-${n}-spec">${scriptJson(a.figure === undefined ? a.figure : screenFigure(a.figure))}</script>${caption}</figure>`;
  }
  return `<figure>${href ? `<img src="${href}" alt="${escapeHtml(a.path)}">` : '<p>(too large to copy)</p>'}${caption}</figure>`;
}

/**
 * The page of one run (`runs/<runId>.html`): summary (status, times, git commit, source,
 * parent and child runs), figures (Plotly specs drawn with the bundled plotly.js; SVG/PNG/JPEG
 * shown directly), the config, latest metrics, params, tags, dataset inputs, and every other
 * artifact as a link (small text and CSV shown inline).
 * @param children runs whose parent is this run, for links
 */
export function runPage(r: ReportRun, children: readonly ReportRun[] = []): string {
  const { info, params, metrics, tags, inputs } = r.run;
  const parent = tags['mlflow.parentRunId'];
  const link = (id: string, label: string): string => `<a href="../${hrefPath(runPagePath(id))}">${escapeHtml(label)}</a>`;
  const summary = kv([
    ['run id', `<code>${escapeHtml(info.runId)}</code>`],
    ['experiment', escapeHtml(r.experiment)],
    ['status', `<span class="status-${info.status}">${info.status}</span>`],
    ['start (UTC)', startText(r.run)],
    ['duration', durationText(r.run)],
    ['git commit', `<code>${escapeHtml(tags['mlflow.source.git.commit'] ?? '-')}</code> ${tags['mlflow.source.git.dirty'] === 'true' ? '(uncommitted changes)' : ''} <span class="muted">${escapeHtml(shortCommit(r.run))}</span>`],
    ['git branch', escapeHtml(tags['mlflow.source.git.branch'] ?? '-')],
    ['source', escapeHtml(tags['mlflow.source.name'] ?? '-')],
    ['user', escapeHtml(info.userId)],
    ...(parent !== undefined ? [['parent run', link(parent, parent)] as [string, string]] : []),
    ...(children.length > 0 ? [['child runs', children.map((c) => link(c.run.info.runId, c.run.info.runName || c.run.info.runId)).join(', ')] as [string, string]] : []),
  ]);
  // A rendered file (SVG/PNG) with the same stem as a Plotly spec is the same figure: draw the spec
  // once and link the renditions under it.
  const specStems = new Set(r.artifacts.filter((a) => a.kind === 'plotly').map((a) => stemOf(a.path)));
  const figures = r.artifacts.filter((a) => a.kind === 'plotly' || (a.kind === 'image' && !specStems.has(stemOf(a.path))));
  const renditionsOf = (a: ReportArtifact): ReportArtifact[] => (a.kind === 'plotly' ? r.artifacts.filter((x) => x.kind === 'image' && stemOf(x.path) === stemOf(a.path)) : []);
  const configs = r.artifacts.filter((a) => a.kind === 'config');
  const others = r.artifacts.filter((a) => a.kind !== 'plotly' && a.kind !== 'image' && a.kind !== 'config');
  const sortedMetrics = [...metrics].sort((a, b) => a.key.localeCompare(b.key));
  const note = tags['mlflow.note.content'];
  const body = `<p><a href="../index.html">← all runs</a></p>
<h1>Run ${escapeHtml(info.runName || info.runId)}</h1>
${note ? `<p>${escapeHtml(note)}</p>` : ''}
${summary}
<h2>Figures (${figures.length})</h2>
${figures.length > 0 ? `<div class="figures">${figures.map((a, n) => figureHtml(a, n, renditionsOf(a))).join('\n')}</div>` : '<p class="muted">No figures logged.</p>'}
<h2>Config</h2>
${configs.length > 0 ? configs.map((a) => `<h3>${escapeHtml(a.path)}${artifactHref(a) ? ` <a href="${artifactHref(a)!}">(file)</a>` : ''}</h3><pre>${escapeHtml(a.text ?? '')}</pre>`).join('\n') : '<p class="muted">No config artifact.</p>'}
<h2>Metrics (${sortedMetrics.length})</h2>
${sortedMetrics.length > 0 ? `<table><tr><th>metric</th><th>latest value</th><th>step</th></tr>${sortedMetrics.map((m) => `<tr><td>${escapeHtml(m.key)}</td><td class="num">${formatNumber(m.value)}</td><td class="num">${m.step}</td></tr>`).join('')}</table>` : '<p class="muted">No metrics.</p>'}
<h2>Params (${Object.keys(params).length})</h2>
${Object.keys(params).length > 0 ? kv(Object.keys(params).sort().map((k) => [k, escapeHtml(params[k]!)])) : '<p class="muted">No params.</p>'}
<h2>Dataset inputs</h2>
${inputs.length > 0 ? `<table><tr><th>name</th><th>digest</th><th>source</th></tr>${inputs.map((d) => `<tr><td>${escapeHtml(d.dataset.name)}</td><td><code>${escapeHtml(d.dataset.digest)}</code></td><td>${escapeHtml(d.dataset.source)}</td></tr>`).join('')}</table>` : '<p class="muted">None.</p>'}
<h2>Other artifacts (${others.length})</h2>
${others.map((a) => {
    const href = artifactHref(a);
    const head = `<h3>${href ? `<a href="${href}">${escapeHtml(a.path)}</a>` : `${escapeHtml(a.path)} <span class="muted">(not copied: too large)</span>`} <span class="muted">${a.fileSize ?? '?'} bytes</span></h3>`;
    return a.text !== undefined ? `${head}<pre>${escapeHtml(a.text)}</pre>` : head;
  }).join('\n')}
<details><summary>Tags (${Object.keys(tags).length})</summary>${kv(Object.keys(tags).sort().map((k) => [k, escapeHtml(tags[k]!)]))}</details>`;
  const hasPlotly = figures.some((a) => a.kind === 'plotly');
  return page(`Run ${info.runName || info.runId}`, body, hasPlotly ? { root: '../', plotly: true, script: PLOTLY_RENDER_SCRIPT } : { root: '../' });
}
