import type { FamilyDef, FeatureDef, RoiImage } from '../types.js';
import { paddedRoi } from '../padded.js';
import { accumulatorFor } from '../glcm/matrix.js';
import { sizeStats, type SizeStats } from '../sizeStats.js';
import { countRoi } from '../glrlm/index.js';
import { ratio } from '../math.js';

/**
 * Builds the 2D neighbouring grey level dependence matrix (IBSI 3.11) with Chebyshev distance 1
 * and coarseness α = 0: for each ROI pixel of level i, j = 1 + the number of ROI neighbours
 * with the same level; s_ij counts pixels. N_s = N_v.
 */
function prepareNgldm(roi: RoiImage): SizeStats {
  const { ng } = roi;
  const { p, pw, ph, offsets8 } = paddedRoi(roi);
  const acc = accumulatorFor(roi.workspace, 'ngldm', ng, 9);
  for (let r = 1; r < ph - 1; r++) {
    for (let q = r * pw + 1, end = r * pw + pw - 1; q < end; q++) {
      const l = p[q]!;
      if (l === 0) continue;
      let j = 1;
      for (let k = 0; k < 8; k++) if (p[q + offsets8[k]!] === l) j++;
      acc.add(l, j);
    }
  }
  return sizeStats(acc.take(), countRoi(roi.levels));
}

const d =
  (f: (s: SizeStats) => number) =>
  (s: SizeStats): number =>
    s.defined ? f(s) : Number.NaN;

const DEFS: [string, string, string, string, (s: SizeStats) => number][] = [
  ['low_dependence_emphasis', 'SODN', 'ngl_lde_2D', 'Σ s_ij / j² / N_s', (s) => s.smallEmph],
  ['high_dependence_emphasis', 'IMOQ', 'ngl_hde_2D', 'Σ s_ij j² / N_s', (s) => s.largeEmph],
  ['low_grey_level_count_emphasis', 'TL9H', 'ngl_lgce_2D', 'Σ s_ij / i² / N_s', (s) => s.lowGrey],
  ['high_grey_level_count_emphasis', 'OAE7', 'ngl_hgce_2D', 'Σ s_ij i² / N_s', (s) => s.highGrey],
  ['low_dependence_low_grey_level_emphasis', 'EQ3F', 'ngl_ldlge_2D', 'Σ s_ij / (i² j²) / N_s', (s) => s.smallLow],
  ['low_dependence_high_grey_level_emphasis', 'JA6D', 'ngl_ldhge_2D', 'Σ s_ij i² / j² / N_s', (s) => s.smallHigh],
  ['high_dependence_low_grey_level_emphasis', 'NBZI', 'ngl_hdlge_2D', 'Σ s_ij j² / i² / N_s', (s) => s.largeLow],
  ['high_dependence_high_grey_level_emphasis', '9QMG', 'ngl_hdhge_2D', 'Σ s_ij i² j² / N_s', (s) => s.largeHigh],
  ['grey_level_non_uniformity', 'FP8K', 'ngl_glnu_2D', 'Σ_i (Σ_j s_ij)² / N_s', (s) => s.glnu],
  ['normalised_grey_level_non_uniformity', '5SPA', 'ngl_glnu_norm_2D', 'Σ_i (Σ_j s_ij)² / N_s²', (s) => ratio(s.glnu, s.ns)],
  ['dependence_count_non_uniformity', 'Z87G', 'ngl_dcnu_2D', 'Σ_j (Σ_i s_ij)² / N_s', (s) => s.sznu],
  ['normalised_dependence_count_non_uniformity', 'OKJI', 'ngl_dcnu_norm_2D', 'Σ_j (Σ_i s_ij)² / N_s²', (s) => ratio(s.sznu, s.ns)],
  ['dependence_count_percentage', '6XV8', 'ngl_dc_perc_2D', 'N_s / N_v (1 when every pixel is counted)', (s) => ratio(s.ns, s.nv)],
  ['grey_level_variance', '1PFV', 'ngl_gl_var_2D', 'Σ (i − μ_i)² p_ij, p = s / N_s', (s) => s.glVar],
  ['dependence_count_variance', 'DNX2', 'ngl_dc_var_2D', 'Σ (j − μ_j)² p_ij', (s) => s.szVar],
  ['dependence_count_entropy', 'FCBV', 'ngl_dc_entr_2D', '−Σ p_ij log2 p_ij', (s) => s.entropy],
  ['dependence_count_energy', 'CAS9', 'ngl_dc_energy_2D', 'Σ p_ij²', (s) => s.energy],
];

/** Neighbouring grey level dependence matrix features (IBSI family REK0), one 2D matrix (8QNN). */
export const ngldmFamily: FamilyDef<SizeStats> = {
  family: 'ngldm',
  ibsiFamily: 'REK0',
  title: 'Neighbouring grey level dependence matrix',
  prepare: prepareNgldm,
  features: DEFS.map(([name, ibsi, tag, doc, f]): FeatureDef<SizeStats> => ({
    id: `ngldm.${name}`,
    family: 'ngldm',
    name,
    ibsi,
    aggregation: '8QNN',
    compute: d(f),
    doc,
    reference: tag,
  })),
};
