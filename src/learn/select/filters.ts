/**
 * Feature-reduction filters on a training matrix. Each returns the indices of the columns to
 * KEEP (ascending) plus per-column diagnostics; fit them on training rows only (see
 * {@link selectingLearner}, which does so inside every CV fold).
 */
import { VesselprintError } from '../../core/errors.js';
import type { Matrix, Task } from '../types.js';
import { rocAuc } from '../metrics/ranking.js';
import { penalizedLogisticPath, logisticLambdaMax } from '../models/elasticNetLogistic.js';
import { elasticNetPath, linearAlphaMax } from '../models/elasticNetLinear.js';
import { twoWayAnova } from '../stats/icc.js';

function column(x: Matrix, j: number): Float64Array {
  const c = new Float64Array(x.nRows);
  for (let i = 0; i < x.nRows; i++) c[i] = x.data[i * x.nCols + j]!;
  return c;
}

export interface NearZeroVarianceOptions {
  /** Ratio of the most to the second most frequent value above which a column is suspect. Default 95/5. */
  freqCut?: number;
  /** Percentage of distinct values (of n) below which a column is suspect. Default 10. */
  uniqueCut?: number;
}

/**
 * Near-zero-variance filter (Kuhn's caret `nearZeroVar`): a column is dropped when it is
 * constant, or when its frequency ratio > freqCut AND its percentage of distinct values < uniqueCut.
 * @example nearZeroVariance(x).keep
 */
export function nearZeroVariance(
  x: Matrix,
  options: NearZeroVarianceOptions = {},
): { keep: number[]; freqRatio: number[]; percentUnique: number[] } {
  const freqCut = options.freqCut ?? 95 / 5,
    uniqueCut = options.uniqueCut ?? 10;
  const keep: number[] = [],
    freqRatio: number[] = [],
    percentUnique: number[] = [];
  for (let j = 0; j < x.nCols; j++) {
    const counts = new Map<number, number>();
    for (const v of column(x, j)) counts.set(v, (counts.get(v) ?? 0) + 1);
    const c = [...counts.values()].sort((a, b) => b - a);
    const fr = c.length > 1 ? c[0]! / c[1]! : Infinity;
    const pu = (100 * counts.size) / x.nRows;
    freqRatio.push(fr);
    percentUnique.push(pu);
    if (!(counts.size === 1 || (fr > freqCut && pu < uniqueCut))) keep.push(j);
  }
  return { keep, freqRatio, percentUnique };
}

/** Pearson correlation matrix of the columns (p×p row-major). Constant columns get 0. */
export function correlationMatrix(x: Matrix): Float64Array {
  const p = x.nCols,
    n = x.nRows;
  const cols = Array.from({ length: p }, (_, j) => {
    const c = column(x, j);
    const m = c.reduce((a, b) => a + b, 0) / n;
    let s = 0;
    for (let i = 0; i < n; i++) {
      c[i] = c[i]! - m;
      s += c[i]! * c[i]!;
    }
    const sd = Math.sqrt(s);
    if (sd > 0) for (let i = 0; i < n; i++) c[i] = c[i]! / sd;
    return c;
  });
  const r = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = a; b < p; b++) {
      let s = 0;
      const ca = cols[a]!,
        cb = cols[b]!;
      for (let i = 0; i < n; i++) s += ca[i]! * cb[i]!;
      r[a * p + b] = s;
      r[b * p + a] = s;
    }
  return r;
}

/**
 * Correlation filter: while some kept pair has |r| > cutoff, drop the member of the most
 * correlated pair whose mean |r| with the other kept columns is larger (the idea of caret's
 * `findCorrelation`).
 * @example correlationFilter(x, 0.9).keep
 */
export function correlationFilter(x: Matrix, cutoff = 0.9): { keep: number[]; dropped: { column: number; partner: number; r: number }[] } {
  const p = x.nCols,
    r = correlationMatrix(x);
  const kept = new Set(Array.from({ length: p }, (_, j) => j));
  const dropped: { column: number; partner: number; r: number }[] = [];
  const meanAbs = (j: number): number => {
    let s = 0,
      c = 0;
    for (const k of kept)
      if (k !== j) {
        s += Math.abs(r[j * p + k]!);
        c++;
      }
    return c ? s / c : 0;
  };
  for (;;) {
    let best = 0,
      bi = -1,
      bj = -1;
    for (const i of kept)
      for (const j of kept)
        if (i < j && Math.abs(r[i * p + j]!) > best) {
          best = Math.abs(r[i * p + j]!);
          bi = i;
          bj = j;
        }
    if (bi < 0 || best <= cutoff) break;
    const drop = meanAbs(bi) >= meanAbs(bj) ? bi : bj;
    kept.delete(drop);
    dropped.push({ column: drop, partner: drop === bi ? bj : bi, r: r[bi * p + bj]! });
  }
  return { keep: [...kept].sort((a, b) => a - b), dropped };
}

export type IccForm = 'ICC1' | 'ICC2' | 'ICC3';

