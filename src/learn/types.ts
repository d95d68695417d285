/**
 * Shared types of the learn/ module. Data arrive as plain row objects (one per subject/image,
 * as produced by the feature table) or as dense row-major matrices.
 */

/** One cell of a table: a number, a category label, or missing (`null`/`undefined`/`NaN`/`''`). */
export type Cell = number | string | null | undefined;

/** One row of a feature table: column name → value. */
export type Row = Readonly<Record<string, Cell>>;

/** Dense row-major matrix: element (r, c) is `data[r * nCols + c]`. */
export interface Matrix {
  readonly data: Float64Array;
  readonly nRows: number;
  readonly nCols: number;
}

/** Prediction task: binary classification (outcome 0/1) or regression. */
export type Task = 'classification' | 'regression';

/** True when a cell counts as missing. */
export function isMissing(v: Cell): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * Reads a cell as a finite number: numbers pass, numeric strings are parsed; returns `undefined`
 * for anything else (missing or a non-numeric label).
 */
export function toNumber(v: Cell): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return undefined;
    const x = Number(t);
    return Number.isFinite(x) ? x : undefined;
  }
  return undefined;
}

/** Makes a matrix, checking the size. */
export function matrix(data: Float64Array, nRows: number, nCols: number): Matrix {
  if (data.length !== nRows * nCols) throw new RangeError(`matrix: data has ${data.length} values, expected ${nRows}×${nCols}`);
  return { data, nRows, nCols };
}

/** Builds a matrix from an array of equal-length number arrays (rows). */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const n = rows.length;
  const p = n > 0 ? rows[0]!.length : 0;
  const data = new Float64Array(n * p);
  rows.forEach((r, i) => {
    if (r.length !== p) throw new RangeError(`fromRows: row ${i + 1} has ${r.length} values, expected ${p}`);
    data.set(r, i * p);
  });
  return { data, nRows: n, nCols: p };
}

/** The rows of `m` at `idx` (a copy). */
export function takeRows(m: Matrix, idx: ArrayLike<number>): Matrix {
  const out = new Float64Array(idx.length * m.nCols);
  for (let i = 0; i < idx.length; i++) out.set(m.data.subarray(idx[i]! * m.nCols, (idx[i]! + 1) * m.nCols), i * m.nCols);
  return { data: out, nRows: idx.length, nCols: m.nCols };
}

/** The values of `v` at `idx` (a copy). */
export function takeVec(v: ArrayLike<number>, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = v[idx[i]!]!;
  return out;
}
