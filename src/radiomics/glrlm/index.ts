import type { FamilyDef, FeatureDef, RoiImage } from '../types.js';
import { meanOf } from '../math.js';
import { sumSparse } from '../glcm/matrix.js';
import { sizeFeatures, sizeStats, type SizeStats } from '../sizeStats.js';
import { glrlmMatrices } from './runs.js';

/** Context of the GLRLM family: statistics per direction and of the merged matrix. */
export interface GlrlmContext {
  perDirection: SizeStats[];
  merged: SizeStats;
}

/** Counts ROI pixels (level > 0). */
export function countRoi(levels: Int32Array): number {
  let n = 0;
  for (let i = 0; i < levels.length; i++) if (levels[i]! > 0) n++;
  return n;
}

/** Builds the 4 directional run-length matrices and their sum (N_v summed too: 4 N_v). */
function prepareGlrlm(roi: RoiImage): GlrlmContext {
  const mats = glrlmMatrices(roi.levels, roi.width, roi.height, roi.ng, roi.workspace);
  const nv = countRoi(roi.levels);
  return {
    perDirection: mats.map((m) => sizeStats(m, nv)),
    merged: sizeStats(sumSparse(mats, roi.ng, Math.max(roi.width, roi.height), roi.workspace), 4 * nv),
  };
}

const TAGS = [
  'sre',
  'lre',
  'lgre',
  'hgre',
  'srlge',
  'srhge',
  'lrlge',
  'lrhge',
  'glnu',
  'glnu_norm',
  'rlnu',
  'rlnu_norm',
  'r_perc',
  'gl_var',
  'rl_var',
  'rl_entr',
].map((t) => `rlm_${t}`);
const CODES = [
  '22OV',
  'W4KF',
  'V3SW',
  'G3QZ',
  'HTZT',
  'GD3A',
  'IVPO',
  '3KUM',
  'R5YN',
  'OVBL',
  'W92Y',
  'IC23',
  '9ZK5',
  '8CE5',
  'SXLW',
  'HJ9O',
];
const BASE = sizeFeatures(
  {
    small: 'short_runs',
    large: 'long_runs',
    smallCombo: 'short_run',
    largeCombo: 'long_run',
    unit: 'run',
    nu: 'run_length',
    perc: 'run',
    var: 'run_length',
    entr: 'run',
  },
  CODES,
  TAGS,
);

/**
 * Grey level run length matrix features (IBSI family TP0I) for one 2D image: BTW3 = mean over
 * the 4 directions, SUJT = features of the summed matrix (run percentage uses 4 N_v).
 * i = grey level, j = run length (pixels).
 */
export const glrlmFamily: FamilyDef<GlrlmContext> = {
  family: 'glrlm',
  ibsiFamily: 'TP0I',
  title: 'Grey level run length matrix',
  prepare: prepareGlrlm,
  features: BASE.flatMap(([name, ibsi, tag, doc, f]): FeatureDef<GlrlmContext>[] => [
    {
      id: `glrlm.${name}.BTW3`,
      family: 'glrlm',
      name,
      ibsi,
      aggregation: 'BTW3',
      compute: (c) => meanOf(c.perDirection, f),
      doc,
      reference: `${tag}_2D_avg`,
    },
    {
      id: `glrlm.${name}.SUJT`,
      family: 'glrlm',
      name,
      ibsi,
      aggregation: 'SUJT',
      compute: (c) => f(c.merged),
      doc,
      reference: `${tag}_2D_comb`,
    },
  ]),
};
