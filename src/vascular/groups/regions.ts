/** Regional density and width: image quadrants (around the disc or the image centre), zones B and C. */
import type { FeatureGroup, FingerprintContext, Fingerprint } from '../featureTypes.js';
import { QUADRANTS, zoneBMask, zoneCMask } from '../regions.js';
import { inGroup, type FeatureSpec } from './define.js';

const HUBBARD = 'Hubbard et al., Ophthalmology 106:2269, 1999, doi:10.1016/S0161-6420(99)90525-0';
const CHEUNG = 'Cheung et al., Ophthalmology 118:812, 2011, doi:10.1016/j.ophtha.2010.08.045';

/** The regions: column prefix, label, where it is, reference. */
export const FINGERPRINT_REGIONS: readonly { prefix: string; label: string; where: string; reference: string; needsDisc: boolean }[] = [
  ...QUADRANTS.map((q) => ({
    prefix: `quadrant_${q}`,
    label: `${q.replace('_', '-')} quadrant`,
    where: `the ${q.replace('_', '-')} quadrant (split by the horizontal and vertical lines through the disc centre, or the image centre without a disc; image directions)`,
    reference: 'none (image quadrants)',
    needsDisc: false,
  })),
  { prefix: 'zone_b', label: 'zone B', where: 'zone B (2–3 disc radii from the disc centre)', reference: HUBBARD, needsDisc: true },
  { prefix: 'zone_c', label: 'zone C', where: 'zone C (2–5 disc radii from the disc centre)', reference: CHEUNG, needsDisc: true },
];

function specs(): FeatureSpec[] {
  return FINGERPRINT_REGIONS.flatMap(({ prefix, label, where, reference }) => {
    const absentReason = prefix.startsWith('zone')
      ? 'needs the optic disc position; or the region holds no FOV pixel / no width sample'
      : 'the region holds no FOV pixel / no width sample';
    const cap = label[0]!.toUpperCase() + label.slice(1);
    return [
      {
        key: `${prefix}_area_mm2`,
        label: `${cap} area`,
        unit: 'mm²',
        definition: `area of ${where} ∩ FOV`,
        reference,
        invariance: { x2: 0.02, x4: 0.04 },
        absentReason,
      },
      {
        key: `${prefix}_vessel_area_fraction`,
        label: `Vessel area fraction, ${label}`,
        unit: '1',
        definition: `vessel pixels / FOV pixels in ${where}`,
        reference,
        invariance: { x2: 0.05, x4: 0.1 },
        absentReason,
      },
      {
        key: `${prefix}_vessel_length_density_mm_per_mm2`,
        label: `Vessel length density, ${label}`,
        unit: 'mm/mm²',
        definition: `centre-line length whose pixels lie in ${where} / its area`,
        reference,
        invariance: { x2: 0.05, x4: 0.1 },
        absentReason,
      },
      {
        key: `${prefix}_vessel_width_mean_um`,
        label: `Mean vessel width, ${label}`,
        unit: 'µm',
        definition: `mean local width at the skeleton pixels in ${where}`,
        reference,
        invariance: { x2: 0.1, x4: 0.2 },
        absentReason,
      },
    ];
  });
}

/** Group `regions`. */
export const regionsGroup: FeatureGroup = {
  id: 'regions',
  title: 'Regions',
  modality: 'both',
  features: inGroup('regions', specs()),
  compute: regionFeatures,
};

function regionFeatures(ctx: FingerprintContext): Fingerprint {
  if (!ctx.regions) return {};
  const { width, height } = ctx.mask;
  const n = width * height;
  const disc = ctx.disc;
  const cr = disc ? disc.row : (height - 1) / 2,
    cc = disc ? disc.col : (width - 1) / 2;
  const f: Fingerprint = {};
  // quadrant label per pixel (a pixel on a line goes down / right, as quadrantMasks)
  const quadOf = new Uint8Array(n);
  for (let r = 0; r < height; r++) {
    const up = r < cr ? 0 : 2;
    for (let c = 0; c < width; c++) quadOf[r * width + c] = up + (c < cc ? 0 : 1);
  }
  regional(
    f,
    QUADRANTS.map((q) => `quadrant_${q}`),
    quadOf,
    ctx,
  );
  if (disc) {
    for (const [prefix, mask] of [
      ['zone_b', zoneBMask(width, height, disc)],
      ['zone_c', zoneCMask(width, height, disc)],
    ] as const) {
      const zone = mask.data;
      for (let i = 0; i < n; i++) zone[i] = zone[i] ? 0 : 255; // label 0 = in the zone, 255 = ignored
      regional(f, [prefix], zone, ctx);
    }
  }
  return f;
}

/** Region k = the pixels whose `labels` value is k (k < prefixes.length; others ignored). One pass over the pixels, one over the skeleton. */
function regional(f: Fingerprint, prefixes: readonly string[], labels: Uint8Array, ctx: FingerprintContext): void {
  const R = prefixes.length;
  const area = new Float64Array(R),
    vessel = new Float64Array(R),
    len = new Float64Array(R),
    wSum = new Float64Array(R),
    wN = new Float64Array(R);
  const md = ctx.mask.data,
    fd = ctx.fov?.data;
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i]!;
    if (k < R && (!fd || fd[i])) {
      area[k]++;
      vessel[k] += md[i]!;
    }
  }
  for (const s of ctx.segments) {
    const path = ctx.graph.segments[s.id]!.path;
    for (let j = 0; j < path.length; j++) {
      const k = labels[path[j]!]!;
      if (k < R) len[k] += s.pointLengthPx[j]!;
    }
    for (let j = 0; j < s.widthIndices.length; j++) {
      const k = labels[path[s.widthIndices[j]!]!]!;
      const w = s.widthsPx[j]!;
      if (k < R && Number.isFinite(w)) {
        wSum[k] += w;
        wN[k]++;
      }
    }
  }
  const mm = ctx.mmPerPx;
  prefixes.forEach((prefix, k) => {
    const a = area[k]!;
    f[`${prefix}_area_mm2`] = a * mm * mm;
    f[`${prefix}_vessel_area_fraction`] = a > 0 ? vessel[k]! / a : null;
    f[`${prefix}_vessel_length_density_mm_per_mm2`] = a > 0 ? (len[k]! * mm) / (a * mm * mm) : null;
    f[`${prefix}_vessel_width_mean_um`] = wN[k]! > 0 ? (wSum[k]! / wN[k]!) * ctx.spacingUm : null;
  });
}
