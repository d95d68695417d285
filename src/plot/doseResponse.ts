/**
 * Dose–response figure of a spline-modelled exposure: the effect relative to the reference
 * value with its 95 % CI band (from `associate(… rcs(x, k) …).dose_response`), on the ratio
 * scale (OR/HR, log axis, null line at 1) or the β scale (null line at 0), with the knots as
 * rug ticks. Harrell 2015, *Regression Modeling Strategies* §2.4.5, doi:10.1007/978-3-319-19425-7.
 */
import type { DoseResponse } from '../learn/stats/doseResponse.js';
import { sig6 } from './shapOrder.js';
import type { Figure } from './types.js';

export interface DoseResponseFigureOptions {
  /** `beta` (model scale), or `ratio` (exp: OR for logistic, HR for Cox). Default `beta`. */
  scale?: 'beta' | 'ratio';
  xLabel?: string;
  /** Default 'Difference vs reference' (beta) or 'Ratio vs reference' (ratio). */
  yLabel?: string;
  title?: string;
}

/** @example doseResponseFigure(associate(rows, 'event ~ rcs(vd, 4) + age', { family: 'cox', time: 't', event: 'event' }).dose_response!, { scale: 'ratio', yLabel: 'HR' }) */
export function doseResponseFigure(dr: DoseResponse, options: DoseResponseFigureOptions = {}): Figure {
  const ratio = options.scale === 'ratio';
  const tf = (v: number): number => sig6(ratio ? Math.exp(v) : v);
  const x = dr.points.map((p) => sig6(p.x));
  const nv = ratio ? 1 : 0;
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines',
        x,
        y: dr.points.map((p) => tf(p.ciHigh)),
        line: { width: 0 },
        showlegend: false,
        hoverinfo: 'skip',
      },
      {
        type: 'scatter',
        mode: 'lines',
        x,
        y: dr.points.map((p) => tf(p.ciLow)),
        line: { width: 0 },
        fill: 'tonexty',
        fillcolor: 'rgba(0,114,178,0.2)',
        showlegend: false,
        hoverinfo: 'skip',
      },
      {
        type: 'scatter',
        mode: 'lines',
        x,
        y: dr.points.map((p) => tf(p.estimate)),
        line: { color: '#0072B2', width: 1.5 },
        showlegend: false,
      },
      {
        type: 'scatter',
        mode: 'markers',
        x: dr.knots.map(sig6),
        y: dr.knots.map(() => nv),
        marker: { symbol: 'line-ns-open', size: 10, color: '#555555' },
        name: 'knots',
        showlegend: false,
        hovertemplate: 'knot %{x}<extra></extra>',
      },
    ],
    layout: {
      ...(options.title !== undefined ? { title: { text: options.title } } : {}),
      xaxis: { title: { text: options.xLabel ?? 'Exposure' } },
      yaxis: {
        title: { text: options.yLabel ?? (ratio ? 'Ratio vs reference' : 'Difference vs reference') },
        type: ratio ? 'log' : 'linear',
      },
      shapes: [
        { type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: nv, y1: nv, line: { color: '#888888', width: 0.75, dash: 'dash' } },
      ],
      annotations: [
        {
          xref: 'paper',
          yref: 'paper',
          x: 1,
          xanchor: 'right',
          y: 1,
          text: `p overall ${dr.pOverall.toExponential(2)}, p non-linear ${dr.pNonlinear.toPrecision(2)}`,
          showarrow: false,
        },
      ],
      meta: { kind: 'dose-response', reference: sig6(dr.reference), pOverall: dr.pOverall, pNonlinear: dr.pNonlinear },
    },
  };
}
