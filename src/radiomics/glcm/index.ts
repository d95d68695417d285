import type { FamilyDef, FeatureDef, RoiImage } from '../types.js';
import { meanOf, ratio } from '../math.js';
import { glcmMatrices } from './cooccurrence.js';
import { createGlcmScratch, glcmStats, type GlcmScratch, type GlcmStats } from './stats.js';
import { accumulatorFor, sumSparse } from './matrix.js';

const scratches = new WeakMap<object, GlcmScratch>();
function scratchFor(workspace: object | undefined, ng: number): GlcmScratch | undefined {
  if (workspace === undefined) return undefined;
  let s = scratches.get(workspace);
  if (!s || s.px.length !== ng + 1) {
    s = createGlcmScratch(ng);
    scratches.set(workspace, s);
  }
  return s;
}

/** Context of the GLCM family: statistics per direction and of the direction-merged matrix. */
export interface GlcmContext {
  perDirection: GlcmStats[];
  merged: GlcmStats;
}

/**
 * Builds the 4 directional symmetric GLCMs (δ = 1); the per-direction statistics and those of
 * the summed matrix are computed on first use (feature maps often need only one of them).
 */
function prepareGlcm(roi: RoiImage): GlcmContext {
  const acc = accumulatorFor(roi.workspace, 'glcm', roi.ng, roi.ng);
  const mats = glcmMatrices(roi.levels, roi.width, roi.height, roi.ng, 1, acc);
  const scratch = scratchFor(roi.workspace, roi.ng);
  let per: GlcmStats[] | undefined;
  let merged: GlcmStats | undefined;
  return {
    get perDirection(): GlcmStats[] {
      per ??= mats.filter((m) => m.n > 0).map((m) => glcmStats(m, roi.ng, scratch));
      return per;
    },
    get merged(): GlcmStats {
      merged ??= glcmStats(sumSparse(mats, roi.ng, roi.ng, roi.workspace), roi.ng, scratch);
      return merged;
    },
  };
}

