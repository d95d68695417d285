/**
 * SHAP beeswarm (summary) plot: one row per feature, ranked by mean |φ|; each dot is one row's
 * φ, stacked vertically where dots crowd; colour is the feature's value scaled to its 5th–95th
 * percentile (clipped, type-7 quantiles) on the SHAP diverging map; missing values grey; the
 * remaining features fold into a "Sum of N other features" row (Lundberg et al. 2020, Fig. 2).
 */
import { VesselprintError } from '../core/errors.js';
import type { ShapExplanation } from '../explain/types.js';
import type { Matrix } from '../learn/types.js';
import { quantileSorted } from '../core/quantile.js';
import { MISSING_GREY, SHAP_DIVERGING } from './palettes.js';
import { checkNames, otherLabel, rankFeatures, shapAxisTitle, sig6 } from './shapOrder.js';
import type { Figure, PlotlyTrace } from './types.js';

export interface BeeswarmOptions {
  /** Rows shown including the "other features" row. Default 10. */
  maxDisplay?: number;
  /** Number of horizontal bins used to stack crowded dots. Default 80. */
  bins?: number;
  /** Half-height of a row's swarm (row spacing is 1). Default 0.4. */
  rowHeight?: number;
  /** Percentiles the colour is clipped to. Default [5, 95]. */
  clip?: readonly [number, number];
}

export const DEFAULT_BEESWARM = { maxDisplay: 10, bins: 80, rowHeight: 0.4, clip: [5, 95] as const };

/** Colour position in [0, 1] of each value, clipped to the [lo, hi] percentiles; NaN for missing. */
export function clippedColour(values: ArrayLike<number>, clip: readonly [number, number] = [5, 95]): Float64Array {
  const finite = Array.from(values)
    .filter((v) => Number.isFinite(v))
    .sort((a, b) => a - b);
  const out = new Float64Array(values.length);
  if (finite.length === 0) return out.fill(NaN);
  let lo = quantileSorted(finite, clip[0] / 100),
    hi = quantileSorted(finite, clip[1] / 100);
  if (hi <= lo) {
    lo = finite[0]!;
    hi = finite[finite.length - 1]!;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = !Number.isFinite(v) ? NaN : hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
  }
  return out;
}

/** Vertical offsets stacking dots that share a horizontal bin: 0, +s, −s, +2s, … */
function swarmOffsets(x: ArrayLike<number>, bins: number, half: number): Float64Array {
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    lo = Math.min(lo, x[i]!);
    hi = Math.max(hi, x[i]!);
  }
  const width = hi > lo ? (hi - lo) / bins : 1;
  const count = new Map<number, number>();
  const layer = new Int32Array(x.length);
  let maxLayer = 0;
  for (let i = 0; i < x.length; i++) {
    const b = Math.floor((x[i]! - lo) / width);
    const k = count.get(b) ?? 0;
    count.set(b, k + 1);
    layer[i] = k;
    maxLayer = Math.max(maxLayer, k);
  }
  const step = maxLayer > 0 ? half / Math.ceil(maxLayer / 2) : 0;
  return Float64Array.from(layer, (k) => (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2) * step);
}

/**
 * Builds the beeswarm spec.
 * @param featureValues the explained rows' feature values (same rows and columns as `expl`; NaN = missing)
 * @example shapBeeswarm(treeShap(e, x), x, ['age', 'vd']).data.length // 4 traces (dots, missing, other, colour bar)
 */
