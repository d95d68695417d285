/**
 * SHAP dependence plot: feature value (x) against its SHAP value (y), coloured by a second
 * feature that interacts with it. The colour feature is, in order of preference: the one given;
 * with interaction values, argmax_k mean_r |Φ_jk|; otherwise the feature whose values best
 * explain the vertical spread of φ_j within 10 quantile bins of x_j (largest |Pearson r| between
 * x_k and φ_j minus its bin mean — the idea of shap's `approximate_interactions`).
 */
import { VesselprintError } from '../core/errors.js';
import type { ShapExplanation, ShapInteractions } from '../explain/types.js';
import type { Matrix } from '../learn/types.js';
import { MISSING_GREY, SHAP_DIVERGING } from './palettes.js';
import { clippedColour } from './shapBeeswarm.js';
import { checkNames, shapAxisTitle, sig6 } from './shapOrder.js';
import type { Figure, PlotlyTrace } from './types.js';

export interface DependenceOptions {
  /** Colour feature name, `'auto'` (default) or `null` for no colouring. */
  colorBy?: string | null;
  /** Exact interaction values (trees) used by `'auto'`. */
  interactions?: ShapInteractions;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0,
    ma = 0,
    mb = 0;
  for (let i = 0; i < a.length; i++)
    if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) {
      n++;
      ma += a[i]!;
      mb += b[i]!;
    }
  if (n < 3) return 0;
  ma /= n;
  mb /= n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < a.length; i++)
    if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) {
      const da = a[i]! - ma,
        db = b[i]! - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** The colour feature chosen by `'auto'` for feature j (index), or -1 when there is only one feature. */
export function autoInteraction(expl: ShapExplanation, featureValues: Matrix, j: number, interactions?: ShapInteractions): number {
  const m = expl.nFeatures,
    n = expl.nRows;
  if (m < 2) return -1;
  let best = -1,
    bestScore = -Infinity;
  if (interactions) {
    for (let k = 0; k < m; k++) {
      if (k === j) continue;
      let s = 0;
      for (let r = 0; r < n; r++) s += Math.abs(interactions.values[(r * m + j) * m + k]!);
      if (s > bestScore) {
        bestScore = s;
        best = k;
      }
    }
    return best;
  }
  const phi = Float64Array.from({ length: n }, (_, r) => expl.values[r * m + j]!);
  const order = Array.from({ length: n }, (_, r) => r).sort((a, b) => featureValues.data[a * m + j]! - featureValues.data[b * m + j]!);
  const resid = new Float64Array(n);
  const nb = Math.min(10, n);
  for (let b = 0; b < nb; b++) {
    const idx = order.slice(Math.floor((b * n) / nb), Math.floor(((b + 1) * n) / nb));
    const mean = idx.reduce((a, r) => a + phi[r]!, 0) / Math.max(1, idx.length);
    for (const r of idx) resid[r] = phi[r]! - mean;
  }
  for (let k = 0; k < m; k++) {
    if (k === j) continue;
    const s = Math.abs(
      pearson(
        Float64Array.from({ length: n }, (_, r) => featureValues.data[r * m + k]!),
        resid,
      ),
    );
    if (s > bestScore) {
      bestScore = s;
      best = k;
    }
  }
  return best;
}

/**
 * Builds the dependence spec for `feature`.
 * @example shapDependence(expl, x, names, 'vd', { colorBy: 'age' })
 */
export function shapDependence(
  expl: ShapExplanation,
  featureValues: Matrix,
  featureNames: readonly string[],
  feature: string,
  options: DependenceOptions = {},
): Figure {
  checkNames(expl, featureNames, 'shapDependence');
  const m = expl.nFeatures,
    n = expl.nRows;
  const j = featureNames.indexOf(feature);
  if (j < 0)
    throw new VesselprintError('BAD_ARGUMENT', `shapDependence: unknown feature "${feature}"; expected one of ${featureNames.join(', ')}`, {
      field: 'feature',
    });
  const cb = options.colorBy ?? 'auto';
  const k = cb === null ? -1 : cb === 'auto' ? autoInteraction(expl, featureValues, j, options.interactions) : featureNames.indexOf(cb);
  if (typeof cb === 'string' && cb !== 'auto' && k < 0)
    throw new VesselprintError('BAD_ARGUMENT', `shapDependence: unknown colour feature "${cb}"`, { field: 'colorBy' });
  const x = Array.from({ length: n }, (_, r) => featureValues.data[r * m + j]!);
  const y = Array.from({ length: n }, (_, r) => sig6(expl.values[r * m + j]!));
  const keep = x.map((v) => Number.isFinite(v));
  const data: PlotlyTrace[] = [];
  const marker = { size: 3.5, line: { width: 0 } };
  if (k >= 0) {
    const cv = Float64Array.from({ length: n }, (_, r) => featureValues.data[r * m + k]!);
    const col = clippedColour(cv, [5, 95]);
    const idx = x.map((_, r) => r).filter((r) => keep[r] && Number.isFinite(col[r]!));
    const mis = x.map((_, r) => r).filter((r) => keep[r] && !Number.isFinite(col[r]!));
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: featureNames[k],
      x: idx.map((r) => sig6(x[r]!)),
      y: idx.map((r) => y[r]!),
      showlegend: false,
      marker: {
        ...marker,
        color: idx.map((r) => sig6(col[r]!)),
        cmin: 0,
        cmax: 1,
        colorscale: SHAP_DIVERGING,
        showscale: true,
        colorbar: {
          title: { text: featureNames[k], side: 'right' },
          tickvals: [0, 1],
          ticktext: ['Low', 'High'],
          thickness: 6,
          len: 0.6,
          outlinewidth: 0,
          ticks: '',
        },
      },
    });
    if (mis.length > 0)
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: `${featureNames[k]} missing`,
        x: mis.map((r) => sig6(x[r]!)),
        y: mis.map((r) => y[r]!),
        marker: { ...marker, color: MISSING_GREY },
      });
  } else {
    const idx = x.map((_, r) => r).filter((r) => keep[r]);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: feature,
      x: idx.map((r) => sig6(x[r]!)),
      y: idx.map((r) => y[r]!),
      showlegend: false,
      marker: { ...marker, color: '#0072B2' },
    });
  }
  return {
    data,
    layout: {
      xaxis: { title: { text: feature } },
      yaxis: { title: { text: shapValueTitle(expl, feature) }, zeroline: true, zerolinecolor: '#888888', zerolinewidth: 0.5 },
      meta: { kind: 'shap-dependence', feature, colorBy: k >= 0 ? featureNames[k] : null, outputScale: expl.outputScale },
    },
  };
}

/**
 * y-axis title of a dependence plot: the SHAP value is on the model's scale, so the feature's own unit
 * (a trailing `(unit)` of its label) is dropped: "SHAP value for Tortuosity density, fundus (log-odds)".
 */
function shapValueTitle(expl: ShapExplanation, feature: string): string {
  const scale = shapAxisTitle(expl).replace(/^SHAP value /, '');
  return `SHAP value for ${feature.replace(/ \([^()]*\)$/, '')} ${scale}`;
}
