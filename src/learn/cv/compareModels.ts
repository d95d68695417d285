/**
 * Compares two models on the same subjects and the same folds — typically fingerprint +
 * covariates against covariates alone — by cross-validating both and testing the difference of
 * their pooled out-of-fold AUCs with DeLong's paired test (DeLong et al. 1988,
 * doi:10.2307/2531595). Classification only.
 */
import { VesselprintError } from '../../core/errors.js';
import type { Row } from '../types.js';
import { delongTest, type DelongTest } from '../metrics/delong.js';
import { crossValidate, inferTask, readOutcome, type CrossValidateOptions, type CrossValidateResult } from './crossValidate.js';
import { groupedStratifiedKFold } from './splits.js';
import { isMissing } from '../types.js';

export interface CompareResult {
  a: CrossValidateResult;
  b: CrossValidateResult;
  /** DeLong test of AUC(a) − AUC(b) on the out-of-fold predictions averaged per row over repeats. */
  delong: DelongTest;
}

/** Out-of-fold prediction per input row (averaged over repeats). */
function oof(res: CrossValidateResult): Map<number, { y: number; p: number }> {
  const acc = new Map<number, { y: number; s: number; c: number }>();
  for (const f of res.folds)
    f.testIndex.forEach((r, k) => {
      const v = acc.get(r) ?? { y: f.yTrue[k]!, s: 0, c: 0 };
      v.s += f.yPred[k]!;
      v.c += 1;
      acc.set(r, v);
    });
  return new Map([...acc].map(([r, v]) => [r, { y: v.y, p: v.s / v.c }]));
}

/**
 * @param a options of model A (e.g. fingerprint + covariates)
 * @param b options of model B (e.g. covariates only); outcome, group and split are taken from A
 * @example compareModels(rows, { outcome: 'dm', group: 'id', preprocess: { numeric: [...fp, 'age'] }, learner }, { preprocess: { numeric: ['age'] }, learner }).delong.p
 */
export function compareModels(
  rows: readonly Row[],
  a: CrossValidateOptions,
  b: Partial<CrossValidateOptions> & Pick<CrossValidateOptions, 'preprocess' | 'learner'>,
): CompareResult {
  const { keep, y } = readOutcome(rows, a.outcome, a.source);
  if ((a.task ?? inferTask(y)) !== 'classification')
    throw new VesselprintError('BAD_ARGUMENT', 'compareModels (DeLong test) needs a 0/1 outcome', { field: a.outcome });
  const data = keep.map((i) => rows[i]!);
  const groups = a.group !== undefined ? data.map((r) => (isMissing(r[a.group!]) ? '' : String(r[a.group!]))) : undefined;
  const folds = a.folds ?? groupedStratifiedKFold(y, groups, { ...a.split, stratify: true });
  // both models on identical folds of the rows that have an outcome
  const ra = crossValidate(data, { ...a, folds });
  const rb = crossValidate(data, { ...a, ...b, outcome: a.outcome, folds });
  const pa = oof(ra),
    pb = oof(rb);
  const idx = [...pa.keys()].filter((r) => pb.has(r)).sort((x, z) => x - z);
  const test = delongTest(
    idx.map((r) => pa.get(r)!.y),
    idx.map((r) => pa.get(r)!.p),
    idx.map((r) => pb.get(r)!.p),
  );
  const remap = (res: CrossValidateResult): CrossValidateResult => ({
    ...res,
    nDropped: rows.length - data.length,
    folds: res.folds.map((f) => ({ ...f, testIndex: f.testIndex.map((i) => keep[i]!) })),
  });
  return { a: remap(ra), b: remap(rb), delong: test };
}
