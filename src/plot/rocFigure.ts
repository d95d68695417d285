/**
 * ROC figure: one line per model with an optional shaded confidence band, the chance diagonal,
 * equal axes, and AUC (with CI) in the legend.
 */
import { CATEGORY_COLORS } from './palettes.js';
import { sig6 } from './shapOrder.js';
import type { Figure, PlotlyTrace } from './types.js';

export interface RocCurveInput {
  label: string;
  fpr: readonly number[];
  tpr: readonly number[];
  auc?: number;
  aucCi?: readonly [number, number];
  /** Pointwise band (see rocBootstrapBand). */
  band?: { fpr: readonly number[]; lower: readonly number[]; upper: readonly number[] };
}

function rgba(hex: string, a: number): string {
  return `rgba(${parseInt(hex.slice(1, 3), 16)},${parseInt(hex.slice(3, 5), 16)},${parseInt(hex.slice(5, 7), 16)},${a})`;
}

/**
 * Legend text of one curve: its label, then the AUC (with its CI) on a second line, so the entry
 * stays narrow. The AUC is added here only: labels should not repeat it.
 * @example rocLegendName({ label: 'RF', fpr: [], tpr: [], auc: 0.812, aucCi: [0.74, 0.88] }) // 'RF<br>AUC 0.81 (95% CI 0.74–0.88)'
 */
function rocLegendName(c: RocCurveInput): string {
  if (c.auc === undefined) return c.label;
  const ci = c.aucCi ? ` (95% CI ${c.aucCi[0].toFixed(2)}–${c.aucCi[1].toFixed(2)})` : '';
  return `${c.label}<br>AUC ${c.auc.toFixed(2)}${ci}`;
}

/**
 * Builds the ROC spec.
 * @example rocFigure([{ label: 'RF', ...rocPoints(y, p), auc: 0.81, aucCi: [0.74, 0.88], band: rocBootstrapBand(y, p) }])
 */
export function rocFigure(curves: readonly RocCurveInput[]): Figure {
  const data: PlotlyTrace[] = [];
  curves.forEach((c, i) => {
    const col = CATEGORY_COLORS[i % CATEGORY_COLORS.length]!;
    if (c.band) {
      data.push({
        type: 'scatter',
        mode: 'lines',
        x: c.band.fpr.map(sig6),
        y: c.band.upper.map(sig6),
        line: { width: 0, color: col },
        showlegend: false,
        hoverinfo: 'skip',
        legendgroup: c.label,
      });
      data.push({
        type: 'scatter',
        mode: 'lines',
        x: c.band.fpr.map(sig6),
        y: c.band.lower.map(sig6),
        line: { width: 0, color: col },
        fill: 'tonexty',
        fillcolor: rgba(col, 0.2),
        showlegend: false,
        hoverinfo: 'skip',
        legendgroup: c.label,
      });
    }
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: rocLegendName(c),
      x: c.fpr.map(sig6),
      y: c.tpr.map(sig6),
      line: { color: col, width: 1.25 },
      legendgroup: c.label,
    });
  });
  data.push({
    type: 'scatter',
    mode: 'lines',
    name: 'chance',
    x: [0, 1],
    y: [0, 1],
    line: { color: '#888888', width: 0.75, dash: 'dash' },
    showlegend: false,
    hoverinfo: 'skip',
  });
  return {
    data,
    layout: {
      xaxis: { title: { text: '1 − specificity (false-positive rate)' }, range: [-0.01, 1.01], constrain: 'domain', dtick: 0.2 },
      yaxis: {
        title: { text: 'Sensitivity (true-positive rate)' },
        range: [-0.01, 1.01],
        scaleanchor: 'x',
        scaleratio: 1,
        constrain: 'domain',
        dtick: 0.2,
      },
      // Bottom right, below the chance diagonal, where a curve better than chance never runs.
      legend: { x: 0.99, xanchor: 'right', y: 0.01, yanchor: 'bottom', bgcolor: 'rgba(255,255,255,0.85)' },
      meta: { kind: 'roc', curves: curves.map((c) => c.label) },
    },
  };
}
