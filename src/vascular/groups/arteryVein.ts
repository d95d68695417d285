/** Artery/vein features: CRAE/CRVE (Knudtson and Parr–Hubbard) and per-type summaries, when labels are given. */
import type { FeatureGroup, FingerprintContext, Fingerprint, FingerprintFeature } from '../featureTypes.js';
import type { Mask2D } from '../../core/image.js';
import type { SegmentMeasure } from '../segmentMeasures.js';
import { knudtson } from '../knudtson.js';
import { hubbard } from '../hubbard.js';
import { zoneBMask } from '../regions.js';
import { inGroup, SHAPE_GOAL, type FeatureSpec } from './define.js';
import { mean } from '../summary.js';
import { widthSummary } from './calibre.js';
import { tortuositySummary } from './tortuosity.js';
import { boxDimension } from './fractal.js';

const KNUDTSON = 'Knudtson et al., Curr. Eye Res. 27:143, 2003, doi:10.1076/ceyr.27.3.143.16049';
const HUBBARD = 'Hubbard et al., Ophthalmology 106:2269, 1999, doi:10.1016/S0161-6420(99)90525-0';
const NEEDS_DISC = 'needs artery/vein labels and the optic disc position (zone B); none were given, so it is not computed (never guessed)';
const NEEDS_LABELS = 'needs artery/vein labels (none given), or no vessel of this type';
const ZONE_B =
  'segment width = mean of its local widths in zone B (2–3 disc radii from the disc centre); artery/vein by majority of the labels on those pixels';
const WIDTH = { x2: 0.1, x4: 0.25, note: 'as `vessel_width_mean_um`: vessels narrower than about 1 px at the coarser spacing vanish' };
const TYPES = [
  ['artery', 1, 'Artery'],
  ['vein', 2, 'Vein'],
] as const;

function perType(): FeatureSpec[] {
  const out: FeatureSpec[] = [];
  for (const [t, code, T] of TYPES) {
    const on = `the ${t} pixels (label ${code}) and the segments whose pixels are mostly labelled ${t}`;
    out.push(
      {
        key: `${t}_vessel_area_fraction`,
        label: `${T} area fraction`,
        unit: '1',
        definition: `${t} pixels in the FOV / FOV pixels`,
        reference: 'standard morphometry',
        invariance: { x2: 0.05, x4: 0.1 },
        absentReason: NEEDS_LABELS,
      },
      {
        key: `${t}_vessel_length_density_mm_per_mm2`,
        label: `${T} length density`,
        unit: 'mm/mm²',
        definition: `length of the ${t} segments / FOV area`,
        reference: 'as `vessel_length_density_mm_per_mm2`',
        invariance: { x2: 0.05, x4: 0.1 },
        absentReason: NEEDS_LABELS,
      },
      {
        key: `${t}_vessel_width_mean_um`,
        label: `Mean ${t} width`,
        unit: 'µm',
        definition: `mean local width along the ${t} segments`,
        reference: 'as `vessel_width_mean_um`',
        invariance: WIDTH,
        absentReason: NEEDS_LABELS,
      },
      {
        key: `${t}_tortuosity_arc_chord`,
        label: `${T} tortuosity (arc/chord)`,
        unit: '1',
        definition: `\`tortuosity_arc_chord\` over the ${t} segments`,
        reference: 'as `tortuosity_arc_chord`',
        invariance: SHAPE_GOAL,
        absentReason: NEEDS_LABELS,
      },
      {
        key: `${t}_tortuosity_density`,
        label: `${T} tortuosity density`,
        unit: 'mm⁻¹',
        definition: `\`tortuosity_density\` over the ${t} segments`,
        reference: 'as `tortuosity_density`',
        invariance: { ...SHAPE_GOAL, note: 'as `tortuosity_density`: not met on HRF 11_g veins at ×4 (+57 %)' },
        absentReason: NEEDS_LABELS,
      },
      {
        key: `${t}_fractal_dimension_box`,
        label: `${T} fractal dimension`,
        unit: '1',
        definition: `box-counting dimension (boxes as \`fractal_dimension_box\`) of ${on.split(' and ')[0]}`,
        reference: 'as `fractal_dimension_box`',
        invariance: SHAPE_GOAL,
        absentReason: NEEDS_LABELS,
      },
    );
  }
  return out;
}

