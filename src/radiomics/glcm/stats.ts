import type { SparseMatrix } from './matrix.js';

/**
 * Everything the 25 IBSI GLCM features need, read from one normalised co-occurrence matrix
 * p_ij = M_ij / Σ M (IBSI 3.6). Symmetric matrices have identical row and column marginals.
 */
export interface GlcmStats {
  /** False when the matrix has no pairs (every feature is then NaN). */
  defined: boolean;
  ng: number;
  jointMax: number;
  jointAvg: number;
  jointVar: number;
  jointEntropy: number;
  diffAvg: number;
  diffVar: number;
  diffEntropy: number;
  sumAvg: number;
  sumVar: number;
  sumEntropy: number;
  energy: number;
  contrast: number;
  dissimilarity: number;
  invDiff: number;
  invDiffNorm: number;
  invDiffMom: number;
  invDiffMomNorm: number;
  invVar: number;
  /** Σ (i − μ_i)(j − μ_j) p_ij. */
  covariance: number;
  /** σ_i σ_j. */
  sdProduct: number;
  autoCorr: number;
  clusterTend: number;
  clusterShade: number;
  clusterProm: number;
  /** Row-marginal entropy HX (= HY for a symmetric matrix). */
  hx: number;
  hy: number;
}

/** Reusable marginal buffers for {@link glcmStats}. */
export interface GlcmScratch {
  px: Float64Array;
  py: Float64Array;
  pd: Float64Array;
  ps: Float64Array;
}

/** Allocates {@link GlcmScratch} for ng grey levels. */
export function createGlcmScratch(ng: number): GlcmScratch {
  return { px: new Float64Array(ng + 1), py: new Float64Array(ng + 1), pd: new Float64Array(ng), ps: new Float64Array(2 * ng + 1) };
}

/**
 * Computes {@link GlcmStats} from a sparse co-occurrence matrix with grey levels 1..ng.
 * Entropies use log2 (IBSI). Cost O(entries + ng).
 */
export function glcmStats(m: SparseMatrix, ng: number, scratch?: GlcmScratch): GlcmStats {
  const total = m.total;
  const sc = scratch && scratch.px.length === ng + 1 ? scratch : createGlcmScratch(ng);
  const { px, py, pd, ps } = sc;
  px.fill(0);
  py.fill(0);
  pd.fill(0);
  ps.fill(0);
  let jointMax = 0;
  let jointEntropy = 0;
  let energy = 0;
  let contrast = 0;
  let dissimilarity = 0;
  let invDiff = 0;
  let invDiffNorm = 0;
  let invDiffMom = 0;
  let invDiffMomNorm = 0;
  let invVar = 0;
  let autoCorr = 0;
  const inv = 1 / total;
  const ng2 = ng * ng;
  for (let k = 0; k < m.n; k++) {
    const i = m.i[k]!;
    const j = m.j[k]!;
    const p = m.v[k]! * inv;
    px[i]! += p;
    py[j]! += p;
    const d = Math.abs(i - j);
    pd[d]! += p;
    ps[i + j]! += p;
    if (p > jointMax) jointMax = p;
    jointEntropy -= p * Math.log2(p);
    energy += p * p;
    contrast += d * d * p;
    dissimilarity += d * p;
    invDiff += p / (1 + d);
    const d2 = d * d;
    invDiffNorm += (p * ng) / (ng + d);
    invDiffMom += p / (1 + d2);
    invDiffMomNorm += (p * ng2) / (ng2 + d2);
    if (d !== 0) invVar += p / d2;
    autoCorr += i * j * p;
  }
  let mx = 0;
  let my = 0;
  for (let i = 1; i <= ng; i++) {
    mx += i * px[i]!;
    my += i * py[i]!;
  }
  let vx = 0;
  let vy = 0;
  let hx = 0;
  let hy = 0;
  for (let i = 1; i <= ng; i++) {
    vx += (i - mx) ** 2 * px[i]!;
    vy += (i - my) ** 2 * py[i]!;
    if (px[i]! > 0) hx -= px[i]! * Math.log2(px[i]!);
    if (py[i]! > 0) hy -= py[i]! * Math.log2(py[i]!);
  }
  let covariance = 0;
  let jointVar = 0;
  let clusterTend = 0;
  let clusterShade = 0;
  let clusterProm = 0;
  for (let k = 0; k < m.n; k++) {
    const i = m.i[k]!;
    const j = m.j[k]!;
    const p = m.v[k]! / total;
    covariance += (i - mx) * (j - my) * p;
    jointVar += (i - mx) ** 2 * p;
    const t = i + j - mx - my;
    const t2 = t * t;
    clusterTend += t2 * p;
    clusterShade += t2 * t * p;
    clusterProm += t2 * t2 * p;
  }
  let diffAvg = 0;
  let diffEntropy = 0;
  for (let d = 0; d < ng; d++) {
    diffAvg += d * pd[d]!;
    if (pd[d]! > 0) diffEntropy -= pd[d]! * Math.log2(pd[d]!);
  }
  let diffVar = 0;
  for (let d = 0; d < ng; d++) diffVar += (d - diffAvg) ** 2 * pd[d]!;
  let sumAvg = 0;
  let sumEntropy = 0;
  for (let s = 2; s <= 2 * ng; s++) {
    sumAvg += s * ps[s]!;
    if (ps[s]! > 0) sumEntropy -= ps[s]! * Math.log2(ps[s]!);
  }
  let sumVar = 0;
  for (let s = 2; s <= 2 * ng; s++) sumVar += (s - sumAvg) ** 2 * ps[s]!;
  return {
    defined: m.n > 0 && total > 0,
    ng,
    jointMax,
    jointAvg: mx,
    jointVar,
    jointEntropy,
    diffAvg,
    diffVar,
    diffEntropy,
    sumAvg,
    sumVar,
    sumEntropy,
    energy,
    contrast,
    dissimilarity,
    invDiff,
    invDiffNorm,
    invDiffMom,
    invDiffMomNorm,
    invVar,
    covariance,
    sdProduct: Math.sqrt(vx * vy),
    autoCorr,
    clusterTend,
    clusterShade,
    clusterProm,
    hx,
    hy,
  };
}
