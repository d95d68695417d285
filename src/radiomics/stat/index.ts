import type { FamilyDef, FeatureDef, RoiImage } from '../types.js';
import { summarize, type DistributionSummary } from '../distribution.js';
import { ratio } from '../math.js';

/** Context of the statistics family: the intensities inside the intensity mask, summarized. */
export interface StatContext {
  s: DistributionSummary;
}

/** Collects the (undiscretized) intensities inside the intensity mask. */
function roiValues(roi: RoiImage): Float64Array {
  let n = 0;
  for (let i = 0; i < roi.intensityMask.length; i++) n += roi.intensityMask[i]!;
  const out = new Float64Array(n);
  for (let i = 0, k = 0; i < roi.intensityMask.length; i++) if (roi.intensityMask[i] === 1) out[k++] = roi.values[i]!;
  return out;
}

type Def = [name: string, ibsi: string, tag: string, doc: string, f: (s: DistributionSummary) => number];

const DEFS: Def[] = [
  ['mean', 'Q4LE', 'stat_mean', 'Mean intensity μ = Σ X_k / N_v', (s) => s.mean],
  ['variance', 'ECT3', 'stat_var', 'Intensity variance Σ (X_k − μ)² / N_v (denominator N_v)', (s) => s.variance],
  ['skewness', 'KE2A', 'stat_skew', 'Skewness m3 / m2^(3/2) (central moments, denominator N_v)', (s) => s.skewness],
  ['kurtosis', 'IPH6', 'stat_kurt', 'Excess kurtosis m4 / m2² − 3', (s) => s.kurtosis],
  ['median', 'Y12H', 'stat_median', 'Median intensity', (s) => s.median],
  ['minimum', '1GSF', 'stat_min', 'Minimum intensity', (s) => s.min],
  ['percentile_10', 'QG58', 'stat_p10', '10th intensity percentile (type-7 interpolation)', (s) => s.p10],
  ['percentile_90', '8DWT', 'stat_p90', '90th intensity percentile (type-7 interpolation)', (s) => s.p90],
  ['maximum', '84IY', 'stat_max', 'Maximum intensity', (s) => s.max],
  ['interquartile_range', 'SALO', 'stat_iqr', 'P75 − P25', (s) => s.p75 - s.p25],
  ['range', '2OJQ', 'stat_range', 'max − min', (s) => s.max - s.min],
  ['mean_absolute_deviation', '4FUA', 'stat_mad', 'Σ |X_k − μ| / N_v', (s) => s.mad],
  [
    'robust_mean_absolute_deviation',
    '1128',
    'stat_rmad',
    'Mean absolute deviation from their mean of the intensities in [P10, P90]',
    (s) => s.rmad,
  ],
  ['median_absolute_deviation', 'N72L', 'stat_medad', 'Σ |X_k − median| / N_v', (s) => s.medad],
  ['coefficient_of_variation', '7TET', 'stat_cov', 'σ / μ with σ = sqrt(variance)', (s) => ratio(Math.sqrt(s.variance), s.mean)],
  ['quartile_coefficient_of_dispersion', '9S40', 'stat_qcod', '(P75 − P25) / (P75 + P25)', (s) => ratio(s.p75 - s.p25, s.p75 + s.p25)],
  ['energy', 'N8CA', 'stat_energy', 'Σ X_k² (intensity units squared)', (s) => s.energy],
  ['root_mean_square', '5ZWQ', 'stat_rms', 'sqrt(Σ X_k² / N_v)', (s) => Math.sqrt(s.energy / s.n)],
];

/**
 * Intensity-based statistics (IBSI family UHIW), computed once over the whole ROI (DHQ4) on the
 * intensities before discretization.
 */
export const statFamily: FamilyDef<StatContext> = {
  family: 'stat',
  ibsiFamily: 'UHIW',
  title: 'Intensity-based statistics',
  prepare: (roi) => ({ s: summarize(roiValues(roi)) }),
  features: DEFS.map(([name, ibsi, tag, doc, f]): FeatureDef<StatContext> => ({
    id: `stat.${name}`,
    family: 'stat',
    name,
    ibsi,
    aggregation: null,
    compute: (c) => f(c.s),
    doc,
    reference: tag,
  })),
};
