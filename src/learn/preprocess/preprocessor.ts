/**
 * Table → matrix preprocessing whose every statistic is fitted on the rows it is given (the
 * training fold) and then applied unchanged to other rows:
 *   numeric: winsorising limits (quantiles, type 7) → imputation (median or mean) → clip →
 *   z-score (mean and SD, n−1, after imputation and clipping);
 *   categorical: one-hot with the most frequent training level as reference (dropped), missing →
 *   that level, levels unseen in training → all-zero (the reference).
 * The fitted state is a plain JSON-serialisable object.
 */
import { VesselprintError } from '../../core/errors.js';
import { isMissing, toNumber, type Matrix, type Row } from '../types.js';
import { quantileSorted } from '../../core/quantile.js';

export interface PreprocessSpec {
  /** Numeric feature columns. */
  numeric: readonly string[];
  /** Categorical columns (one-hot). Default []. */
  categorical?: readonly string[];
  /** Imputation of numeric missing values. Default 'median'. */
  impute?: 'median' | 'mean' | 'none';
  /** Winsorising quantiles [lower, upper], e.g. [0.01, 0.99]; null = off. Default null. */
  winsorize?: readonly [number, number] | null;
  /** z-score numeric columns. Default true. */
  standardize?: boolean;
}

export interface NumericState {
  column: string;
  fill: number;
  lo: number;
  hi: number;
  mean: number;
  sd: number;
}
export interface CategoricalState {
  column: string;
  reference: string;
  levels: string[];
}

/** Fitted preprocessing (plain data). */
export interface PreprocessState {
  numeric: NumericState[];
  categorical: CategoricalState[];
  /** Output column names in matrix order. */
  columns: string[];
  /** Number of rows the state was fitted on. */
  nFit: number;
}

function numberAt(r: Row, c: string, i: number): number | undefined {
  const v = r[c];
  if (isMissing(v)) return undefined;
  const x = toNumber(v);
  if (x === undefined) throw new VesselprintError('MANIFEST_FIELD', `expected a number, got "${String(v)}"`, { row: i + 1, field: c });
  return x;
}

/**
 * Fits the preprocessing on `rows` (the training fold only).
 * @throws VesselprintError EMPTY_INPUT when a numeric column has no value in these rows (and imputation is on).
 * @example fitPreprocessor(trainRows, { numeric: ['vd', 'age'], categorical: ['sex'], winsorize: [0.01, 0.99] })
 */
export function fitPreprocessor(rows: readonly Row[], spec: PreprocessSpec): PreprocessState {
  const impute = spec.impute ?? 'median',
    standardize = spec.standardize ?? true,
    win = spec.winsorize ?? null;
  if (win && !(win[0] >= 0 && win[0] < win[1] && win[1] <= 1))
    throw new VesselprintError('BAD_ARGUMENT', `winsorize must be [lower, upper] with 0 ≤ lower < upper ≤ 1, got [${win.join(', ')}]`, {
      field: 'winsorize',
    });
  const numeric: NumericState[] = spec.numeric.map((c) => {
    const vals: number[] = [];
    rows.forEach((r, i) => {
      const v = numberAt(r, c, i);
      if (v !== undefined) vals.push(v);
    });
    if (vals.length === 0) {
      if (impute === 'none') return { column: c, fill: NaN, lo: -Infinity, hi: Infinity, mean: 0, sd: 1 };
      throw new VesselprintError('EMPTY_INPUT', `column has no values in the ${rows.length} training rows`, { field: c });
    }
    const sorted = Float64Array.from(vals).sort();
    const lo = win ? quantileSorted(sorted, win[0]) : -Infinity,
      hi = win ? quantileSorted(sorted, win[1]) : Infinity;
    const clip = (v: number): number => Math.min(hi, Math.max(lo, v));
    const fill =
      impute === 'median' ? quantileSorted(sorted, 0.5) : impute === 'mean' ? vals.reduce((a, b) => a + b, 0) / vals.length : NaN;
    let mean = 0,
      sd = 1;
    if (standardize) {
      const all = rows
        .map((r, i) => {
          const v = numberAt(r, c, i);
          return v === undefined ? fill : clip(v);
        })
        .filter((v) => !Number.isNaN(v));
      mean = all.reduce((a, b) => a + b, 0) / all.length;
      const ss = all.reduce((a, b) => a + (b - mean) ** 2, 0);
      sd = all.length > 1 ? Math.sqrt(ss / (all.length - 1)) : 0;
      if (!(sd > 0)) sd = 1; // constant in training: centred to 0, not scaled
    }
    return { column: c, fill, lo, hi, mean, sd };
  });
  const categorical: CategoricalState[] = (spec.categorical ?? []).map((c) => {
    const counts = new Map<string, number>();
    for (const r of rows) if (!isMissing(r[c])) counts.set(String(r[c]), (counts.get(String(r[c])) ?? 0) + 1);
    if (counts.size === 0)
      throw new VesselprintError('EMPTY_INPUT', `categorical column has no values in the ${rows.length} training rows`, { field: c });
    const levels = [...counts.keys()].sort();
    const reference = levels.reduce((best, l) => (counts.get(l)! > counts.get(best)! ? l : best), levels[0]!);
    return { column: c, reference, levels: levels.filter((l) => l !== reference) };
  });
  const columns = [...numeric.map((s) => s.column), ...categorical.flatMap((s) => s.levels.map((l) => `${s.column}=${l}`))];
  return { numeric, categorical, columns, nFit: rows.length };
}

/**
 * Applies a fitted state to any rows (training or test); no statistic is computed here.
 * @example transform(fitPreprocessor(train, spec), test).nCols
 */
export function transform(state: PreprocessState, rows: readonly Row[]): Matrix {
  const p = state.columns.length,
    n = rows.length;
  const data = new Float64Array(n * p);
  rows.forEach((r, i) => {
    let j = 0;
    for (const s of state.numeric) {
      const v = numberAt(r, s.column, i);
      const x = v === undefined ? s.fill : Math.min(s.hi, Math.max(s.lo, v));
      data[i * p + j++] = (x - s.mean) / s.sd;
    }
    for (const s of state.categorical) {
      const v = r[s.column];
      const lvl = isMissing(v) ? s.reference : String(v);
      for (const l of s.levels) data[i * p + j++] = lvl === l ? 1 : 0;
    }
  });
  return { data, nRows: n, nCols: p };
}
