/**
 * Calibration (reliability) plot: mean predicted probability against the observed event rate
 * per bin, with Wilson 95% intervals (Wilson 1927, doi:10.1080/01621459.1927.10502953) and the
 * identity line.
 */
import { VesselprintError } from '../core/errors.js';
import { CATEGORY_COLORS } from './palettes.js';
import { sig6 } from './shapOrder.js';
import type { Figure, PlotlyTrace } from './types.js';

export interface CalibrationBin {
  meanPredicted: number;
  observed: number;
  n: number;
  lower: number;
  upper: number;
}

/** Wilson score interval for k events in n at z (default 1.96). @example wilson(5, 10) // [0.237, 0.763] */
export function wilson(k: number, n: number, z = 1.959963984540054): [number, number] {
  const p = k / n,
    z2 = z * z,
    den = 1 + z2 / n;
  const c = (p + z2 / (2 * n)) / den,
    h = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

/**
 * Bins predictions: `quantile` (equal counts, default) or `uniform` (equal widths on [0, 1]).
 * Empty bins are dropped.
 * @example calibrationBins([0, 1, 1], [0.2, 0.7, 0.9], { nBins: 1 })[0].observed // 0.6667
 */
export function calibrationBins(
  y: ArrayLike<number>,
  prob: ArrayLike<number>,
  options: { nBins?: number; strategy?: 'quantile' | 'uniform' } = {},
): CalibrationBin[] {
  if (y.length !== prob.length || y.length === 0)
    throw new VesselprintError('SHAPE_MISMATCH', `calibrationBins: ${y.length} outcomes, ${prob.length} predictions`);
  const nb = options.nBins ?? 10;
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => prob[a]! - prob[b]!);
  const groups: number[][] = Array.from({ length: nb }, () => []);
  idx.forEach((i, k) => {
    const p = prob[i]!;
    if (!(p >= 0 && p <= 1) || (y[i] !== 0 && y[i] !== 1))
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `calibrationBins: index ${i}: need y ∈ {0,1} and a probability in [0, 1], got y=${y[i]}, p=${p}`,
      );
    const b = (options.strategy ?? 'quantile') === 'quantile' ? Math.floor((k * nb) / idx.length) : Math.min(nb - 1, Math.floor(p * nb));
    groups[b]!.push(i);
  });
  return groups
    .filter((g) => g.length > 0)
    .map((g) => {
      const k = g.reduce((a, i) => a + y[i]!, 0);
      const [lower, upper] = wilson(k, g.length);
      return { meanPredicted: g.reduce((a, i) => a + prob[i]!, 0) / g.length, observed: k / g.length, n: g.length, lower, upper };
    });
}

/**
 * Builds the calibration spec (one series per model).
 * @example calibrationFigure([{ label: 'RF', bins: calibrationBins(y, p) }])
 */
export function calibrationFigure(series: readonly { label: string; bins: readonly CalibrationBin[] }[]): Figure {
  const data: PlotlyTrace[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: 'perfect calibration',
      x: [0, 1],
      y: [0, 1],
      line: { color: '#888888', width: 0.75, dash: 'dash' },
      showlegend: false,
      hoverinfo: 'skip',
    },
  ];
  series.forEach((s, i) => {
    const col = CATEGORY_COLORS[i % CATEGORY_COLORS.length]!;
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: s.label,
      x: s.bins.map((b) => sig6(b.meanPredicted)),
      y: s.bins.map((b) => sig6(b.observed)),
      error_y: {
        type: 'data',
        symmetric: false,
        array: s.bins.map((b) => sig6(b.upper - b.observed)),
        arrayminus: s.bins.map((b) => sig6(b.observed - b.lower)),
        thickness: 0.75,
        width: 2,
        color: col,
      },
      line: { color: col, width: 1 },
      marker: { color: col, size: 4 },
      text: s.bins.map((b) => `n = ${b.n}`),
    });
  });
  return {
    data,
    layout: {
      xaxis: { title: { text: 'Predicted probability' }, range: [-0.02, 1.02], dtick: 0.2, constrain: 'domain' },
      yaxis: {
        title: { text: 'Observed proportion' },
        range: [-0.02, 1.02],
        dtick: 0.2,
        scaleanchor: 'x',
        scaleratio: 1,
        constrain: 'domain',
      },
      legend: { x: 0.02, y: 0.98 },
      meta: { kind: 'calibration' },
    },
  };
}