export function shapBeeswarm(
  expl: ShapExplanation,
  featureValues: Matrix,
  featureNames: readonly string[],
  options: BeeswarmOptions = {},
): Figure {
  checkNames(expl, featureNames, 'shapBeeswarm');
  if (featureValues.nRows !== expl.nRows || featureValues.nCols !== expl.nFeatures)
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `shapBeeswarm: feature values are ${featureValues.nRows}×${featureValues.nCols}, SHAP values ${expl.nRows}×${expl.nFeatures}`,
    );
  const o = { ...DEFAULT_BEESWARM, ...options };
  const { shown, other } = rankFeatures(expl, o.maxDisplay);
  const m = expl.nFeatures,
    n = expl.nRows;
  const nRowsShown = shown.length + (other.length > 0 ? 1 : 0);
  const dot = { x: [] as number[], y: [] as number[], c: [] as number[], t: [] as string[] };
  const miss = { x: [] as number[], y: [] as number[], t: [] as string[] };
  const ticks: { y: number; label: string }[] = [];
  shown.forEach((j, rank) => {
    const yRow = nRowsShown - 1 - rank;
    ticks.push({ y: yRow, label: featureNames[j]! });
    const phi = Float64Array.from({ length: n }, (_, r) => expl.values[r * m + j]!);
    const vals = Float64Array.from({ length: n }, (_, r) => featureValues.data[r * m + j]!);
    const col = clippedColour(vals, o.clip),
      off = swarmOffsets(phi, o.bins, o.rowHeight);
    for (let r = 0; r < n; r++) {
      const target = Number.isFinite(col[r]!) ? dot : miss;
      target.x.push(sig6(phi[r]!));
      target.y.push(sig6(yRow + off[r]!));
      target.t.push(`${featureNames[j]} = ${Number.isFinite(vals[r]!) ? sig6(vals[r]!) : 'missing'}`);
      if (target === dot) dot.c.push(sig6(col[r]!));
    }
  });
  const otherTrace = { x: [] as number[], y: [] as number[] };
  if (other.length > 0) {
    ticks.push({ y: 0, label: otherLabel(other.length) });
    const s = Float64Array.from({ length: n }, (_, r) => other.reduce((a, j) => a + expl.values[r * m + j]!, 0));
    const off = swarmOffsets(s, o.bins, o.rowHeight);
    for (let r = 0; r < n; r++) {
      otherTrace.x.push(sig6(s[r]!));
      otherTrace.y.push(sig6(off[r]!));
    }
  }
  const marker = { size: 3, line: { width: 0 } };
  const data: PlotlyTrace[] = [
    {
      type: 'scatter',
      mode: 'markers',
      name: 'feature value',
      x: dot.x,
      y: dot.y,
      text: dot.t,
      hoverinfo: 'x+text',
      showlegend: false,
      marker: {
        ...marker,
        color: dot.c,
        cmin: 0,
        cmax: 1,
        colorscale: SHAP_DIVERGING,
        showscale: true,
        colorbar: {
          title: { text: 'Feature value', side: 'right' },
          tickvals: [0, 1],
          ticktext: ['Low', 'High'],
          thickness: 6,
          len: 0.6,
          outlinewidth: 0,
          ticks: '',
        },
      },
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: 'missing value',
      x: miss.x,
      y: miss.y,
      text: miss.t,
      hoverinfo: 'x+text',
      showlegend: miss.x.length > 0,
      marker: { ...marker, color: MISSING_GREY },
    },
  ];
  if (other.length > 0)
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: otherLabel(other.length),
      x: otherTrace.x,
      y: otherTrace.y,
      hoverinfo: 'x',
      showlegend: false,
      marker: { ...marker, color: MISSING_GREY },
    });
  return {
    data,
    layout: {
      xaxis: { title: { text: shapAxisTitle(expl) }, zeroline: true, zerolinecolor: '#888888', zerolinewidth: 0.75 },
      yaxis: {
        tickvals: ticks.map((t) => t.y),
        ticktext: ticks.map((t) => t.label),
        range: [-0.6, nRowsShown - 0.4],
        showline: false,
        ticks: '',
      },
      legend: { orientation: 'h', x: 0, y: -0.25 },
      meta: {
        kind: 'shap-beeswarm',
        expectedValue: sig6(expl.expectedValue),
        outputScale: expl.outputScale,
        order: shown.map((j) => featureNames[j]),
        other: other.map((j) => featureNames[j]),
      },
    },
  };
}