const FEATURES: FingerprintFeature[] = inGroup('arteryVein', [
  {
    key: 'crae_um',
    label: 'CRAE (Knudtson)',
    unit: 'µm',
    definition: `central retinal artery equivalent from the six widest arterioles in zone B: pairs widest-with-narrowest, ŵ = 0.88·√(w₁² + w₂²), until one value is left; ${ZONE_B}`,
    reference: KNUDTSON,
    modality: 'fundus',
    invariance: WIDTH,
    absentReason: NEEDS_DISC,
  },
  {
    key: 'crve_um',
    label: 'CRVE (Knudtson)',
    unit: 'µm',
    definition: `central retinal vein equivalent, as CRAE with ŵ = 0.95·√(w₁² + w₂²)`,
    reference: KNUDTSON,
    modality: 'fundus',
    invariance: WIDTH,
    absentReason: NEEDS_DISC,
  },
  {
    key: 'av_ratio',
    label: 'Arteriole-to-venule ratio (Knudtson)',
    unit: '1',
    definition: '`crae_um` / `crve_um`',
    reference: KNUDTSON,
    modality: 'fundus',
    invariance: WIDTH,
    absentReason: NEEDS_DISC,
  },
  {
    key: 'crae_hubbard_um',
    label: 'CRAE (Parr–Hubbard)',
    unit: 'µm',
    definition: `all arterioles in zone B combined widest-with-narrowest by W = √(0.87·Wa² + 1.01·Wb² − 0.22·Wa·Wb − 10.76) (µm; Wa narrower); ${ZONE_B}`,
    reference: HUBBARD,
    modality: 'fundus',
    invariance: WIDTH,
    absentReason: NEEDS_DISC,
  },
  {
    key: 'crve_hubbard_um',
    label: 'CRVE (Parr–Hubbard)',
    unit: 'µm',
    definition: 'all venules in zone B combined by W = √(0.72·Wa² + 0.91·Wb² + 450.02) (µm)',
    reference: HUBBARD,
    modality: 'fundus',
    invariance: WIDTH,
    absentReason: NEEDS_DISC,
  },
  {
    key: 'av_ratio_hubbard',
    label: 'Arteriole-to-venule ratio (Parr–Hubbard)',
    unit: '1',
    definition: '`crae_hubbard_um` / `crve_hubbard_um`',
    reference: HUBBARD,
    modality: 'fundus',
    invariance: WIDTH,
    absentReason: NEEDS_DISC,
  },
  ...perType(),
]);

/** Group `arteryVein`. */
export const arteryVeinGroup: FeatureGroup = {
  id: 'arteryVein',
  title: 'Arteries and veins',
  modality: 'both',
  features: FEATURES,
  compute: arteryVeinFeatures,
};

function arteryVeinFeatures(ctx: FingerprintContext): Fingerprint {
  const f: Fingerprint = {};
  for (const e of FEATURES) f[e.key] = null;
  const labels = ctx.arteryVein;
  if (!labels) return f;
  if (ctx.disc) Object.assign(f, zoneBCalibres(ctx, labels));
  const { width, height, data } = ctx.mask;
  for (const [t, code] of TYPES) {
    const typeMask: Mask2D = { data: new Uint8Array(width * height), width, height };
    let px = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] && labels[i] === code) {
        typeMask.data[i] = 1;
        px++;
      }
    }
    if (px === 0) continue;
    const segs = ctx.segments.filter((s) => majority(ctx, s, labels) === code);
    let lengthPx = 0;
    for (const s of segs) lengthPx += s.lengthPx;
    const fd = boxDimension(ctx, typeMask, px);
    f[`${t}_vessel_area_fraction`] = px / ctx.fovPixels;
    f[`${t}_vessel_length_density_mm_per_mm2`] = (lengthPx * ctx.mmPerPx) / ctx.fovAreaMm2;
    f[`${t}_vessel_width_mean_um`] = widthSummary(segs, ctx.spacingUm).vessel_width_mean_um ?? null;
    const tort = tortuositySummary(segs, ctx.scale.tortuosityMinLengthPx, ctx.maxArcChord, ctx.mmPerPx);
    f[`${t}_tortuosity_arc_chord`] = tort.tortuosity_arc_chord ?? null;
    f[`${t}_tortuosity_density`] = tort.tortuosity_density ?? null;
    f[`${t}_fractal_dimension_box`] = fd && Number.isFinite(fd.dimension) ? fd.dimension : null;
  }
  return f;
}

/** Label (1 artery, 2 vein, 0 tie/unknown) held by most pixels of the segment. */
function majority(ctx: FingerprintContext, s: SegmentMeasure, labels: Uint8Array): number {
  let a = 0,
    v = 0;
  for (const p of ctx.graph.segments[s.id]!.path) {
    if (labels[p] === 1) a++;
    else if (labels[p] === 2) v++;
  }
  return a > v ? 1 : v > a ? 2 : 0;
}

/** Knudtson and Parr–Hubbard summaries from the segments with width samples in zone B. */
function zoneBCalibres(ctx: FingerprintContext, labels: Uint8Array): Fingerprint {
  const { graph, segments, disc, spacingUm } = ctx;
  const zone = zoneBMask(graph.width, graph.height, disc!).data;
  const art: number[] = [],
    vein: number[] = [];
  for (const s of segments) {
    const path = graph.segments[s.id]!.path;
    let a = 0,
      v = 0;
    const w: number[] = [];
    for (let j = 0; j < s.widthIndices.length; j++) {
      const p = path[s.widthIndices[j]!]!;
      if (!zone[p]) continue;
      if (labels[p] === 1) a++;
      else if (labels[p] === 2) v++;
      if (Number.isFinite(s.widthsPx[j]!)) w.push(s.widthsPx[j]!);
    }
    if (w.length === 0 || a === v) continue;
    (a > v ? art : vein).push(mean(w) * spacingUm);
  }
  const crae = art.length ? knudtson(art, 'artery') : null,
    crve = vein.length ? knudtson(vein, 'vein') : null;
  const craeH = art.length ? hubbard(art, 'artery') : null,
    crveH = vein.length ? hubbard(vein, 'vein') : null;
  return {
    crae_um: crae,
    crve_um: crve,
    av_ratio: crae !== null && crve !== null ? crae / crve : null,
    crae_hubbard_um: craeH,
    crve_hubbard_um: crveH,
    av_ratio_hubbard: craeH !== null && crveH !== null ? craeH / crveH : null,
  };
}
