/** Vessel amount: area fraction, centre-line length and its density, graph counts, perimeter. */
import type { FeatureGroup, FingerprintContext, Fingerprint } from '../featureTypes.js';
import { inGroup, GRAPH_COUNT, PIXEL_COUNT } from './define.js';

const SKAN = 'graph of the skeleton as in skan: Nunez-Iglesias et al., PeerJ 6:e4312, 2018, doi:10.7717/peerj.4312';
const LENGTH = {
  x2: 0.05,
  x4: 0.1,
  note: 'vessels narrower than about 1 px at the coarser spacing vanish with their length: HRF 06_h −1 % / −3.5 %, 11_g (thin vessels) −1.6 % / −15 %',
};
const PERIMETER_INV = {
  x2: 0.1,
  x4: 0.2,
  note: 'the π/4 correction is exact only for straight edges at random orientations; the staircase of a digitised curved edge changes with the resolution (HRF 06_h: +5 % at ×2)',
};
const PERIMETER_REF =
  'crack length × π/4 (the mean of |cos θ| + |sin θ| over orientations is 4/π): Koplowitz & Bruckstein, IEEE TPAMI 11:611, 1989, doi:10.1109/34.24795';

/** Group `density`. */
export const densityGroup: FeatureGroup = {
  id: 'density',
  title: 'Vessel density and length',
  modality: 'both',
  features: inGroup('density', [
    {
      key: 'vessel_area_fraction',
      label: 'Vessel area fraction',
      unit: '1',
      definition: 'vessel pixels in the FOV / FOV pixels',
      reference:
        'standard morphometry; e.g. AutoMorph (Zhou et al., TVST 11:12, 2022, doi:10.1167/tvst.11.7.12), which divides by the whole image instead of the FOV',
      invariance: { x2: 0.05, x4: 0.1 },
    },
    {
      key: 'vessel_length_mm',
      label: 'Vessel length',
      unit: 'mm',
      definition: 'Σ segment lengths: smoothed centre line plus, at each free end, the radius (EDT − ½ px) that thinning removed',
      reference: SKAN,
      invariance: LENGTH,
    },
    {
      key: 'vessel_length_density_mm_per_mm2',
      label: 'Vessel length density',
      unit: 'mm/mm²',
      definition: '`vessel_length_mm` / `fov_area_mm2`',
      reference: SKAN,
      invariance: LENGTH,
    },
    {
      key: 'skeleton_chain_length_mm',
      label: 'Skeleton chain length',
      unit: 'mm',
      definition: 'Σ chain-code lengths (axial 1, diagonal √2 px), unsmoothed, no end correction (PVBM-like)',
      reference: 'Freeman chain code: Freeman, IRE Trans. Electron. Comput. EC-10:260, 1961, doi:10.1109/TEC.1961.5219197',
      invariance: { x2: 0.05, x4: 0.1 },
    },
    {
      key: 'skeleton_pixel_count',
      label: 'Skeleton pixels',
      unit: 'px',
      definition: 'pixels of the pruned skeleton',
      reference: 'none (pixel count)',
      invariance: PIXEL_COUNT,
    },
    {
      key: 'segment_count',
      label: 'Segments',
      unit: '1',
      definition: 'segments of the vessel graph (closed loops count once)',
      reference: SKAN,
      invariance: GRAPH_COUNT,
    },
    {
      key: 'branch_point_count',
      label: 'Branch points',
      unit: '1',
      definition: 'graph nodes with ≥ 3 segment ends (a junction pixel cluster is one node)',
      reference: SKAN,
      invariance: GRAPH_COUNT,
    },
    {
      key: 'end_point_count',
      label: 'End points',
      unit: '1',
      definition: 'graph nodes with one segment end',
      reference: SKAN,
      invariance: GRAPH_COUNT,
    },
    {
      key: 'branch_point_density_per_mm2',
      label: 'Branch point density',
      unit: 'mm⁻²',
      definition: '`branch_point_count` / `fov_area_mm2`',
      reference: SKAN,
      invariance: GRAPH_COUNT,
    },
    {
      key: 'end_point_density_per_mm2',
      label: 'End point density',
      unit: 'mm⁻²',
      definition: '`end_point_count` / `fov_area_mm2`',
      reference: SKAN,
      invariance: GRAPH_COUNT,
    },
    {
      key: 'segment_length_mean_um',
      label: 'Mean segment length',
      unit: 'µm',
      definition: '`vessel_length_mm` / `segment_count`',
      reference: SKAN,
      invariance: GRAPH_COUNT,
      absentReason: 'no segment',
    },
    {
      key: 'vessel_perimeter_mm',
      label: 'Vessel perimeter',
      unit: 'mm',
      definition:
        'boundary length of the vessel mask inside the FOV: (π/4) × number of pixel edges between a vessel and a non-vessel pixel (image border and FOV border excluded) × spacing',
      reference: PERIMETER_REF,
      invariance: PERIMETER_INV,
    },
    {
      key: 'vessel_perimeter_density_mm_per_mm2',
      label: 'Vessel perimeter density',
      unit: 'mm/mm²',
      definition: '`vessel_perimeter_mm` / `fov_area_mm2`',
      reference: PERIMETER_REF,
      invariance: PERIMETER_INV,
    },
  ]),
  compute: densityFeatures,
};

function densityFeatures(ctx: FingerprintContext): Fingerprint {
  const { graph, segments, mmPerPx, fovAreaMm2 } = ctx;
  let lengthPx = 0,
    chainPx = 0;
  for (const s of segments) {
    lengthPx += s.lengthPx;
    chainPx += s.chainLengthPx;
  }
  let branchPts = 0,
    endPts = 0;
  for (const node of graph.nodes) {
    if (node.degree >= 3) branchPts++;
    else if (node.degree === 1) endPts++;
  }
  const perimeterMm = (Math.PI / 4) * crackEdges(ctx) * mmPerPx;
  return {
    vessel_area_fraction: ctx.vesselPixels / ctx.fovPixels,
    vessel_length_mm: lengthPx * mmPerPx,
    vessel_length_density_mm_per_mm2: (lengthPx * mmPerPx) / fovAreaMm2,
    skeleton_chain_length_mm: chainPx * mmPerPx,
    skeleton_pixel_count: ctx.skeletonPixels,
    segment_count: graph.segments.length,
    branch_point_count: branchPts,
    end_point_count: endPts,
    branch_point_density_per_mm2: branchPts / fovAreaMm2,
    end_point_density_per_mm2: endPts / fovAreaMm2,
    segment_length_mean_um: segments.length ? (lengthPx / segments.length) * ctx.spacingUm : null,
    vessel_perimeter_mm: perimeterMm,
    vessel_perimeter_density_mm_per_mm2: perimeterMm / fovAreaMm2,
  };
}

/** Pixel edges between a vessel pixel and a non-vessel pixel inside the FOV (4-neighbours). */
function crackEdges(ctx: FingerprintContext): number {
  const { data, width, height } = ctx.mask;
  const fd = ctx.fov?.data;
  const inFov = (i: number): boolean => !fd || fd[i] !== 0;
  let n = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      if (!data[i]) continue;
      if (c > 0 && !data[i - 1] && inFov(i - 1)) n++;
      if (c + 1 < width && !data[i + 1] && inFov(i + 1)) n++;
      if (r > 0 && !data[i - width] && inFov(i - width)) n++;
      if (r + 1 < height && !data[i + width] && inFov(i + width)) n++;
    }
  }
  return n;
}
