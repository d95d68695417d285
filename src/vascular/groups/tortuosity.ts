/** Tortuosity of the vessel centre lines (length-weighted over the segments long enough). */
import type { FeatureGroup, Fingerprint } from '../featureTypes.js';
import type { SegmentMeasure } from '../segmentMeasures.js';
import { inGroup, SHAPE_GOAL, GRAPH_COUNT } from './define.js';

const GRISAN = 'Grisan, Foracchia & Ruggeri, IEEE TMI 27:310, 2008, doi:10.1109/TMI.2007.904657';
const BULLITT = 'Bullitt et al., IEEE TMI 22:1163, 2003, doi:10.1109/TMI.2003.816964';
const USED =
  'over the segments with arc length ≥ `tortuosityMinLengthUm` (fundus 500 µm, skin 50 µm) and arc/chord ≤ `tortuosityMaxArcChord` (2), weighted by arc length';
const GRISAN_INV = {
  ...SHAPE_GOAL,
  note: 'the goal of issue 19; met on HRF 06_h (−4 % / −7 %), not on 11_g at ×4 (+31 %; its veins +57 %): the sum of (Lᵢ/Cᵢ − 1) over turns reacts to single turns that appear or merge',
};
const ABSENT = 'no segment long enough for the tortuosity aggregates';

/** Group `tortuosity`. */
export const tortuosityGroup: FeatureGroup = {
  id: 'tortuosity',
  title: 'Tortuosity',
  modality: 'both',
  features: inGroup('tortuosity', [
    {
      key: 'tortuosity_arc_chord',
      label: 'Tortuosity (arc/chord)',
      unit: '1',
      definition: `mean arc length / chord of the centre lines smoothed with σ = \`smoothingSigmaUm\` (fundus 25 µm, skin 2.5 µm, ≥ 1 px) ${USED}; 1 = straight`,
      reference: GRISAN,
      invariance: SHAPE_GOAL,
      absentReason: ABSENT,
    },
    {
      key: 'tortuosity_density',
      label: 'Tortuosity density',
      unit: 'mm⁻¹',
      definition: `mean Grisan τ = (n−1)/n · 1/L · Σᵢ (Lᵢ/Cᵢ − 1), the centre line (smoothed with σ = \`angleSmoothingSigmaUm\`: fundus 50 µm, skin 5 µm, ≥ 2 px; resampled every \`angleStepUm\`: fundus 75 µm, skin 7.5 µm) split at its inflections into n turns, ${USED}`,
      reference: GRISAN,
      invariance: GRISAN_INV,
      absentReason: ABSENT,
    },
    {
      key: 'tortuosity_soam_rad_per_mm',
      label: 'Sum of angles',
      unit: 'rad/mm',
      definition: `mean Σ|turning angle| / L of the same resampled centre line (2-D sum-of-angles metric), ${USED}`,
      reference: BULLITT,
      invariance: SHAPE_GOAL,
      absentReason: ABSENT,
    },
    {
      key: 'inflection_count',
      label: 'Inflections',
      unit: '1',
      definition: 'inflection points (extrema of the heading angle, hysteresis 0.2 rad) on the segments used',
      reference: GRISAN,
      invariance: GRAPH_COUNT,
      absentReason: ABSENT,
    },
    {
      key: 'inflection_density_per_mm',
      label: 'Inflection density',
      unit: 'mm⁻¹',
      definition: '`inflection_count` / total arc length of the segments used',
      reference: GRISAN,
      invariance: SHAPE_GOAL,
      absentReason: ABSENT,
    },
    {
      key: 'tortuosity_segment_count',
      label: 'Tortuosity segments',
      unit: '1',
      definition: 'segments entering the tortuosity aggregates',
      reference: 'none (bookkeeping)',
      invariance: GRAPH_COUNT,
    },
    {
      key: 'tortuosity_excluded_loop_count',
      label: 'Excluded loops',
      unit: '1',
      definition:
        'segments left out because arc/chord > `tortuosityMaxArcChord` (default 2): skeleton loops where vessels cross or touch (retinal segments have arc/chord ≈ 1.0–1.5)',
      reference: GRISAN,
      invariance: GRAPH_COUNT,
    },
  ]),
  compute: (ctx) => tortuositySummary(ctx.segments, ctx.scale.tortuosityMinLengthPx, ctx.maxArcChord, ctx.mmPerPx),
};

/** The tortuosity aggregates over `segments` (also used per vessel type). */
export function tortuositySummary(
  segments: readonly SegmentMeasure[],
  minLengthPx: number,
  maxArcChord: number,
  mmPerPx: number,
): Fingerprint {
  let wSum = 0,
    acSum = 0,
    tdSum = 0,
    soamSum = 0,
    infl = 0,
    used = 0,
    loops = 0;
  for (const s of segments) {
    const t = s.tortuosity;
    if (!Number.isFinite(t.arcChord) || t.arcLengthPx < minLengthPx) continue;
    if (t.arcChord > maxArcChord) {
      loops++;
      continue;
    }
    const w = t.arcLengthPx;
    wSum += w;
    acSum += w * t.arcChord;
    tdSum += w * t.densityPerPx;
    soamSum += w * t.soamRadPerPx;
    infl += t.inflections;
    used++;
  }
  const ok = wSum > 0;
  return {
    tortuosity_arc_chord: ok ? acSum / wSum : null,
    tortuosity_density: ok ? tdSum / wSum / mmPerPx : null,
    tortuosity_soam_rad_per_mm: ok ? soamSum / wSum / mmPerPx : null,
    inflection_count: ok ? infl : null,
    inflection_density_per_mm: ok ? infl / (wSum * mmPerPx) : null,
    tortuosity_segment_count: used,
    tortuosity_excluded_loop_count: loops,
  };
}
