/**
 * Percentile bootstrap confidence interval of the AUC, resampling positives and negatives
 * separately (stratified, as pROC's default), with a seeded generator.
 * (Efron & Tibshirani 1993, ch. 13; Carpenter & Bithell 2000, doi:10.1002/(SICI)1097-0258(20000515)19:9<1141::AID-SIM479>3.0.CO;2-F)
 */
import { createRng } from '../../core/rng.js';
import { checkBinary } from './checks.js';
import { rocAuc } from './ranking.js';
import { quantileSorted } from '../../core/quantile.js';

export interface BootstrapOptions {
  /** Number of resamples. Default 2000. */
  nBoot?: number;
  /** Confidence level. Default 0.95. */
  level?: number;
  /** Seed of the resampling. Default 0. */
  seed?: number;
}

export interface BootstrapCi {
  estimate: number;
  ciLow: number;
  ciHigh: number;
  level: number;
  nBoot: number;
  /** Bootstrap standard deviation of the statistic. */
  se: number;
}

/**
 * Stratified percentile bootstrap CI of the ROC AUC (type-7 quantiles of the resampled AUCs).
 * @example aucBootstrapCi(y, score, { nBoot: 1000, seed: 1 }) // { estimate, ciLow, ciHigh, … }
 */
export function aucBootstrapCi(y: ArrayLike<number>, score: ArrayLike<number>, options: BootstrapOptions = {}): BootstrapCi {
  const nBoot = options.nBoot ?? 2000,
    level = options.level ?? 0.95;
  checkBinary(y, score, 'aucBootstrapCi');
  const rng = createRng(options.seed ?? 0);
  const pos: number[] = [],
    neg: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] === 1 ? pos : neg).push(i);
  const n = pos.length + neg.length;
  const yb = new Float64Array(n),
    sb = new Float64Array(n);
  yb.fill(1, 0, pos.length);
  const stats = new Float64Array(nBoot);
  for (let b = 0; b < nBoot; b++) {
    for (let i = 0; i < pos.length; i++) sb[i] = score[pos[rng.int(0, pos.length - 1)]!]!;
    for (let j = 0; j < neg.length; j++) sb[pos.length + j] = score[neg[rng.int(0, neg.length - 1)]!]!;
    stats[b] = rocAuc(yb, sb);
  }
  const sorted = Array.from(stats).sort((a, b) => a - b);
  let m = 0;
  for (const v of sorted) m += v;
  m /= nBoot;
  let s = 0;
  for (const v of sorted) s += (v - m) ** 2;
  const a = (1 - level) / 2;
  return {
    estimate: rocAuc(y, score),
    ciLow: quantileSorted(sorted, a),
    ciHigh: quantileSorted(sorted, 1 - a),
    level,
    nBoot,
    se: Math.sqrt(s / (nBoot - 1)),
  };
}