/**
 * Intraclass correlation of n subjects × k repeated measurements (row-major n×k), single
 * measurement forms of Shrout & Fleiss 1979 (doi:10.1037/0033-2909.86.2.420):
 * ICC1 = (BMS−WMS)/(BMS+(k−1)WMS); ICC2 (absolute agreement) = (BMS−EMS)/(BMS+(k−1)EMS+k(JMS−EMS)/n);
 * ICC3 (consistency) = (BMS−EMS)/(BMS+(k−1)EMS).
 * Mean squares from {@link twoWayAnova}; with confidence intervals see `iccWithCi` (stats/icc.ts).
 * @example icc(scores, 'ICC3') // Shrout & Fleiss Table 2 data → 0.71
 */
export function icc(m: Matrix, form: IccForm = 'ICC2'): number {
  const { n, k, msr: bms, msc: jms, mse: ems, msw: wms } = twoWayAnova(m);
  if (form === 'ICC1') return (bms - wms) / (bms + (k - 1) * wms);
  if (form === 'ICC2') return (bms - ems) / (bms + (k - 1) * ems + (k * (jms - ems)) / n);
  return (bms - ems) / (bms + (k - 1) * ems);
}

/**
 * Stability filter for features measured twice (test–retest): keeps column j when
 * ICC(first[:, j], second[:, j]) ≥ threshold. Rows of `first` and `second` are the same subjects.
 * @example stabilityFilter(visit1, visit2, { threshold: 0.75 }).keep
 */
export function stabilityFilter(
  first: Matrix,
  second: Matrix,
  options: { threshold?: number; form?: IccForm } = {},
): { keep: number[]; icc: number[] } {
  if (first.nRows !== second.nRows || first.nCols !== second.nCols)
    throw new VesselprintError('SHAPE_MISMATCH', `stabilityFilter: ${first.nRows}×${first.nCols} vs ${second.nRows}×${second.nCols}`);
  const th = options.threshold ?? 0.75;
  const values: number[] = [];
  for (let j = 0; j < first.nCols; j++) {
    const d = new Float64Array(first.nRows * 2);
    for (let i = 0; i < first.nRows; i++) {
      d[2 * i] = first.data[i * first.nCols + j]!;
      d[2 * i + 1] = second.data[i * second.nCols + j]!;
    }
    values.push(icc({ data: d, nRows: first.nRows, nCols: 2 }, options.form ?? 'ICC2'));
  }
  return { keep: values.map((v, j) => (v >= th ? j : -1)).filter((j) => j >= 0), icc: values };
}

/**
 * Univariate filter: scores each column by its association with y — |AUC − 0.5| for
 * classification, |Pearson r| for regression — and keeps the `top` best (ties by index).
 * @example univariateFilter(x, y, 'classification', { top: 20 }).keep
 */
export function univariateFilter(
  x: Matrix,
  y: Float64Array,
  task: Task,
  options: { top?: number } = {},
): { keep: number[]; score: number[] } {
  const top = Math.min(x.nCols, options.top ?? 20);
  const score: number[] = [];
  for (let j = 0; j < x.nCols; j++) {
    const c = column(x, j);
    if (task === 'classification') score.push(Math.abs(rocAuc(y, c) - 0.5));
    else {
      const n = c.length;
      const mx = c.reduce((a, b) => a + b, 0) / n,
        my = y.reduce((a, b) => a + b, 0) / n;
      let sxy = 0,
        sxx = 0,
        syy = 0;
      for (let i = 0; i < n; i++) {
        sxy += (c[i]! - mx) * (y[i]! - my);
        sxx += (c[i]! - mx) ** 2;
        syy += (y[i]! - my) ** 2;
      }
      score.push(sxx > 0 && syy > 0 ? Math.abs(sxy / Math.sqrt(sxx * syy)) : 0);
    }
  }
  const order = score.map((_, j) => j).sort((a, b) => score[b]! - score[a]! || a - b);
  return { keep: order.slice(0, top).sort((a, b) => a - b), score };
}

/**
 * L1 / elastic-net selection: columns with a non-zero coefficient at λ = lambdaRatio·λ_max.
 * @example l1Selection(x, y, 'classification', { lambdaRatio: 0.1 }).keep
 */
export function l1Selection(
  x: Matrix,
  y: Float64Array,
  task: Task,
  options: { l1Ratio?: number; lambdaRatio?: number } = {},
): { keep: number[]; coef: number[] } {
  const rho = options.l1Ratio ?? 1,
    ratio = options.lambdaRatio ?? 0.1;
  if (!(rho > 0))
    throw new VesselprintError('BAD_ARGUMENT', 'l1Selection needs l1Ratio > 0 (a ridge penalty selects nothing)', { field: 'l1Ratio' });
  const coef =
    task === 'classification'
      ? penalizedLogisticPath(x, y, [ratio * logisticLambdaMax(x, y, rho)], { l1Ratio: rho })[0]!.coef
      : elasticNetPath(x, y, [ratio * linearAlphaMax(x, y, rho)], { l1Ratio: rho })[0]!.coef;
  return {
    keep: Array.from(coef)
      .map((v, j) => (v !== 0 ? j : -1))
      .filter((j) => j >= 0),
    coef: Array.from(coef),
  };
}
