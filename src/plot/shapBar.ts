/**
 * Global SHAP importance bar chart: mean |φ_j| over the explained rows, largest at the top, the
 * rest folded into "Sum of N other features" (the sum of their mean |φ|).
 */
import type { ShapExplanation } from '../explain/types.js';
import { SHAP_POSITIVE } from './palettes.js';
import { checkNames, meanAbsShap, otherLabel, rankFeatures, sig6 } from './shapOrder.js';
import type { Figure } from './types.js';

export interface ShapBarOptions {
  /** Bars including the "other features" bar. Default 10. */
  maxDisplay?: number;
}

/**
 * Builds the bar spec.
 * @example shapBar(expl, ['age', 'vd']).data[0].x // mean |φ| values, bottom to top
 */
export function shapBar(expl: ShapExplanation, featureNames: readonly string[], options: ShapBarOptions = {}): Figure {
  checkNames(expl, featureNames, 'shapBar');
  const imp = meanAbsShap(expl);
  const { shown, other } = rankFeatures(expl, options.maxDisplay ?? 10);
  const labels = shown.map((j) => featureNames[j]!),
    vals = shown.map((j) => sig6(imp[j]!));
  if (other.length > 0) {
    labels.push(otherLabel(other.length));
    vals.push(sig6(other.reduce((a, j) => a + imp[j]!, 0)));
  }
  labels.reverse();
  vals.reverse();
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        x: vals,
        y: labels,
        marker: { color: SHAP_POSITIVE },
        text: vals.map((v) => v.toPrecision(2)),
        textposition: 'outside',
        cliponaxis: false,
        hoverinfo: 'x+y',
      },
    ],
    layout: {
      xaxis: {
        title: { text: `mean |SHAP value| (${expl.outputScale === 'raw' ? 'model output' : expl.outputScale})` },
        range: [0, sig6(Math.max(...vals, 1e-12) * 1.2)],
      },
      yaxis: { showline: false, ticks: '' },
      bargap: 0.3,
      meta: { kind: 'shap-bar', outputScale: expl.outputScale },
    },
  };
}
