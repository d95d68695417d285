/**
 * Bland–Altman figure: difference (a − b) against the mean ((a + b)/2) of each pair, with the
 * bias and the 95 % limits of agreement as horizontal lines and their confidence intervals as
 * shaded bands (Bland & Altman 1986, doi:10.1016/S0140-6736(86)90837-8; 1999,
 * doi:10.1177/096228029900800204).
 */
import { blandAltman, type BlandAltmanOptions } from '../learn/stats/blandAltman.js';
import { sig6 } from './shapOrder.js';
import type { Figure } from './types.js';

export interface BlandAltmanFigureOptions extends BlandAltmanOptions {
  /** x-axis title. Default 'Mean of the two measurements'. */
  xLabel?: string;
  /** y-axis title. Default 'Difference (A − B)'. */
  yLabel?: string;
  /** Figure title. Default none. */
  title?: string;
  /** Shade the CIs of bias and limits. Default true. */
  showCi?: boolean;
}

/**
 * Builds the Bland–Altman Plotly spec of `a` vs `b` (statistics from {@link blandAltman}).
 * @example blandAltmanFigure(craeGrader1, craeGrader2, { xLabel: 'CRAE mean (µm)', yLabel: 'Grader 1 − grader 2 (µm)' })
 */
export function blandAltmanFigure(a: readonly number[], b: readonly number[], options: BlandAltmanFigureOptions = {}): Figure {
  const r = blandAltman(a, b, options);
  const lo = Math.min(...r.means),
    hi = Math.max(...r.means);
  const pad = (hi - lo) * 0.03 || 1;
  const x0 = lo - pad,
    x1 = hi + pad;
  const line = (y: number, dash: string, label: string): Record<string, unknown> => ({
    type: 'line',
    xref: 'x',
    yref: 'y',
    x0,
    x1,
    y0: sig6(y),
    y1: sig6(y),
    line: { color: dash === 'solid' ? '#000000' : '#555555', width: 1, dash },
    name: label,
  });
  const band = (ci: [number, number]): Record<string, unknown> => ({
    type: 'rect',
    xref: 'x',
    yref: 'y',
    x0,
    x1,
    y0: sig6(ci[0]),
    y1: sig6(ci[1]),
    line: { width: 0 },
    fillcolor: 'rgba(0,0,0,0.08)',
    layer: 'below',
  });
  const showCi = options.showCi ?? true;
  const f = (v: number): string => v.toPrecision(3);
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        x: r.means.map(sig6),
        y: r.diffs.map(sig6),
        marker: { size: 4, color: '#0072B2', opacity: 0.8 },
        showlegend: false,
        hovertemplate: 'mean %{x}<br>diff %{y}<extra></extra>',
      },
    ],
    layout: {
      ...(options.title !== undefined ? { title: { text: options.title } } : {}),
      xaxis: { title: { text: options.xLabel ?? 'Mean of the two measurements' }, range: [sig6(x0), sig6(x1)] },
      yaxis: { title: { text: options.yLabel ?? 'Difference (A − B)' }, zeroline: true },
      shapes: [
        ...(showCi ? [band(r.biasCi), band(r.loaLowCi), band(r.loaHighCi)] : []),
        line(r.bias, 'solid', 'bias'),
        line(r.loaLow, 'dash', 'lower LoA'),
        line(r.loaHigh, 'dash', 'upper LoA'),
      ],
      annotations: [
        {
          xref: 'paper',
          yref: 'y',
          x: 1,
          xanchor: 'right',
          y: sig6(r.bias),
          yanchor: 'bottom',
          text: `bias ${f(r.bias)}`,
          showarrow: false,
        },
        {
          xref: 'paper',
          yref: 'y',
          x: 1,
          xanchor: 'right',
          y: sig6(r.loaHigh),
          yanchor: 'bottom',
          text: `+1.96 SD ${f(r.loaHigh)}`,
          showarrow: false,
        },
        {
          xref: 'paper',
          yref: 'y',
          x: 1,
          xanchor: 'right',
          y: sig6(r.loaLow),
          yanchor: 'top',
          text: `−1.96 SD ${f(r.loaLow)}`,
          showarrow: false,
        },
      ],
      meta: { kind: 'bland-altman', n: r.n, bias: sig6(r.bias), loaLow: sig6(r.loaLow), loaHigh: sig6(r.loaHigh) },
    },
  };
}
