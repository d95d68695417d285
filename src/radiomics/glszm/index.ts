import type { FamilyDef, FeatureDef, RoiImage } from '../types.js';
import { sparseFromPairs } from '../glcm/matrix.js';
import { sizeFeatures, sizeStats, type SizeStats } from '../sizeStats.js';
import { countRoi } from '../glrlm/index.js';
import { findZones } from './zones.js';

/** Builds the 2D grey level size zone matrix (8-connected zones) and its statistics. */
function prepareGlszm(roi: RoiImage): SizeStats {
  const z = findZones(roi.levels, roi.width, roi.height);
  return sizeStats(sparseFromPairs(z.level, z.size), countRoi(roi.levels));
}

const TAGS = [
  'sze',
  'lze',
  'lgze',
  'hgze',
  'szlge',
  'szhge',
  'lzlge',
  'lzhge',
  'glnu',
  'glnu_norm',
  'zsnu',
  'zsnu_norm',
  'z_perc',
  'gl_var',
  'zs_var',
  'zs_entr',
].map((t) => `szm_${t}_2D`);
const CODES = [
  '5QRC',
  '48P8',
  'XMSY',
  '5GN9',
  '5RAI',
  'HW1V',
  'YH51',
  'J17V',
  'JNSA',
  'Y1RO',
  '4JP3',
  'VB3A',
  'P30P',
  'BYLV',
  '3NSA',
  'GU8N',
];
const BASE = sizeFeatures(
  {
    small: 'small_zone',
    large: 'large_zone',
    smallCombo: 'small_zone',
    largeCombo: 'large_zone',
    unit: 'zone',
    nu: 'zone_size',
    perc: 'zone',
    var: 'zone_size',
    entr: 'zone_size',
  },
  CODES,
  TAGS,
);

/**
 * Grey level size zone matrix features (IBSI family 9SAK), one 2D matrix (8QNN); zones are
 * 8-connected pixels of equal level, i = level, j = zone size in pixels.
 */
export const glszmFamily: FamilyDef<SizeStats> = {
  family: 'glszm',
  ibsiFamily: '9SAK',
  title: 'Grey level size zone matrix',
  prepare: prepareGlszm,
  features: BASE.map(([name, ibsi, tag, doc, f]): FeatureDef<SizeStats> => ({
    id: `glszm.${name}`,
    family: 'glszm',
    name,
    ibsi,
    aggregation: '8QNN',
    compute: f,
    doc,
    reference: tag,
  })),
};
