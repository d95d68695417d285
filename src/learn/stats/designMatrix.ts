/**
 * Turns row objects and a {@link Formula} into a regression design matrix: intercept column,
 * numeric terms as they are, categorical terms one-hot with treatment (reference) coding
 * (patsy/statsmodels convention: levels sorted, the first is the reference, columns named
 * `col[T.level]`). Missing data follow a policy: `complete-case` (default; rows with a missing
 * value in any used column are dropped and counted) or `error`.
 */
import { VesselprintError } from '../../core/errors.js';
import { isMissing, toNumber, type Row } from '../types.js';
import type { Formula } from './formula.js';

export type MissingPolicy = 'complete-case' | 'error';

export interface DesignOptions {
  /** Columns to treat as categorical even if numeric (in addition to `C(col)` terms). Default []. */
  categorical?: readonly string[];
  /** Reference level per categorical column (default: first sorted level). */
  reference?: Readonly<Record<string, string>>;
  /** Missing-data policy. Default `'complete-case'`. */
  missing?: MissingPolicy;
  /** Outcome must be 0/1 (logistic). Default false. */
  binaryOutcome?: boolean;
  /** Name of the table for error messages. */
  source?: string;
}

export interface DesignMatrix {
  /** Row-major n×p design matrix, column 0 is the intercept. */
  x: Float64Array;
  n: number;
  p: number;
  /** Column names: `Intercept`, numeric column names, `col[T.level]` dummies. */
  names: string[];
  y: Float64Array;
  /** Index (0-based) in the input rows of each kept row. */
  rowIndex: number[];
  /** Number of input rows dropped for missing values. */
  nDropped: number;
  /** Design columns belonging to each formula term (by term column name). */
  termColumns: Record<string, number[]>;
  /** Levels (reference first) of each categorical term. */
  levels: Record<string, string[]>;
}

function sortLevels(levels: string[]): string[] {
  const allNum = levels.every((l) => toNumber(l) !== undefined);
  return allNum ? levels.sort((a, b) => Number(a) - Number(b)) : levels.sort();
}

/**
 * Builds the design matrix of `formula` over `rows`.
 * @throws VesselprintError EMPTY_INPUT when no complete row remains; MANIFEST_FIELD when a
 * numeric column holds a label, the outcome is not 0/1 for a binary model, or (policy `error`) a
 * value is missing — naming the 1-based row and the column.
 * @example buildDesign([{y:1,x:2,s:'F'},{y:0,x:3,s:'M'}], parseFormula('y ~ x + C(s)')).names
 * // ['Intercept', 'x', 's[T.M]']
 */
export function buildDesign(rows: readonly Row[], formula: Formula, options: DesignOptions = {}): DesignMatrix {
  const policy = options.missing ?? 'complete-case';
  const src = options.source !== undefined ? { path: options.source } : {};
  const catSet = new Set(options.categorical ?? []);
  const isCat = formula.terms.map((t) => t.categorical || catSet.has(t.column));
  const used = [formula.outcome, ...formula.terms.map((t) => t.column)];
  if (rows.length === 0) throw new VesselprintError('EMPTY_INPUT', 'no rows to analyse', src);
  for (const c of used) {
    if (!rows.some((r) => Object.prototype.hasOwnProperty.call(r, c))) {
      throw new VesselprintError('MANIFEST_FIELD', `column "${c}" does not exist in the table`, { ...src, field: c });
    }
  }
  // Pass 1: which rows are complete, auto-detect categorical columns holding labels.
  const keep: number[] = [];
  rows.forEach((r, i) => {
    const missingCol = used.find((c) => isMissing(r[c]));
    if (missingCol === undefined) keep.push(i);
    else if (policy === 'error') {
      throw new VesselprintError('MANIFEST_FIELD', 'value is missing (missing policy is "error")', { ...src, row: i + 1, field: missingCol });
    }
  });
  if (keep.length === 0) throw new VesselprintError('EMPTY_INPUT', `no complete rows for ${used.join(', ')}`, src);
  formula.terms.forEach((t, k) => {
    if (!isCat[k] && keep.some((i) => toNumber(rows[i]![t.column]) === undefined)) {
      const bad = keep.find((i) => toNumber(rows[i]![t.column]) === undefined)!;
      if (typeof rows[bad]![t.column] === 'string') isCat[k] = true; // a label column: categorical
    }
  });
  const names = ['Intercept'];
  const termColumns: Record<string, number[]> = {};
  const levels: Record<string, string[]> = {};
  formula.terms.forEach((t, k) => {
    if (isCat[k]) {
      const lv = sortLevels([...new Set(keep.map((i) => String(rows[i]![t.column])))]);
      const ref = options.reference?.[t.column];
      if (ref !== undefined) {
        if (!lv.includes(ref)) throw new VesselprintError('BAD_ARGUMENT', `reference level "${ref}" does not occur (levels: ${lv.join(', ')})`, { field: t.column });
        lv.splice(lv.indexOf(ref), 1);
        lv.unshift(ref);
      }
      levels[t.column] = lv;
      termColumns[t.column] = lv.slice(1).map((_, j) => names.length + j);
      for (const l of lv.slice(1)) names.push(`${t.column}[T.${l}]`);
    } else {
      termColumns[t.column] = [names.length];
      names.push(t.column);
    }
  });
  const n = keep.length, p = names.length;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  keep.forEach((i, r) => {
    const row = rows[i]!;
    const yv = toNumber(row[formula.outcome]);
    if (yv === undefined) throw new VesselprintError('MANIFEST_FIELD', `outcome must be numeric, got "${String(row[formula.outcome])}"`, { ...src, row: i + 1, field: formula.outcome });
    if (options.binaryOutcome && yv !== 0 && yv !== 1) {
      throw new VesselprintError('MANIFEST_FIELD', `binary outcome must be 0 or 1, got ${yv}`, { ...src, row: i + 1, field: formula.outcome });
    }
    y[r] = yv;
    x[r * p] = 1;
    formula.terms.forEach((t, k) => {
      const cols = termColumns[t.column]!;
      if (isCat[k]) {
        const li = levels[t.column]!.indexOf(String(row[t.column]));
        if (li > 0) x[r * p + cols[li - 1]!] = 1;
      } else {
        const v = toNumber(row[t.column]);
        if (v === undefined) throw new VesselprintError('MANIFEST_FIELD', `expected a number, got "${String(row[t.column])}"`, { ...src, row: i + 1, field: t.column });
        x[r * p + cols[0]!] = v;
      }
    });
  });
  return { x, n, p, names, y, rowIndex: keep, nDropped: rows.length - n, termColumns, levels };
}
