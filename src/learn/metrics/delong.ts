/**
 * DeLong's nonparametric variance of one or more correlated AUCs, its confidence interval, and
 * the test of two AUCs measured on the same subjects (DeLong, DeLong & Clarke-Pearson 1988,
 * doi:10.2307/2531595), computed with midranks in O(n log n) (Sun & Xu 2014,
 * doi:10.1109/LSP.2014.2337313).
 *
 * Structural components: V₁₀(xᵢ) = (1/n₋) Σⱼ ψ(xᵢ, yⱼ) over negatives yⱼ for each positive xᵢ,
 * V₀₁(yⱼ) = (1/n₊) Σᵢ ψ(xᵢ, yⱼ), ψ = 1 if x > y, ½ if equal, 0 otherwise.
 * S = S₁₀/n₊ + S₀₁/n₋ with S₁₀, S₀₁ the sample covariance matrices (n−1) of the components.
 */
import { checkBinary } from './checks.js';
import { midranks } from './midranks.js';
import { VesselprintError } from '../../core/errors.js';
import { pNormal2, zQuantile } from '../stats/distributions.js';

export interface DelongComponents {
  auc: number[];
  /** Covariance matrix of the AUCs (k×k, row-major). */
  cov: number[];
  nPos: number;
  nNeg: number;
}

/** AUCs and DeLong covariance of k score vectors over the same labels. */
export function delongCovariance(y: ArrayLike<number>, scores: readonly ArrayLike<number>[]): DelongComponents {
  const k = scores.length;
  let nPos = 0,
    nNeg = 0;
  for (const s of scores) ({ nPos, nNeg } = checkBinary(y, s, 'delong'));
  const pos: number[] = [],
    neg: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] === 1 ? pos : neg).push(i);
  const v10: Float64Array[] = [],
    v01: Float64Array[] = [],
    auc: number[] = [];
  for (const s of scores) {
    const xs = pos.map((i) => s[i]!),
      ys = neg.map((i) => s[i]!);
    const tx = midranks(xs),
      ty = midranks(ys),
      tz = midranks([...xs, ...ys]);
    const a = new Float64Array(nPos),
      b = new Float64Array(nNeg);
    let sum = 0;
    // V10 for positive i = (Tz_i − Tx_i)/n₋ ; V01 for negative j = 1 − (Tz_{n₊+j} − Ty_j)/n₊
    for (let i = 0; i < nPos; i++) {
      a[i] = (tz[i]! - tx[i]!) / nNeg;
      sum += tz[i]!;
    }
    for (let j = 0; j < nNeg; j++) b[j] = 1 - (tz[nPos + j]! - ty[j]!) / nPos;
    auc.push((sum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg));
    v10.push(a);
    v01.push(b);
  }
  const cov = new Array<number>(k * k).fill(0);
  const sampleCov = (u: Float64Array, v: Float64Array, mu: number, mv: number): number => {
    let s = 0;
    for (let i = 0; i < u.length; i++) s += (u[i]! - mu) * (v[i]! - mv);
    return s / (u.length - 1);
  };
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++) {
      cov[r * k + c] =
        (nPos > 1 ? sampleCov(v10[r]!, v10[c]!, auc[r]!, auc[c]!) / nPos : 0) +
        (nNeg > 1 ? sampleCov(v01[r]!, v01[c]!, auc[r]!, auc[c]!) / nNeg : 0);
    }
  return { auc, cov, nPos, nNeg };
}

export interface AucCi {
  auc: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  level: number;
}

/**
 * AUC with a DeLong Wald confidence interval AUC ± z·SE, clipped to [0, 1] (as pROC does).
 * @example aucDelongCi(y, score).ciLow
 */
export function aucDelongCi(y: ArrayLike<number>, score: ArrayLike<number>, level = 0.95): AucCi {
  const d = delongCovariance(y, [score]);
  const se = Math.sqrt(d.cov[0]!);
  const z = zQuantile(1 - (1 - level) / 2);
  return { auc: d.auc[0]!, se, ciLow: Math.max(0, d.auc[0]! - z * se), ciHigh: Math.min(1, d.auc[0]! + z * se), level };
}

export interface DelongTest {
  auc1: number;
  auc2: number;
  /** auc1 − auc2 and its SE and CI. */
  diff: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  z: number;
  p: number;
}

/**
 * DeLong test of H₀: AUC₁ = AUC₂ for two scores on the same subjects:
 * z = (A₁ − A₂)/√(S₁₁ + S₂₂ − 2S₁₂), two-sided normal p-value.
 * @throws VesselprintError when both scores are identical in ranking (zero variance of the difference).
 * @example delongTest(y, fingerprintPlusCovariates, covariatesOnly).p
 */
export function delongTest(y: ArrayLike<number>, score1: ArrayLike<number>, score2: ArrayLike<number>, level = 0.95): DelongTest {
  const d = delongCovariance(y, [score1, score2]);
  const v = d.cov[0]! + d.cov[3]! - 2 * d.cov[1]!;
  if (!(v > 0))
    throw new VesselprintError(
      'BAD_ARGUMENT',
      'delongTest: the two scores give identical AUC components (variance of the difference is 0)',
    );
  const se = Math.sqrt(v),
    diff = d.auc[0]! - d.auc[1]!,
    zq = zQuantile(1 - (1 - level) / 2);
  const z = diff / se;
  return { auc1: d.auc[0]!, auc2: d.auc[1]!, diff, se, ciLow: diff - zq * se, ciHigh: diff + zq * se, z, p: pNormal2(z) };
}
