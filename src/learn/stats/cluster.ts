/**
 * Cluster-robust ("sandwich by subject") covariance for rows that come in correlated groups —
 * two eyes or several visits of one participant. With score contributions sᵢ = xᵢ·wᵢ
 * (OLS: wᵢ = eᵢ; logistic: wᵢ = yᵢ − πᵢ) and per-cluster sums u_g = Σ_{i∈g} sᵢ:
 *
 *   V = c · B (Σ_g u_g u_gᵀ) B,  c = G/(G−1) · (n−1)/(n−p),
 *
 * B = (XᵀX)⁻¹ (OLS) or the inverse information (logistic); c is the small-sample correction of
 * statsmodels `cov_type='cluster'` (`use_correction=True`, as Stata's `vce(cluster)`).
 * Liang & Zeger 1986, doi:10.1093/biomet/73.1.13; Cameron & Miller 2015, doi:10.3368/jhr.50.2.317.
 */
import { VesselprintError } from '../../core/errors.js';
import type { Cell } from '../types.js';
import { sandwichProduct } from '../linalg.js';

/** Dense 0-based cluster index of each row and the number of clusters. */
export interface ClusterIndex {
  index: Int32Array;
  nClusters: number;
  /** Label of each cluster (first-seen order). */
  labels: string[];
}

/**
 * Maps cluster labels (subject ids) to 0…G−1 in first-seen order.
 * @throws VesselprintError BAD_ARGUMENT when a label is missing.
 * @example clusterIndex(['s1', 's1', 's2']) // { index: [0, 0, 1], nClusters: 2, labels: ['s1', 's2'] }
 */
export function clusterIndex(groups: readonly Cell[]): ClusterIndex {
  const map = new Map<string, number>();
  const index = new Int32Array(groups.length);
  groups.forEach((g, i) => {
    if (g === null || g === undefined || g === '' || (typeof g === 'number' && Number.isNaN(g))) {
      throw new VesselprintError('BAD_ARGUMENT', `cluster id is missing at row ${i + 1}`, { row: i + 1, field: 'cluster' });
    }
    const k = String(g);
    let c = map.get(k);
    if (c === undefined) {
      c = map.size;
      map.set(k, c);
    }
    index[i] = c;
  });
  return { index, nClusters: map.size, labels: [...map.keys()] };
}

/** Σ_g u_g u_gᵀ with u_g = Σ_{i∈g} xᵢ wᵢ (row-major n×p X); returns p×p. */
export function clusterMeat(x: Float64Array, n: number, p: number, w: Float64Array, clusters: ClusterIndex): Float64Array {
  const u = new Float64Array(clusters.nClusters * p);
  for (let i = 0; i < n; i++) {
    const g = clusters.index[i]!,
      wi = w[i]!;
    for (let j = 0; j < p; j++) u[g * p + j] += x[i * p + j]! * wi;
  }
  const meat = new Float64Array(p * p);
  for (let g = 0; g < clusters.nClusters; g++) {
    for (let a = 0; a < p; a++) {
      const ua = u[g * p + a]!;
      if (ua === 0) continue;
      for (let b = 0; b < p; b++) meat[a * p + b] += ua * u[g * p + b]!;
    }
  }
  return meat;
}

/**
 * Cluster-robust covariance c · B (Σ_g u_g u_gᵀ) B with the statsmodels/Stata correction.
 * @throws VesselprintError BAD_ARGUMENT with fewer than 2 clusters.
 */
export function clusterCovariance(
  x: Float64Array,
  n: number,
  p: number,
  bread: Float64Array,
  w: Float64Array,
  clusters: ClusterIndex,
): Float64Array {
  const g = clusters.nClusters;
  if (g < 2) throw new VesselprintError('BAD_ARGUMENT', `cluster-robust SE need ≥ 2 clusters, got ${g}`, { field: 'cluster' });
  const c = (g / (g - 1)) * ((n - 1) / (n - p));
  return sandwichProduct(bread, clusterMeat(x, n, p, w, clusters), p).map((v) => v * c);
}
