/** Skin capillaries: one capillary = one 8-connected component of the capillary mask. */
import type { FeatureGroup, FingerprintContext, Fingerprint } from '../featureTypes.js';
import { capillaries } from '../capillaries.js';
import { inGroup, GRAPH_COUNT } from './define.js';
import { mean, sd } from '../summary.js';

const CUTOLO = 'Cutolo, Sulli & Smith, Best Pract. Res. Clin. Rheumatol. 27:237, 2013, doi:10.1016/j.berh.2013.03.001';
const ANTONIOS = 'Antonios et al., Heart 89:175, 2003, doi:10.1136/heart.89.2.175';
const DIAM = { x2: 0.1, x4: 0.2 };

/** Group `capillaries` (skin only). */
export const capillariesGroup: FeatureGroup = {
  id: 'capillaries',
  title: 'Skin capillaries',
  modality: 'skin',
  features: inGroup('capillaries', [
    {
      key: 'capillary_count',
      label: 'Capillaries',
      unit: '1',
      definition: '8-connected components of the capillary mask of at least `minCapillaryAreaUm2` (touching loops count once)',
      reference: CUTOLO,
      modality: 'skin',
      invariance: GRAPH_COUNT,
    },
    {
      key: 'capillary_density_per_mm2',
      label: 'Capillary density',
      unit: 'mm⁻²',
      definition: '`capillary_count` / `fov_area_mm2`',
      reference: ANTONIOS,
      modality: 'skin',
      invariance: { x2: 0.05, x4: 0.1 },
    },
    {
      key: 'intercapillary_distance_mean_um',
      label: 'Intercapillary distance',
      unit: 'µm',
      definition: 'mean distance from each component centroid to the nearest other centroid',
      reference: ANTONIOS,
      modality: 'skin',
      invariance: { x2: 0.05, x4: 0.1 },
      absentReason: 'fewer than two capillaries',
    },
    {
      key: 'intercapillary_distance_sd_um',
      label: 'Intercapillary distance SD',
      unit: 'µm',
      definition: 'population SD of those nearest-neighbour distances',
      reference: ANTONIOS,
      modality: 'skin',
      invariance: { x2: 0.1, x4: 0.2 },
      absentReason: 'fewer than two capillaries',
    },
    {
      key: 'capillary_diameter_mean_um',
      label: 'Capillary limb diameter',
      unit: 'µm',
      definition:
        'mean local width along the centre line of each elongated capillary (centre-line length ≥ 2 × its mean width), averaged over them; when none is elongated, the mean equivalent-circle diameter',
      reference: CUTOLO,
      modality: 'skin',
      invariance: DIAM,
      absentReason: 'no capillary',
    },
    {
      key: 'capillary_elongated_count',
      label: 'Elongated capillaries',
      unit: '1',
      definition: 'capillaries entering the limb diameter',
      reference: CUTOLO,
      modality: 'skin',
      invariance: GRAPH_COUNT,
    },
    {
      key: 'capillary_equivalent_diameter_mean_um',
      label: 'Capillary equivalent diameter',
      unit: 'µm',
      definition: 'mean √(4·area/π) of the components',
      reference: CUTOLO,
      modality: 'skin',
      invariance: DIAM,
      absentReason: 'no capillary',
    },
    {
      key: 'capillary_area_mean_um2',
      label: 'Capillary area',
      unit: 'µm²',
      definition: 'mean component area',
      reference: CUTOLO,
      modality: 'skin',
      invariance: { x2: 0.1, x4: 0.2 },
      absentReason: 'no capillary',
    },
  ]),
  compute: capillaryFeatures,
};

function capillaryFeatures(ctx: FingerprintContext): Fingerprint {
  const { spacingUm: s, graph, segments } = ctx;
  const minAreaPx = Math.max(1, Math.ceil(ctx.minCapillaryAreaUm2 / (s * s)));
  const capRes = capillaries(ctx.mask, { minAreaPx });
  ctx.extras.capillaries = capRes;
  const caps = capRes.capillaries;
  const nn = Array.from(capRes.nearestNeighbourPx);
  // limb calibre: mean local width along the centre line of each elongated capillary (a
  // hairpin or limb seen side-on); a round dot (a loop seen end-on) shows the loop's footprint,
  // not the calibre, so it does not enter
  const wSum = new Float64Array(caps.length),
    wN = new Float64Array(caps.length),
    lenC = new Float64Array(caps.length);
  for (const seg of segments) {
    const path = graph.segments[seg.id]!.path;
    for (let k = 0; k < path.length; k++) {
      const lab = capRes.labels[path[k]!]!;
      if (lab > 0) lenC[lab - 1] += seg.pointLengthPx[k]!;
    }
    for (let j = 0; j < seg.widthIndices.length; j++) {
      const lab = capRes.labels[path[seg.widthIndices[j]!]!]!;
      const w = seg.widthsPx[j]!;
      if (lab > 0 && Number.isFinite(w)) {
        wSum[lab - 1] += w;
        wN[lab - 1]++;
      }
    }
  }
  const limb: number[] = [];
  caps.forEach((_, i) => {
    if (wN[i]! > 0 && lenC[i]! >= 2 * (wSum[i]! / wN[i]!)) limb.push(wSum[i]! / wN[i]!);
  });
  const eq = caps.map((c) => c.diameterPx);
  return {
    capillary_count: caps.length,
    capillary_density_per_mm2: caps.length / ctx.fovAreaMm2,
    intercapillary_distance_mean_um: nn.length ? mean(nn) * s : null,
    intercapillary_distance_sd_um: nn.length ? sd(nn) * s : null,
    capillary_diameter_mean_um: limb.length ? mean(limb) * s : caps.length ? mean(eq) * s : null,
    capillary_elongated_count: limb.length,
    capillary_equivalent_diameter_mean_um: caps.length ? mean(eq) * s : null,
    capillary_area_mean_um2: caps.length ? mean(caps.map((c) => c.areaPx * s * s)) : null,
  };
}
