/**
 * ROC curve points and a pointwise bootstrap confidence band (vertical averaging at fixed
 * false-positive rates; Fawcett 2006, doi:10.1016/j.patrec.2005.10.010, §8; percentile
 * bootstrap resampling cases stratified by class).
 */
import { VesselprintError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { quantileSorted } from '../core/quantile.js';

export interface RocPoints {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

function check(y: ArrayLike<number>, score: ArrayLike<number>): { nPos: number; nNeg: number } {
  if (y.length !== score.length) throw new VesselprintError('SHAPE_MISMATCH', `rocPoints: ${y.length} outcomes but ${score.length} scores`);
  let nPos = 0,
    nNeg = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) nPos++;
    else if (y[i] === 0) nNeg++;
    else throw new VesselprintError('BAD_ARGUMENT', `rocPoints: outcome must be 0/1, got ${y[i]} at index ${i}`);
    if (!Number.isFinite(score[i]!)) throw new VesselprintError('BAD_ARGUMENT', `rocPoints: score at index ${i} is not finite`);
  }
  if (nPos === 0 || nNeg === 0) throw new VesselprintError('BAD_ARGUMENT', 'rocPoints: need both classes');
  return { nPos, nNeg };
}

/**
 * The ROC curve's corner points (tied scores form one diagonal step), from (0,0) to (1,1).
 * @example rocPoints([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // fpr [0,0,0.5,0.5,1], tpr [0,0.5,0.5,1,1]
 */
export function rocPoints(y: ArrayLike<number>, score: ArrayLike<number>): RocPoints {
  const { nPos, nNeg } = check(y, score);
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[b]! - score[a]!);
  const fpr = [0],
    tpr = [0],
    thresholds = [Infinity];
  let tp = 0,
    fp = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    if (y[i] === 1) tp++;
    else fp++;
    if (k === idx.length - 1 || score[idx[k + 1]!] !== score[i]) {
      fpr.push(fp / nNeg);
      tpr.push(tp / nPos);
      thresholds.push(score[i]!);
    }
  }
  return { fpr, tpr, thresholds };
}

/**
 * TPR of a ROC curve at false-positive rate `f`: the highest TPR among points at exactly `f`
 * (top of a vertical step), else linear interpolation between the neighbouring points.
 * @example tprAt({ fpr: [0, 0, 1], tpr: [0, 0.5, 1], thresholds: [] }, 0.5) // 0.75
 */
export function tprAt(roc: RocPoints, f: number): number {
  let k = 0;
  while (k + 1 < roc.fpr.length && roc.fpr[k + 1]! <= f) k++;
  if (roc.fpr[k] === f || k + 1 === roc.fpr.length) return roc.tpr[k]!;
  const f0 = roc.fpr[k]!,
    f1 = roc.fpr[k + 1]!;
  return roc.tpr[k]! + ((roc.tpr[k + 1]! - roc.tpr[k]!) * (f - f0)) / (f1 - f0);
}

export interface RocBandOptions {
  nBoot?: number;
  level?: number;
  seed?: number;
  gridSize?: number;
}

/**
 * Pointwise percentile bootstrap band of TPR on a regular FPR grid.
 * @example rocBootstrapBand(y, p, { nBoot: 500, seed: 1 }) // { fpr, lower, upper }
 */
export function rocBootstrapBand(
  y: ArrayLike<number>,
  score: ArrayLike<number>,
  options: RocBandOptions = {},
): { fpr: number[]; lower: number[]; upper: number[] } {
  check(y, score);
  const nBoot = options.nBoot ?? 200,
    level = options.level ?? 0.95,
    g = options.gridSize ?? 51;
  const rng = createRng(options.seed ?? 0);
  const pos: number[] = [],
    neg: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] === 1 ? pos : neg).push(i);
  const grid = Array.from({ length: g }, (_, k) => k / (g - 1));
  const samples = grid.map(() => new Float64Array(nBoot));
  for (let b = 0; b < nBoot; b++) {
    const yy: number[] = [],
      ss: number[] = [];
    for (const grp of [pos, neg])
      for (let k = 0; k < grp.length; k++) {
        const i = grp[Math.floor(rng.uniform() * grp.length)]!;
        yy.push(y[i]!);
        ss.push(score[i]!);
      }
    const roc = rocPoints(yy, ss);
    grid.forEach((f, k) => {
      samples[k]![b] = tprAt(roc, f);
    });
  }
  const a = (1 - level) / 2;
  return {
    fpr: grid,
    lower: samples.map((s) => quantileSorted(Float64Array.from(s).sort(), a)),
    upper: samples.map((s) => quantileSorted(Float64Array.from(s).sort(), 1 - a)),
  };
}