/** The single-matrix GLCM feature functions (IBSI 3.6.1–3.6.25), by name. */
const GLCM_BASE: [name: string, ibsi: string, tag: string, doc: string, f: (s: GlcmStats) => number][] = [
  ['joint_maximum', 'GYBY', 'cm_joint_max', 'max p_ij', (s) => s.jointMax],
  ['joint_average', '60VM', 'cm_joint_avg', 'μ = Σ i p_ij', (s) => s.jointAvg],
  ['joint_variance', 'UR99', 'cm_joint_var', 'Σ (i − μ)² p_ij', (s) => s.jointVar],
  ['joint_entropy', 'TU9B', 'cm_joint_entr', '−Σ p_ij log2 p_ij', (s) => s.jointEntropy],
  ['difference_average', 'TF7R', 'cm_diff_avg', 'μ_d = Σ k p_{x−y}(k), k = |i − j|', (s) => s.diffAvg],
  ['difference_variance', 'D3YU', 'cm_diff_var', 'Σ (k − μ_d)² p_{x−y}(k)', (s) => s.diffVar],
  ['difference_entropy', 'NTRS', 'cm_diff_entr', '−Σ p_{x−y}(k) log2 p_{x−y}(k)', (s) => s.diffEntropy],
  ['sum_average', 'ZGXS', 'cm_sum_avg', 'μ_s = Σ k p_{x+y}(k), k = i + j', (s) => s.sumAvg],
  ['sum_variance', 'OEEB', 'cm_sum_var', 'Σ (k − μ_s)² p_{x+y}(k)', (s) => s.sumVar],
  ['sum_entropy', 'P6QZ', 'cm_sum_entr', '−Σ p_{x+y}(k) log2 p_{x+y}(k)', (s) => s.sumEntropy],
  ['angular_second_moment', '8ZQL', 'cm_energy', 'Σ p_ij²', (s) => s.energy],
  ['contrast', 'ACUI', 'cm_contrast', 'Σ (i − j)² p_ij', (s) => s.contrast],
  ['dissimilarity', '8S9J', 'cm_dissimilarity', 'Σ |i − j| p_ij', (s) => s.dissimilarity],
  ['inverse_difference', 'IB1Z', 'cm_inv_diff', 'Σ p_ij / (1 + |i − j|)', (s) => s.invDiff],
  ['normalised_inverse_difference', 'NDRX', 'cm_inv_diff_norm', 'Σ p_ij / (1 + |i − j| / N_g)', (s) => s.invDiffNorm],
  ['inverse_difference_moment', 'WF0Z', 'cm_inv_diff_mom', 'Σ p_ij / (1 + (i − j)²)', (s) => s.invDiffMom],
  ['normalised_inverse_difference_moment', '1QCO', 'cm_inv_diff_mom_norm', 'Σ p_ij / (1 + (i − j)² / N_g²)', (s) => s.invDiffMomNorm],
  ['inverse_variance', 'E8JP', 'cm_inv_var', 'Σ_{i≠j} p_ij / (i − j)²', (s) => s.invVar],
  [
    'correlation',
    'NI2N',
    'cm_corr',
    'Σ (i − μ_i)(j − μ_j) p_ij / (σ_i σ_j); NaN for a single level',
    (s) => ratio(s.covariance, s.sdProduct),
  ],
  ['autocorrelation', 'QWB0', 'cm_auto_corr', 'Σ i j p_ij', (s) => s.autoCorr],
  ['cluster_tendency', 'DG8W', 'cm_clust_tend', 'Σ (i + j − μ_i − μ_j)² p_ij', (s) => s.clusterTend],
  ['cluster_shade', '7NFM', 'cm_clust_shade', 'Σ (i + j − μ_i − μ_j)³ p_ij', (s) => s.clusterShade],
  ['cluster_prominence', 'AE86', 'cm_clust_prom', 'Σ (i + j − μ_i − μ_j)⁴ p_ij', (s) => s.clusterProm],
  [
    'information_correlation_1',
    'R8DG',
    'cm_info_corr1',
    '(HXY − HXY1) / max(HX, HY), HXY1 = −Σ p_ij log2(p_i p_j) = HX + HY; NaN for a single level',
    (s) => ratio(s.jointEntropy - (s.hx + s.hy), Math.max(s.hx, s.hy)),
  ],
  [
    'information_correlation_2',
    'JN9H',
    'cm_info_corr2',
    'sqrt(1 − exp(−2 (HXY2 − HXY))), HXY2 = −Σ p_i p_j log2(p_i p_j) = HX + HY',
    (s) => Math.sqrt(Math.max(0, 1 - Math.exp(-2 * (s.hx + s.hy - s.jointEntropy)))),
  ],
];

const undef =
  (f: (s: GlcmStats) => number) =>
  (s: GlcmStats): number =>
    s.defined ? f(s) : Number.NaN;

/**
 * Grey level co-occurrence matrix features (IBSI family LFYI), symmetric, Chebyshev distance 1,
 * for one 2D image: BTW3 = mean over the 4 directional matrices (directions without pairs and
 * NaN values are skipped), SUJT = features of the summed matrix.
 */
export const glcmFamily: FamilyDef<GlcmContext> = {
  family: 'glcm',
  ibsiFamily: 'LFYI',
  title: 'Grey level co-occurrence matrix',
  prepare: prepareGlcm,
  features: GLCM_BASE.flatMap(([name, ibsi, tag, doc, f]): FeatureDef<GlcmContext>[] => [
    {
      id: `glcm.${name}.BTW3`,
      family: 'glcm',
      name,
      ibsi,
      aggregation: 'BTW3',
      compute: (c) => meanOf(c.perDirection, undef(f)),
      doc,
      reference: `${tag}_2D_avg`,
    },
    {
      id: `glcm.${name}.SUJT`,
      family: 'glcm',
      name,
      ibsi,
      aggregation: 'SUJT',
      compute: (c) => undef(f)(c.merged),
      doc,
      reference: `${tag}_2D_comb`,
    },
  ]),
};
