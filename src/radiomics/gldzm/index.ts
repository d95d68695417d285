import type { FamilyDef, FeatureDef, RoiImage } from '../types.js';
import { sparseFromPairs } from '../glcm/matrix.js';
import { sizeFeatures, sizeStats, type SizeStats } from '../sizeStats.js';
import { countRoi } from '../glrlm/index.js';
import { findZones } from '../glszm/zones.js';
import { edgeDistance } from './distance.js';

/**
 * Builds the 2D grey level distance zone matrix: zones as in the GLSZM (8-connected), each
 * zone's distance is the smallest edge distance (4-connected, on the morphological mask) of
 * its pixels.
 */
function prepareGldzm(roi: RoiImage): SizeStats {
  const z = findZones(roi.levels, roi.width, roi.height);
  const dist = edgeDistance(roi.morphMask, roi.width, roi.height);
  const zd = new Int32Array(z.count).fill(2147483647);
  for (let p = 0; p < z.label.length; p++) {
    const l = z.label[p]!;
    if (l === 0) continue;
    if (dist[p]! < zd[l - 1]!) zd[l - 1] = dist[p]!;
  }
  return sizeStats(sparseFromPairs(z.level, zd), countRoi(roi.levels));
}

const TAGS = [
  'sde',
  'lde',
  'lgze',
  'hgze',
  'sdlge',
  'sdhge',
  'ldlge',
  'ldhge',
  'glnu',
  'glnu_norm',
  'zdnu',
  'zdnu_norm',
  'z_perc',
  'gl_var',
  'zd_var',
  'zd_entr',
].map((t) => `dzm_${t}_2D`);
const CODES = [
  '0GBI',
  'MB4I',
  'S1RA',
  'K26C',
  'RUVG',
  'DKNJ',
  'A7WM',
  'KLTH',
  'VFT7',
  '7HP3',
  'V294',
  'IATH',
  'VIWW',
  'QK93',
  '7WT1',
  'GBDU',
];
const BASE = sizeFeatures(
  {
    small: 'small_distance',
    large: 'large_distance',
    smallCombo: 'small_distance',
    largeCombo: 'large_distance',
    unit: 'zone',
    nu: 'zone_distance',
    perc: 'zone',
    var: 'zone_distance',
    entr: 'zone_distance',
  },
  CODES,
  TAGS,
);

/**
 * Grey level distance zone matrix features (IBSI family VMDZ), one 2D matrix (8QNN);
 * i = level, j = zone distance to the ROI edge (pixels, edge = 1).
 */
export const gldzmFamily: FamilyDef<SizeStats> = {
  family: 'gldzm',
  ibsiFamily: 'VMDZ',
  title: 'Grey level distance zone matrix',
  prepare: prepareGldzm,
  features: BASE.map(([name, ibsi, tag, doc, f]): FeatureDef<SizeStats> => ({
    id: `gldzm.${name}`,
    family: 'gldzm',
    name,
    ibsi,
    aggregation: '8QNN',
    compute: f,
    doc,
    reference: tag,
  })),
};
