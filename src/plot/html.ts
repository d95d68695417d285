/**
 * HTML for showing a spec as an interactive Plotly chart in a notebook (tslab:
 * `tslab.display.html(figureHtml(spec))`) or an HTML report. `plotlyScriptHtml()` embeds
 * plotly.js once (≈ 4.6 MB, works offline); later figures can use `{ plotly: 'none' }`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Figure } from './types.js';

let cached: string | undefined;

/** A `<script>` tag with plotly.js inlined (read from node_modules/plotly.js-dist-min). */
export function plotlyScriptHtml(): string {
  cached ??= readFileSync(createRequire(import.meta.url).resolve('plotly.js-dist-min'), 'utf8');
  return `<script>${cached.replace(/<\/script/gi, '<\\/script')}</script>`;
}

let counter = 0;

/**
 * A `<div>` plus script drawing `spec`; with `plotly: 'inline'` (default) plotly.js is included.
 * @example tslab.display.html(figureHtml(shapBeeswarm(expl, x, names)))
 */
export function figureHtml(spec: Figure, options: { plotly?: 'inline' | 'none'; id?: string } = {}): string {
  const id = options.id ?? `vp-fig-${++counter}`;
  const json = JSON.stringify({ data: spec.data, layout: spec.layout }).replace(/</g, '\\u003c');
  const draw = `<div id="${id}"></div><script>(function(){var f=${json};Plotly.newPlot(${JSON.stringify(id)},f.data,f.layout,{responsive:true,displaylogo:false});})();</script>`;
  return (options.plotly ?? 'inline') === 'inline' ? plotlyScriptHtml() + draw : draw;
}
