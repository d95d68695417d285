/**
 * Forest plot of association results: one row per exposure (estimate and CI as a point with a
 * horizontal bar), a vertical line at the null value, and the numbers as text at the right. The
 * numbers are the tick labels of a second y axis on the right (not free annotations), so Plotly's
 * automargin makes room for them as it does for the labels on the left: nothing is cut whatever
 * the label lengths, the figure width or the font. For odds ratios use `nullValue: 1, logScale: true`.
 */
import { VesselprintError } from '../core/errors.js';
import { sig6 } from './shapOrder.js';
import type { Figure } from './types.js';
import { mmToPx } from './theme.js';

export interface ForestRow {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
  p?: number;
}

export interface ForestOptions {
  /** Null effect: 0 for β (default), 1 for odds ratios. */
  nullValue?: number;
  /** Log x axis (odds ratios). Default false. */
  logScale?: boolean;
  /** x-axis title. Default 'Estimate (95% CI)'. */
  xTitle?: string;
  /**
   * Print width in mm (stored as `layout.width` in px, which export and the run page honour). Default
   * 180 (double column): the labels on the left and the numbers on the right need it; at a single
   * column (88 mm) Plotly cannot make room for both and cuts them.
   */
  widthMm?: number;
  /** Print height in mm. Default 25 + 7 per row. */
  heightMm?: number;
}

const fmt = (v: number): string => (Math.abs(v) >= 100 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(1) : v.toFixed(2));

/** Readable ticks for an odds-ratio axis: at most 5 of 0.1 … 10 inside the data range. */
function logTicks(rows: readonly ForestRow[], nv: number): { tickvals: number[] } {
  const lo = Math.min(nv, ...rows.map((r) => r.lower)),
    hi = Math.max(nv, ...rows.map((r) => r.upper));
  let vals = [0.1, 0.2, 0.25, 0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 10].filter((v) => v >= lo * 0.95 && v <= hi * 1.05);
  while (vals.length > 5) vals = vals.filter((v, i) => v === 1 || i % 2 === 0);
  return { tickvals: vals };
}

/**
 * Builds the forest-plot spec (first row at the top).
 * @example forestPlot([{ label: 'vessel density', estimate: 1.4, lower: 1.1, upper: 1.8, p: 0.003 }], { nullValue: 1, logScale: true })
 */
export function forestPlot(rows: readonly ForestRow[], options: ForestOptions = {}): Figure {
  rows.forEach((r, i) => {
    if (![r.estimate, r.lower, r.upper].every(Number.isFinite) || r.lower > r.upper)
      throw new VesselprintError('BAD_ARGUMENT', `forestPlot: row ${i + 1} (${r.label}): need finite estimate and lower ≤ upper`);
    if (options.logScale && r.lower <= 0)
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `forestPlot: row ${i + 1} (${r.label}): a log axis needs positive values (odds ratios), got ${r.lower}`,
      );
  });
  const nv = options.nullValue ?? 0;
  const y = rows.map((_, i) => rows.length - 1 - i);
  const range = [-0.7, rows.length - 0.3];
  const text = rows.map(
    (r) =>
      `${fmt(r.estimate)} (${fmt(r.lower)}, ${fmt(r.upper)})${r.p !== undefined ? ` p=${r.p < 0.001 ? r.p.toExponential(1) : r.p.toFixed(3)}` : ''}`,
  );
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        x: rows.map((r) => sig6(r.estimate)),
        y,
        showlegend: false,
        error_x: {
          type: 'data',
          symmetric: false,
          array: rows.map((r) => sig6(r.upper - r.estimate)),
          arrayminus: rows.map((r) => sig6(r.estimate - r.lower)),
          thickness: 1,
          width: 0,
          color: '#000000',
        },
        marker: { symbol: 'square', size: 5, color: '#000000' },
        text,
        hoverinfo: 'text+y',
      },
      // Invisible anchor of the right-hand axis that carries the numbers (an axis is drawn only with a trace).
      {
        type: 'scatter',
        mode: 'markers',
        x: [nv],
        y: [y[0] ?? 0],
        yaxis: 'y2',
        marker: { opacity: 0 },
        showlegend: false,
        hoverinfo: 'skip',
      },
    ],
    layout: {
      xaxis: {
        title: { text: options.xTitle ?? 'Estimate (95% CI)' },
        type: options.logScale ? 'log' : 'linear',
        tickangle: 0,
        ...(options.logScale ? logTicks(rows, nv) : { nticks: 5 }),
      },
      yaxis: { tickvals: y, ticktext: rows.map((r) => r.label), range, showline: false, ticks: '', automargin: true },
      yaxis2: {
        overlaying: 'y',
        side: 'right',
        tickvals: y,
        ticktext: text,
        range,
        showline: false,
        showgrid: false,
        zeroline: false,
        ticks: '',
        automargin: true,
      },
      shapes: [
        { type: 'line', xref: 'x', yref: 'paper', x0: nv, x1: nv, y0: 0, y1: 1, line: { color: '#888888', width: 0.75, dash: 'dash' } },
      ],
      width: Math.round(mmToPx(options.widthMm ?? 180)),
      height: Math.round(mmToPx(options.heightMm ?? 25 + 7 * rows.length)),
      meta: { kind: 'forest', nullValue: nv },
    },
  };
}
