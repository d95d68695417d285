/** Bifurcation geometry at the degree-3 junctions. */
import type { FeatureGroup, FingerprintContext, Fingerprint } from '../featureTypes.js';
import { inGroup, GRAPH_COUNT } from './define.js';
import { mean, sd, median } from '../summary.js';

const ZAMIR = 'Zamir, Medeiros & Cunningham, J. Gen. Physiol. 74:537, 1979, doi:10.1085/jgp.74.4.537';
const MURRAY = 'Murray, PNAS 12:207, 1926, doi:10.1073/pnas.12.3.207';
const ANGLES = { x2: 0.1, x4: 0.2 };

/** Group `branching`. */
export const branchingGroup: FeatureGroup = {
  id: 'branching',
  title: 'Branching',
  modality: 'both',
  features: inGroup('branching', [
    {
      key: 'bifurcation_count',
      label: 'Bifurcations',
      unit: '1',
      definition: 'degree-3 junctions measured',
      reference: ZAMIR,
      invariance: GRAPH_COUNT,
    },
    {
      key: 'branching_angle_mean_deg',
      label: 'Mean branching angle',
      unit: '°',
      definition:
        'angle between the two children; branch direction = chord of the smoothed centre line between arc distances max(3 px, 2r) and that + max(6 px, 4r) from the junction (r = junction radius); parent = the widest branch if ≥ 1.1 × both others, else the branch opposite the smallest angle',
      reference: ZAMIR,
      invariance: ANGLES,
      absentReason: 'no junction of degree 3',
    },
    {
      key: 'branching_angle_sd_deg',
      label: 'Branching angle SD',
      unit: '°',
      definition: 'population SD of the branching angles',
      reference: ZAMIR,
      invariance: { notInvariant: 'the spread of angles grows with the pixel noise of the branch directions at coarse resolution' },
      absentReason: 'no junction of degree 3',
    },
    {
      key: 'murray_exponent_median',
      label: 'Junction exponent (median)',
      unit: '1',
      definition:
        "median junction exponent x with d₀ˣ = d₁ˣ + d₂ˣ (bisection on [0.1, 20]) where both children are narrower than the parent; Murray's law: 3",
      reference: MURRAY,
      invariance: {
        notInvariant:
          'the exponent is a steep function of width ratios that carry ±0.5 px each; at a coarser resolution it changes by more than 20 %',
      },
      absentReason: 'no bifurcation whose parent is wider than both children',
    },
    {
      key: 'murray_exponent_count',
      label: 'Junction exponents',
      unit: '1',
      definition: 'bifurcations entering `murray_exponent_median`',
      reference: MURRAY,
      invariance: GRAPH_COUNT,
    },
    {
      key: 'branching_area_ratio_mean',
      label: 'Branching area ratio',
      unit: '1',
      definition: 'mean (d₁² + d₂²)/d₀² over the bifurcations',
      reference: ZAMIR,
      invariance: { notInvariant: 'a ratio of squared widths of ±0.5 px each; the small children of a coarse image are a few pixels wide' },
      absentReason: 'no junction of degree 3',
    },
  ]),
  compute: branchingFeatures,
};

function branchingFeatures(ctx: FingerprintContext): Fingerprint {
  const bif = ctx.bifurcations;
  const angles = bif.map((b) => b.angleDeg).filter(Number.isFinite);
  const murray = bif.map((b) => b.murrayExponent).filter(Number.isFinite);
  const ratios = bif
    .filter((b) => b.parentWidthPx > 0)
    .map((b) => (b.childWidthsPx[0] ** 2 + b.childWidthsPx[1] ** 2) / b.parentWidthPx ** 2)
    .filter(Number.isFinite);
  return {
    bifurcation_count: bif.length,
    branching_angle_mean_deg: angles.length ? mean(angles) : null,
    branching_angle_sd_deg: angles.length ? sd(angles) : null,
    murray_exponent_median: murray.length ? median(murray) : null,
    murray_exponent_count: murray.length,
    branching_area_ratio_mean: ratios.length ? mean(ratios) : null,
  };
}
