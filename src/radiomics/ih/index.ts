import type { FamilyDef, FeatureDef, RoiImage } from '../types.js';
import { summarize, type DistributionSummary } from '../distribution.js';
import { plog2p, ratio } from '../math.js';

/** Context of the intensity-histogram family. */
export interface IhContext {
  /** Summary of the discretized levels inside the intensity mask. */
  s: DistributionSummary;
  /** Lowest level present; `counts[k]` is the number of pixels at level `lowest + k`. */
  lowest: number;
  counts: Float64Array;
}

/** Discretized levels inside the intensity mask, as numbers. */
export function roiLevels(roi: RoiImage): Float64Array {
  let n = 0;
  for (let i = 0; i < roi.levels.length; i++) if (roi.levels[i]! > 0) n++;
  const out = new Float64Array(n);
  for (let i = 0, k = 0; i < roi.levels.length; i++) if (roi.levels[i]! > 0) out[k++] = roi.levels[i]!;
  return out;
}

/** Builds the histogram over levels min..max present in the ROI (empty bins included). */
function prepareIh(roi: RoiImage): IhContext {
  const x = roiLevels(roi);
  const s = summarize(x);
  const counts = new Float64Array(s.max - s.min + 1);
  for (let i = 0; i < x.length; i++) counts[x[i]! - s.min]! += 1;
  return { s, lowest: s.min, counts };
}

/** Histogram gradient H'(i) (IBSI 3.4.21): forward difference at the first bin, backward at the last, central elsewhere. */
function gradient(c: Float64Array): Float64Array {
  const n = c.length;
  const g = new Float64Array(n);
  if (n === 1) return g;
  for (let i = 0; i < n; i++) {
    if (i === 0) g[i] = c[1]! - c[0]!;
    else if (i === n - 1) g[i] = c[i]! - c[i - 1]!;
    else g[i] = (c[i + 1]! - c[i - 1]!) / 2;
  }
  return g;
}

function argExtreme(g: Float64Array, sign: 1 | -1): number {
  let best = 0;
  for (let i = 1; i < g.length; i++) if (sign * g[i]! > sign * g[best]!) best = i;
  return best;
}

function mode(c: IhContext): number {
  let max = -1;
  let best = 0;
  for (let k = 0; k < c.counts.length; k++) {
    const v = c.counts[k]!;
    const lv = c.lowest + k;
    if (v > max || (v === max && Math.abs(lv - c.s.mean) < Math.abs(c.lowest + best - c.s.mean))) {
      max = v;
      best = k;
    }
  }
  return c.lowest + best;
}

type Def = [name: string, ibsi: string, tag: string, doc: string, f: (c: IhContext) => number];

const DEFS: Def[] = [
  ['mean', 'X6K6', 'ih_mean', 'Mean discretized level Σ i p_i', (c) => c.s.mean],
  ['variance', 'CH89', 'ih_var', 'Σ (i − μ)² p_i', (c) => c.s.variance],
  ['skewness', '88K1', 'ih_skew', 'm3 / m2^(3/2) of the discretized levels', (c) => c.s.skewness],
  ['kurtosis', 'C3I7', 'ih_kurt', 'Excess kurtosis m4 / m2² − 3 of the discretized levels', (c) => c.s.kurtosis],
  ['median', 'WIFQ', 'ih_median', 'Median discretized level', (c) => c.s.median],
  ['minimum', '1PR8', 'ih_min', 'Minimum discretized level', (c) => c.s.min],
  ['percentile_10', 'GPMT', 'ih_p10', '10th percentile of the discretized levels (type 7)', (c) => c.s.p10],
  ['percentile_90', 'OZ0C', 'ih_p90', '90th percentile of the discretized levels (type 7)', (c) => c.s.p90],
  ['maximum', '3NCY', 'ih_max', 'Maximum discretized level', (c) => c.s.max],
  ['mode', 'AMMC', 'ih_mode', 'Most frequent level; ties go to the level closest to the mean (then the lower)', mode],
  ['interquartile_range', 'WR0O', 'ih_iqr', 'P75 − P25 of the discretized levels', (c) => c.s.p75 - c.s.p25],
  ['range', '5Z3W', 'ih_range', 'max − min discretized level', (c) => c.s.max - c.s.min],
  ['mean_absolute_deviation', 'D2ZX', 'ih_mad', 'Σ |i − μ| p_i', (c) => c.s.mad],
  [
    'robust_mean_absolute_deviation',
    'WRZB',
    'ih_rmad',
    'Mean absolute deviation of the levels within [P10, P90] from their mean',
    (c) => c.s.rmad,
  ],
  ['median_absolute_deviation', '4RNL', 'ih_medad', 'Σ |i − median| p_i', (c) => c.s.medad],
  ['coefficient_of_variation', 'CWYJ', 'ih_cov', 'σ / μ of the discretized levels', (c) => ratio(Math.sqrt(c.s.variance), c.s.mean)],
  [
    'quartile_coefficient_of_dispersion',
    'SLWD',
    'ih_qcod',
    '(P75 − P25) / (P75 + P25)',
    (c) => ratio(c.s.p75 - c.s.p25, c.s.p75 + c.s.p25),
  ],
  [
    'entropy',
    'TLU2',
    'ih_entropy',
    '−Σ p_i log2 p_i',
    (c) => {
      let h = 0;
      for (const v of c.counts) h -= plog2p(v / c.s.n);
      return h;
    },
  ],
  [
    'uniformity',
    'BJ5W',
    'ih_uniformity',
    'Σ p_i²',
    (c) => {
      let u = 0;
      for (const v of c.counts) u += (v / c.s.n) ** 2;
      return u;
    },
  ],
  [
    'maximum_histogram_gradient',
    '12CE',
    'ih_max_grad',
    "max_i H'(i), H' = central difference of the counts (one-sided at the ends)",
    (c) => {
      const g = gradient(c.counts);
      return g[argExtreme(g, 1)]!;
    },
  ],
  [
    'maximum_histogram_gradient_intensity',
    '8E6O',
    'ih_max_grad_g',
    "Level at which H'(i) is largest (first one)",
    (c) => c.lowest + argExtreme(gradient(c.counts), 1),
  ],
  [
    'minimum_histogram_gradient',
    'VQB3',
    'ih_min_grad',
    "min_i H'(i)",
    (c) => {
      const g = gradient(c.counts);
      return g[argExtreme(g, -1)]!;
    },
  ],
  [
    'minimum_histogram_gradient_intensity',
    'RHQZ',
    'ih_min_grad_g',
    "Level at which H'(i) is smallest (first one)",
    (c) => c.lowest + argExtreme(gradient(c.counts), -1),
  ],
];

/**
 * Intensity-histogram features (IBSI family ZVCW) over the discretized levels of the whole ROI
 * (DHQ4). The histogram spans the lowest to the highest level present, empty bins included.
 */
export const ihFamily: FamilyDef<IhContext> = {
  family: 'ih',
  ibsiFamily: 'ZVCW',
  title: 'Intensity histogram',
  prepare: prepareIh,
  features: DEFS.map(([name, ibsi, tag, doc, f]): FeatureDef<IhContext> => ({
    id: `ih.${name}`,
    family: 'ih',
    name,
    ibsi,
    aggregation: null,
    compute: f,
    doc,
    reference: tag,
  })),
};
