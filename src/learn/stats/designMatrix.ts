/**
 * Turns row objects and a {@link Formula} into a regression design matrix: intercept column,
 * numeric terms as they are, categorical terms one-hot with treatment (reference) coding
 * (patsy/statsmodels convention: levels sorted, the first is the reference, columns named
 * `col[T.level]`), `rcs(col, k)` as Harrell's spline basis (`col`, `col'`, …; knots from the
 * analysed rows, stats/rcs.ts), interactions as products of their components' columns
 * (`x:sex[T.M]`; a categorical component needs its main effect in the model, as in patsy's
 * full-rank coding). Missing data follow a policy: `complete-case` (default; rows with a missing
 * value in any used column are dropped and counted) or `error`.
 */
import { VesselprintError } from '../../core/errors.js';
import { isMissing, toNumber, type Row } from '../types.js';
import type { Formula } from './formula.js';
import { rcsBasis, rcsKnots, rcsNames } from './rcs.js';

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
  /** Extra columns that must be present and non-missing (cluster id, time, event, strata). Default []. */
  require?: readonly string[];
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
  /** Knots of each `rcs()` term (by column). */
  knots: Record<string, number[]>;
}

function sortLevels(levels: string[]): string[] {
  const allNum = levels.every((l) => toNumber(l) !== undefined);
  return allNum ? levels.sort((a, b) => Number(a) - Number(b)) : levels.sort();
}

/** One design column: its name and how to compute it from a (complete) row. */
interface DesignColumn {
  name: string;
  value: (row: Row, i: number) => number;
}

/**
 * Builds the design matrix of `formula` over `rows`.
 * @throws VesselprintError EMPTY_INPUT when no complete row remains; MANIFEST_FIELD when a
 * numeric column holds a label, the outcome is not 0/1 for a binary model, or (policy `error`) a
 * value is missing — naming the 1-based row and the column; BAD_ARGUMENT for `rcs()` of a label
 * column; NOT_IMPLEMENTED for an interaction with a categorical column whose main effect is absent.
 * @example buildDesign([{y:1,x:2,s:'F'},{y:0,x:3,s:'M'}], parseFormula('y ~ x + C(s)')).names
 * // ['Intercept', 'x', 's[T.M]']
 */
export function buildDesign(rows: readonly Row[], formula: Formula, options: DesignOptions = {}): DesignMatrix {
  const policy = options.missing ?? 'complete-case';
  const src = options.source !== undefined ? { path: options.source } : {};
  const mains = formula.terms.filter((t) => !t.components);
  const columns = [...new Set([...mains.map((t) => t.column), ...formula.terms.flatMap((t) => t.components ?? [])])];
  const catSet = new Set([
    ...(options.categorical ?? []),
    ...(formula.forcedCategorical ?? []),
    ...mains.filter((t) => t.categorical).map((t) => t.column),
  ]);
  const used = [...new Set([formula.outcome, ...columns, ...(options.require ?? [])])];
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
      throw new VesselprintError('MANIFEST_FIELD', 'value is missing (missing policy is "error")', {
        ...src,
        row: i + 1,
        field: missingCol,
      });
    }
  });
  if (keep.length === 0) throw new VesselprintError('EMPTY_INPUT', `no complete rows for ${used.join(', ')}`, src);
  for (const c of columns) {
    if (!catSet.has(c) && keep.some((i) => toNumber(rows[i]![c]) === undefined && typeof rows[i]![c] === 'string')) catSet.add(c); // a label column: categorical
  }
  const levels: Record<string, string[]> = {};
  for (const c of columns) {
    if (!catSet.has(c)) continue;
    const lv = sortLevels([...new Set(keep.map((i) => String(rows[i]![c])))]);
    const ref = options.reference?.[c];
    if (ref !== undefined) {
      if (!lv.includes(ref))
        throw new VesselprintError('BAD_ARGUMENT', `reference level "${ref}" does not occur (levels: ${lv.join(', ')})`, { field: c });
      lv.splice(lv.indexOf(ref), 1);
      lv.unshift(ref);
    }
    levels[c] = lv;
  }
  const num =
    (c: string) =>
    (row: Row, i: number): number => {
      const v = toNumber(row[c]);
      if (v === undefined)
        throw new VesselprintError('MANIFEST_FIELD', `expected a number, got "${String(row[c])}"`, { ...src, row: i + 1, field: c });
      return v;
    };
  /** Columns of one factor: a numeric value or the treatment dummies of a categorical column. */
  const factor = (c: string): DesignColumn[] =>
    levels[c]
      ? levels[c]!.slice(1).map((l) => ({ name: `${c}[T.${l}]`, value: (row: Row) => (String(row[c]) === l ? 1 : 0) }))
      : [{ name: c, value: num(c) }];
  const cols: DesignColumn[] = [{ name: 'Intercept', value: () => 1 }];
  const termColumns: Record<string, number[]> = {};
  const knots: Record<string, number[]> = {};
  for (const t of formula.terms) {
    let add: DesignColumn[];
    if (t.components) {
      for (const c of t.components) {
        if (levels[c] && !mains.some((m) => m.column === c))
          throw new VesselprintError(
            'NOT_IMPLEMENTED',
            `interaction "${t.column}": categorical "${c}" needs its main effect in the model (write ${t.components.join('*')})`,
            { field: 'formula' },
          );
      }
      add = t.components.reduce<DesignColumn[]>(
        (acc, c) =>
          acc.flatMap((a) =>
            factor(c).map((f) => ({
              name: a.name === '' ? f.name : `${a.name}:${f.name}`,
              value: (row: Row, i: number) => a.value(row, i) * f.value(row, i),
            })),
          ),
        [{ name: '', value: () => 1 }],
      );
    } else if (t.rcs !== undefined) {
      if (levels[t.column])
        throw new VesselprintError('BAD_ARGUMENT', `rcs(${t.column}, ${t.rcs}): the column holds labels; a spline needs a numeric column`, {
          ...src,
          field: t.column,
        });
      const get = num(t.column);
      const kn = rcsKnots(
        keep.map((i) => get(rows[i]!, i)),
        t.rcs,
        t.column,
      );
      knots[t.column] = kn;
      add = rcsNames(t.column, t.rcs).map((name, j) => ({ name, value: (row: Row, i: number) => rcsBasis(get(row, i), kn)[j]! }));
    } else add = factor(t.column);
    termColumns[t.column] = add.map((_, j) => cols.length + j);
    cols.push(...add);
  }
  const n = keep.length,
    p = cols.length;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  keep.forEach((i, r) => {
    const row = rows[i]!;
    const yv = toNumber(row[formula.outcome]);
    if (yv === undefined)
      throw new VesselprintError('MANIFEST_FIELD', `outcome must be numeric, got "${String(row[formula.outcome])}"`, {
        ...src,
        row: i + 1,
        field: formula.outcome,
      });
    if (options.binaryOutcome && yv !== 0 && yv !== 1) {
      throw new VesselprintError('MANIFEST_FIELD', `binary outcome must be 0 or 1, got ${yv}`, {
        ...src,
        row: i + 1,
        field: formula.outcome,
      });
    }
    y[r] = yv;
    for (let j = 0; j < p; j++) x[r * p + j] = cols[j]!.value(row, i);
  });
  return { x, n, p, names: cols.map((c) => c.name), y, rowIndex: keep, nDropped: rows.length - n, termColumns, levels, knots };
}
