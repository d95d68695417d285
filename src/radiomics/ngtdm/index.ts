import type { FamilyDef, FeatureDef, RoiImage } from '../types.js';
import { paddedRoi } from '../padded.js';
import { ratio } from '../math.js';

/** The neighbourhood grey tone difference matrix: s_i and n_i per level (IBSI 3.10). */
export interface NgtdmContext {
  ng: number;
  /** s[i] = Σ |i − Ā| over pixels of level i that have at least one ROI neighbour. */
  s: Float64Array;
  /** n[i] = number of such pixels of level i. */
  n: Float64Array;
  /** N_v,c = Σ n_i. */
  nvc: number;
}

/**
 * Builds the 2D NGTDM with Chebyshev distance 1: Ā is the mean level of the ROI pixels among
 * the 8 neighbours (the centre excluded); a pixel without ROI neighbours is not counted.
 */
function prepareNgtdm(roi: RoiImage): NgtdmContext {
  const { ng } = roi;
  const { p, pw, ph, offsets8 } = paddedRoi(roi);
  const s = new Float64Array(ng + 1);
  const n = new Float64Array(ng + 1);
  let nvc = 0;
  for (let r = 1; r < ph - 1; r++) {
    for (let q = r * pw + 1, end = r * pw + pw - 1; q < end; q++) {
      const l = p[q]!;
      if (l === 0) continue;
      let sum = 0;
      let cnt = 0;
      for (let k = 0; k < 8; k++) {
        const t = p[q + offsets8[k]!]!;
        if (t === 0) continue;
        sum += t;
        cnt++;
      }
      if (cnt === 0) continue;
      s[l]! += Math.abs(l - sum / cnt);
      n[l]! += 1;
      nvc++;
    }
  }
  return { ng, s, n, nvc };
}

/** Levels with p_i > 0 and their p_i, s_i. */
function present(c: NgtdmContext): { i: number[]; p: number[]; s: number[] } {
  const i: number[] = [];
  const p: number[] = [];
  const s: number[] = [];
  for (let k = 1; k <= c.ng; k++) {
    if (c.n[k]! > 0) {
      i.push(k);
      p.push(c.n[k]! / c.nvc);
      s.push(c.s[k]!);
    }
  }
  return { i, p, s };
}

/** Coarseness (QCDE): 1 / Σ p_i s_i; 10⁶ when Σ p_i s_i = 0 (IBSI convention). */
function ngtdmCoarseness(c: NgtdmContext): number {
  if (c.nvc === 0) return Number.NaN;
  const { p, s } = present(c);
  let d = 0;
  for (let k = 0; k < p.length; k++) d += p[k]! * s[k]!;
  return d === 0 ? 1e6 : 1 / d;
}

/** Contrast (65HE): [Σ_i Σ_j p_i p_j (i − j)² / (N_gp (N_gp − 1))] · Σ s_i / N_vc. */
function ngtdmContrast(c: NgtdmContext): number {
  if (c.nvc === 0) return Number.NaN;
  const { i, p, s } = present(c);
  const ngp = i.length;
  let a = 0;
  for (let x = 0; x < ngp; x++) for (let y = 0; y < ngp; y++) a += p[x]! * p[y]! * (i[x]! - i[y]!) ** 2;
  let ss = 0;
  for (const v of s) ss += v;
  return ratio(a, ngp * (ngp - 1)) * (ss / c.nvc);
}

/** Busyness (NQ30): Σ p_i s_i / Σ_i Σ_j |i p_i − j p_j| (levels present); NaN for a single level. */
function ngtdmBusyness(c: NgtdmContext): number {
  if (c.nvc === 0) return Number.NaN;
  const { i, p, s } = present(c);
  let num = 0;
  for (let k = 0; k < p.length; k++) num += p[k]! * s[k]!;
  let den = 0;
  for (let x = 0; x < i.length; x++) for (let y = 0; y < i.length; y++) den += Math.abs(i[x]! * p[x]! - i[y]! * p[y]!);
  return ratio(num, den);
}

/** Complexity (HDEZ): Σ_i Σ_j |i − j| (p_i s_i + p_j s_j) / (p_i + p_j) / N_vc. */
function ngtdmComplexity(c: NgtdmContext): number {
  if (c.nvc === 0) return Number.NaN;
  const { i, p, s } = present(c);
  let a = 0;
  for (let x = 0; x < i.length; x++) {
    for (let y = 0; y < i.length; y++) a += (Math.abs(i[x]! - i[y]!) * (p[x]! * s[x]! + p[y]! * s[y]!)) / (p[x]! + p[y]!);
  }
  return a / c.nvc;
}

/** Strength (1X9X): Σ_i Σ_j (p_i + p_j)(i − j)² / Σ s_i; 0 when Σ s_i = 0 (IBSI convention). */
function ngtdmStrength(c: NgtdmContext): number {
  if (c.nvc === 0) return Number.NaN;
  const { i, p, s } = present(c);
  let a = 0;
  for (let x = 0; x < i.length; x++) for (let y = 0; y < i.length; y++) a += (p[x]! + p[y]!) * (i[x]! - i[y]!) ** 2;
  let ss = 0;
  for (const v of s) ss += v;
  return ss === 0 ? 0 : a / ss;
}

const DEFS: [string, string, string, string, (c: NgtdmContext) => number][] = [
  ['coarseness', 'QCDE', 'ngt_coarseness_2D', '1 / Σ p_i s_i (10⁶ if the sum is 0)', ngtdmCoarseness],
  ['contrast', '65HE', 'ngt_contrast_2D', 'Σ_i Σ_j p_i p_j (i − j)² / (N_gp (N_gp − 1)) × Σ s_i / N_vc', ngtdmContrast],
  ['busyness', 'NQ30', 'ngt_busyness_2D', 'Σ p_i s_i / Σ_i Σ_j |i p_i − j p_j|', ngtdmBusyness],
  ['complexity', 'HDEZ', 'ngt_complexity_2D', 'Σ_i Σ_j |i − j| (p_i s_i + p_j s_j)/(p_i + p_j) / N_vc', ngtdmComplexity],
  ['strength', '1X9X', 'ngt_strength_2D', 'Σ_i Σ_j (p_i + p_j)(i − j)² / Σ s_i (0 if Σ s_i = 0)', ngtdmStrength],
];

/** Neighbourhood grey tone difference matrix features (IBSI family IPET), one 2D matrix (8QNN). */
export const ngtdmFamily: FamilyDef<NgtdmContext> = {
  family: 'ngtdm',
  ibsiFamily: 'IPET',
  title: 'Neighbourhood grey tone difference matrix',
  prepare: prepareNgtdm,
  features: DEFS.map(([name, ibsi, tag, doc, f]): FeatureDef<NgtdmContext> => ({
    id: `ngtdm.${name}`,
    family: 'ngtdm',
    name,
    ibsi,
    aggregation: '8QNN',
    compute: f,
    doc,
    reference: tag,
  })),
};
