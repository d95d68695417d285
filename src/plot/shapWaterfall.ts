/**
 * SHAP waterfall for one row: starts at E[f(X)], adds each feature's φ (largest |φ| at the top,
 * the rest folded into "Sum of N other features") and ends at f(x), on the explanation's scale.
 */
import { VesselprintError } from '../core/errors.js';
import type { ShapExplanation } from '../explain/types.js';
import type { Matrix } from '../learn/types.js';
import { SHAP_NEGATIVE, SHAP_POSITIVE } from './palettes.js';
import { checkNames, otherLabel, shapAxisTitle, sig6 } from './shapOrder.js';
import type { Figure } from './types.js';

export interface WaterfallOptions {
  /** Steps including the "other features" step. Default 10. */
  maxDisplay?: number;
  /** Feature values of the explained rows, shown as "name = value". */
  featureValues?: Matrix;
}

/**
 * Builds the waterfall spec of row `row` (0-based).
 * @example shapWaterfall(expl, names, 0).data[0].type // 'waterfall'
 */
export function shapWaterfall(expl: ShapExplanation, featureNames: readonly string[], row: number, options: WaterfallOptions = {}): Figure {
  checkNames(expl, featureNames, 'shapWaterfall');
  if (!(Number.isInteger(row) && row >= 0 && row < expl.nRows))
    throw new VesselprintError('BAD_ARGUMENT', `shapWaterfall: row must be 0..${expl.nRows - 1}, got ${row}`, { field: 'row' });
  const m = expl.nFeatures,
    maxDisplay = options.maxDisplay ?? 10;
  const phi = Array.from({ length: m }, (_, j) => expl.values[row * m + j]!);
  const order = phi.map((_, j) => j).sort((a, b) => Math.abs(phi[b]!) - Math.abs(phi[a]!) || a - b);
  const shown = order.length <= maxDisplay ? order : order.slice(0, maxDisplay - 1);
  const other = order.slice(shown.length);
  const fv = options.featureValues;
  const label = (j: number): string =>
    fv ? `${featureNames[j]} = ${Number.isFinite(fv.data[row * m + j]!) ? sig6(fv.data[row * m + j]!) : 'missing'}` : featureNames[j]!;
  const steps = shown.map((j) => ({ label: label(j), value: phi[j]! }));
  if (other.length > 0) steps.push({ label: otherLabel(other.length), value: other.reduce((a, j) => a + phi[j]!, 0) });
  steps.reverse(); // Plotly draws the first category at the bottom
  const fx = expl.expectedValue + phi.reduce((a, b) => a + b, 0);
  // x range: every running total, padded so the outside labels fit
  let run = expl.expectedValue,
    lo = run,
    hi = run;
  for (const s of steps) {
    run += s.value;
    lo = Math.min(lo, run);
    hi = Math.max(hi, run);
  }
  const pad = 0.22 * (hi - lo || 1);
  return {
    data: [
      {
        type: 'waterfall',
        orientation: 'h',
        base: sig6(expl.expectedValue),
        measure: steps.map(() => 'relative'),
        y: steps.map((s) => s.label),
        x: steps.map((s) => sig6(s.value)),
        text: steps.map((s) => `${s.value >= 0 ? '+' : '−'}${Math.abs(s.value).toPrecision(3)}`),
        textposition: 'outside',
        cliponaxis: false,
        connector: { line: { color: '#888888', width: 0.5 } },
        increasing: { marker: { color: SHAP_POSITIVE } },
        decreasing: { marker: { color: SHAP_NEGATIVE } },
      },
    ],
    layout: {
      xaxis: {
        title: { text: `${shapAxisTitle(expl)}<br>E[f(X)] = ${expl.expectedValue.toPrecision(3)} → f(x) = ${fx.toPrecision(3)}` },
        range: [sig6(lo - pad), sig6(hi + pad)],
      },
      yaxis: { showline: false, ticks: '', type: 'category' },
      shapes: [
        {
          type: 'line',
          xref: 'x',
          yref: 'paper',
          x0: sig6(expl.expectedValue),
          x1: sig6(expl.expectedValue),
          y0: 0,
          y1: 1,
          line: { color: '#888888', width: 0.5, dash: 'dot' },
        },
      ],
      meta: { kind: 'shap-waterfall', row, expectedValue: sig6(expl.expectedValue), output: sig6(fx), outputScale: expl.outputScale },
    },
  };
}
