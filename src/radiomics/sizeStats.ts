import type { SparseMatrix } from './glcm/matrix.js';
import { plog2p, ratio } from './math.js';

/**
 * Sums shared by the run-length (GLRLM), size-zone (GLSZM), distance-zone (GLDZM) and
 * dependence (NGLDM) matrices: a count matrix m_ij with grey level i and "size" j (run length,
 * zone size, zone distance or dependence count), N_s = Σ m_ij and N_v pixels (IBSI 3.7–3.11).
 */
export interface SizeStats {
  defined: boolean;
  ns: number;
  nv: number;
  /** Σ m/j² / N_s */ smallEmph: number;
  /** Σ m j² / N_s */ largeEmph: number;
  /** Σ m/i² / N_s */ lowGrey: number;
  /** Σ m i² / N_s */ highGrey: number;
  /** Σ m/(i² j²) / N_s */ smallLow: number;
  /** Σ m i²/j² / N_s */ smallHigh: number;
  /** Σ m j²/i² / N_s */ largeLow: number;
  /** Σ m i² j² / N_s */ largeHigh: number;
  /** Σ_i (Σ_j m_ij)² / N_s */ glnu: number;
  /** Σ_j (Σ_i m_ij)² / N_s */ sznu: number;
  /** Σ (i − μ_i)² p_ij with p = m / N_s */ glVar: number;
  /** Σ (j − μ_j)² p_ij */ szVar: number;
  /** −Σ p_ij log2 p_ij */ entropy: number;
  /** Σ p_ij² */ energy: number;
}

/**
 * Computes {@link SizeStats} of a sparse matrix (i = level, j = size, both ≥ 1) for a ROI of
 * `nv` pixels.
 */
export function sizeStats(m: SparseMatrix, nv: number): SizeStats {
  const ns = m.total;
  let maxI = 0;
  let maxJ = 0;
  for (let k = 0; k < m.n; k++) {
    if (m.i[k]! > maxI) maxI = m.i[k]!;
    if (m.j[k]! > maxJ) maxJ = m.j[k]!;
  }
  const ri = new Float64Array(maxI + 1);
  const rj = new Float64Array(maxJ + 1);
  let se = 0,
    le = 0,
    lg = 0,
    hg = 0,
    sl = 0,
    sh = 0,
    ll = 0,
    lh = 0,
    mi = 0,
    mj = 0,
    entropy = 0,
    energy = 0;
  for (let k = 0; k < m.n; k++) {
    const i = m.i[k]!;
    const j = m.j[k]!;
    const v = m.v[k]!;
    const i2 = i * i;
    const j2 = j * j;
    se += v / j2;
    le += v * j2;
    lg += v / i2;
    hg += v * i2;
    sl += v / (i2 * j2);
    sh += (v * i2) / j2;
    ll += (v * j2) / i2;
    lh += v * i2 * j2;
    ri[i]! += v;
    rj[j]! += v;
    const p = v / ns;
    mi += i * p;
    mj += j * p;
    entropy -= plog2p(p);
    energy += p * p;
  }
  let glnu = 0;
  let sznu = 0;
  for (let i = 0; i <= maxI; i++) glnu += ri[i]! * ri[i]!;
  for (let j = 0; j <= maxJ; j++) sznu += rj[j]! * rj[j]!;
  let glVar = 0;
  let szVar = 0;
  for (let k = 0; k < m.n; k++) {
    const p = m.v[k]! / ns;
    glVar += (m.i[k]! - mi) ** 2 * p;
    szVar += (m.j[k]! - mj) ** 2 * p;
  }
  return {
    defined: ns > 0,
    ns,
    nv,
    smallEmph: ratio(se, ns),
    largeEmph: ratio(le, ns),
    lowGrey: ratio(lg, ns),
    highGrey: ratio(hg, ns),
    smallLow: ratio(sl, ns),
    smallHigh: ratio(sh, ns),
    largeLow: ratio(ll, ns),
    largeHigh: ratio(lh, ns),
    glnu: ratio(glnu, ns),
    sznu: ratio(sznu, ns),
    glVar,
    szVar,
    entropy,
    energy,
  };
}

/** Generic size-matrix feature: name suffix, formula and accessor. */
export type SizeFeature = [name: string, ibsi: string, tag: string, doc: string, f: (s: SizeStats) => number];

/**
 * The 16 features shared by GLRLM, GLSZM and GLDZM, in IBSI order, named as IBSI names them
 * (snake_case) from the family's words for "size" (run/zone/distance), with codes and tags.
 */
export function sizeFeatures(
  words: {
    small: string;
    large: string;
    smallCombo: string;
    largeCombo: string;
    unit: string;
    nu: string;
    perc: string;
    var: string;
    entr: string;
  },
  codes: string[],
  tags: string[],
): SizeFeature[] {
  const d: [string, string, (s: SizeStats) => number][] = [
    [`${words.small}_emphasis`, 'Σ m_ij / j² / N_s', (s) => s.smallEmph],
    [`${words.large}_emphasis`, 'Σ m_ij j² / N_s', (s) => s.largeEmph],
    [`low_grey_level_${words.unit}_emphasis`, 'Σ m_ij / i² / N_s', (s) => s.lowGrey],
    [`high_grey_level_${words.unit}_emphasis`, 'Σ m_ij i² / N_s', (s) => s.highGrey],
    [`${words.smallCombo}_low_grey_level_emphasis`, 'Σ m_ij / (i² j²) / N_s', (s) => s.smallLow],
    [`${words.smallCombo}_high_grey_level_emphasis`, 'Σ m_ij i² / j² / N_s', (s) => s.smallHigh],
    [`${words.largeCombo}_low_grey_level_emphasis`, 'Σ m_ij j² / i² / N_s', (s) => s.largeLow],
    [`${words.largeCombo}_high_grey_level_emphasis`, 'Σ m_ij i² j² / N_s', (s) => s.largeHigh],
    ['grey_level_non_uniformity', 'Σ_i (Σ_j m_ij)² / N_s', (s) => s.glnu],
    ['normalised_grey_level_non_uniformity', 'Σ_i (Σ_j m_ij)² / N_s²', (s) => ratio(s.glnu, s.ns)],
    [`${words.nu}_non_uniformity`, 'Σ_j (Σ_i m_ij)² / N_s', (s) => s.sznu],
    [`normalised_${words.nu}_non_uniformity`, 'Σ_j (Σ_i m_ij)² / N_s²', (s) => ratio(s.sznu, s.ns)],
    [`${words.perc}_percentage`, 'N_s / N_v', (s) => ratio(s.ns, s.nv)],
    ['grey_level_variance', 'Σ (i − μ_i)² p_ij, p = m / N_s', (s) => s.glVar],
    [`${words.var}_variance`, 'Σ (j − μ_j)² p_ij', (s) => s.szVar],
    [`${words.entr}_entropy`, '−Σ p_ij log2 p_ij', (s) => s.entropy],
  ];
  return d.map(([name, doc, f], k) => [name, codes[k]!, tags[k]!, doc, (s: SizeStats) => (s.defined ? f(s) : Number.NaN)]);
}
