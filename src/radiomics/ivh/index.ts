import type { FamilyDef, FeatureDef, RoiImage } from '../types.js';
import { roiLevels } from '../ih/index.js';

/**
 * Context of the intensity-volume histogram: for each level i of `lo..hi` the fraction
 * ν(i) of ROI pixels with level ≥ i.
 */
export interface IvhContext {
  lo: number;
  hi: number;
  /** nu[k] = fraction of pixels with level ≥ lo + k, k = 0..hi − lo + 1 (the last entry is 0). */
  nu: Float64Array;
}

/** Builds ν(i) over the discretized levels (under `none`: the integer intensities). */
function prepareIvh(roi: RoiImage): IvhContext {
  const x = roiLevels(roi);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const counts = new Float64Array(hi - lo + 2);
  for (const v of x) counts[v - lo]! += 1;
  const nu = new Float64Array(hi - lo + 2);
  let acc = 0;
  for (let k = hi - lo; k >= 0; k--) {
    acc += counts[k]!;
    nu[k] = acc / x.length;
  }
  return { lo, hi, nu };
}

/**
 * V_x (IBSI BC2M): fraction of the ROI whose fractional level γ = (i − lo)/(hi − lo) is at least x.
 * A single-level ROI (hi = lo) gives NaN.
 */
function volumeAtIntensityFraction(c: IvhContext, x: number): number {
  if (c.hi === c.lo) return Number.NaN;
  const t = c.lo + x * (c.hi - c.lo);
  const k = Math.ceil(t - c.lo - 1e-12);
  return c.nu[Math.min(Math.max(k, 0), c.nu.length - 1)]!;
}

/**
 * I_x (IBSI GBPN): the lowest level i (of lo..hi, absent levels included) with ν(i) ≤ x; hi + 1
 * when even the highest level covers more than x of the ROI.
 */
function intensityAtVolumeFraction(c: IvhContext, x: number): number {
  for (let k = 0; k < c.nu.length; k++) if (c.nu[k]! <= x + 1e-12) return c.lo + k;
  return c.hi + 1;
}

type Def = [name: string, ibsi: string, tag: string, doc: string, f: (c: IvhContext) => number];

const DEFS: Def[] = [
  [
    'volume_fraction_at_10pct_intensity',
    'NK6P',
    'ivh_v10',
    'V10: fraction of pixels with γ ≥ 0.10 (generic code BC2M)',
    (c) => volumeAtIntensityFraction(c, 0.1),
  ],
  [
    'volume_fraction_at_90pct_intensity',
    '4279',
    'ivh_v90',
    'V90: fraction of pixels with γ ≥ 0.90 (generic code BC2M)',
    (c) => volumeAtIntensityFraction(c, 0.9),
  ],
  [
    'intensity_at_10pct_volume',
    'PWN1',
    'ivh_i10',
    'I10: lowest level i with ν(i) ≤ 0.10 (generic code GBPN)',
    (c) => intensityAtVolumeFraction(c, 0.1),
  ],
  [
    'intensity_at_90pct_volume',
    'BOHI',
    'ivh_i90',
    'I90: lowest level i with ν(i) ≤ 0.90 (generic code GBPN)',
    (c) => intensityAtVolumeFraction(c, 0.9),
  ],
  [
    'volume_fraction_difference_10_90',
    'WITY',
    'ivh_diff_v10_v90',
    'V10 − V90 (generic code DDTU)',
    (c) => volumeAtIntensityFraction(c, 0.1) - volumeAtIntensityFraction(c, 0.9),
  ],
  [
    'intensity_difference_10_90',
    'JXJA',
    'ivh_diff_i10_i90',
    'I10 − I90 (generic code CNV2)',
    (c) => intensityAtVolumeFraction(c, 0.1) - intensityAtVolumeFraction(c, 0.9),
  ],
];

/**
 * Intensity-volume histogram features (IBSI family P88C) over the whole ROI (DHQ4), on the
 * discretized levels with γ = (i − min)/(max − min) over the ROI.
 */
export const ivhFamily: FamilyDef<IvhContext> = {
  family: 'ivh',
  ibsiFamily: 'P88C',
  title: 'Intensity-volume histogram',
  prepare: prepareIvh,
  features: DEFS.map(([name, ibsi, tag, doc, f]): FeatureDef<IvhContext> => ({
    id: `ivh.${name}`,
    family: 'ivh',
    name,
    ibsi,
    aggregation: null,
    compute: f,
    doc,
    reference: tag,
  })),
};
