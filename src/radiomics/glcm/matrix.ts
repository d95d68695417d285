import { VesselprintError } from '../../core/errors.js';

/**
 * A sparse count matrix: entry k has row index `i[k]`, column index `j[k]` (both 1-based grey
 * levels or lengths) and count `v[k]`. `total` is Σ v.
 */
export interface SparseMatrix {
  i: Int32Array;
  j: Int32Array;
  v: Float64Array;
  n: number;
  total: number;
}

/** Largest N_g (or run/zone size axis) allowed for a dense accumulation buffer. */
const MAX_MATRIX_SIDE = 4096;

/**
 * Accumulates counts into a dense buffer and returns them as a {@link SparseMatrix}; the dense
 * buffer is reused between calls (it is cleared after each extraction).
 *
 * With `ring > 0` (feature maps), `take()` returns matrices whose arrays are recycled after
 * `ring` further calls: a caller must finish with a matrix before then.
 */
export class SparseAccumulator {
  private dense: Float64Array;
  private touched: Int32Array;
  private touchedI: Int32Array;
  private touchedJ: Int32Array;
  private nTouched = 0;
  private readonly pool: SparseMatrix[] = [];
  private poolNext = 0;
  readonly cols: number;
  readonly rows: number;

  constructor(
    rows: number,
    cols: number,
    private readonly ring = 0,
  ) {
    if (rows > MAX_MATRIX_SIDE || cols > 1 << 20 || rows * cols > 1 << 26) {
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `radiomics: a ${rows} x ${cols} texture matrix is too large; use fewer grey levels (e.g. --discretization fbn:32)`,
        { field: 'discretization' },
      );
    }
    this.cols = cols;
    this.rows = rows;
    this.dense = new Float64Array((rows + 1) * (cols + 1));
    this.touched = new Int32Array(64);
    this.touchedI = new Int32Array(64);
    this.touchedJ = new Int32Array(64);
  }

  /** Adds `w` to entry (i, j), 1-based. */
  add(i: number, j: number, w = 1): void {
    const k = i * (this.cols + 1) + j;
    if (this.dense[k] === 0) {
      if (this.nTouched === this.touched.length) this.grow();
      this.touched[this.nTouched] = k;
      this.touchedI[this.nTouched] = i;
      this.touchedJ[this.nTouched] = j;
      this.nTouched++;
    }
    this.dense[k]! += w;
  }

  private grow(): void {
    const n = this.touched.length * 2;
    const t = new Int32Array(n);
    const ti = new Int32Array(n);
    const tj = new Int32Array(n);
    t.set(this.touched);
    ti.set(this.touchedI);
    tj.set(this.touchedJ);
    this.touched = t;
    this.touchedI = ti;
    this.touchedJ = tj;
  }

  private target(n: number): SparseMatrix {
    if (this.ring === 0) return { i: new Int32Array(n), j: new Int32Array(n), v: new Float64Array(n), n, total: 0 };
    let m = this.pool[this.poolNext];
    if (!m || m.i.length < n) {
      const cap = Math.max(n, 64);
      m = { i: new Int32Array(cap), j: new Int32Array(cap), v: new Float64Array(cap), n, total: 0 };
      this.pool[this.poolNext] = m;
    }
    this.poolNext = (this.poolNext + 1) % this.ring;
    m.n = n;
    return m;
  }

  /** Returns the accumulated entries and clears the buffer. */
  take(): SparseMatrix {
    const n = this.nTouched;
    const m = this.target(n);
    let total = 0;
    for (let t = 0; t < n; t++) {
      const k = this.touched[t]!;
      m.i[t] = this.touchedI[t]!;
      m.j[t] = this.touchedJ[t]!;
      const v = this.dense[k]!;
      m.v[t] = v;
      total += v;
      this.dense[k] = 0;
    }
    m.total = total;
    this.nTouched = 0;
    return m;
  }
}

/** Sum of several sparse matrices. */
export function sumSparse(ms: readonly SparseMatrix[], rows: number, cols: number, workspace?: object): SparseMatrix {
  const acc = accumulatorFor(workspace, 'sum', rows, cols);
  for (const m of ms) for (let k = 0; k < m.n; k++) acc.add(m.i[k]!, m.j[k]!, m.v[k]!);
  return acc.take();
}

const pools = new WeakMap<object, Map<string, SparseAccumulator>>();

/**
 * A {@link SparseAccumulator} of at least rows x cols, reused for the same `workspace` object
 * (feature maps pass one workspace for all windows; its matrices are recycled after 8 takes,
 * which outlives every family's use within one window), or a new one without a workspace.
 */
export function accumulatorFor(workspace: object | undefined, key: string, rows: number, cols: number): SparseAccumulator {
  if (workspace === undefined) return new SparseAccumulator(rows, cols);
  let pool = pools.get(workspace);
  if (!pool) {
    pool = new Map();
    pools.set(workspace, pool);
  }
  let acc = pool.get(key);
  if (!acc || acc.rows < rows || acc.cols < cols) {
    acc = new SparseAccumulator(rows, cols, 8);
    pool.set(key, acc);
  }
  return acc;
}

/**
 * Builds a sparse count matrix from (i, j) pairs with a hash map: no dense buffer, so a huge
 * "size" axis (zone sizes up to the ROI size) costs nothing. Used for zone matrices.
 * @example sparseFromPairs([1, 1, 2], [3, 3, 1]).n // 2 entries: (1,3) x2 and (2,1) x1
 */
export function sparseFromPairs(is: ArrayLike<number>, js: ArrayLike<number>): SparseMatrix {
  const map = new Map<number, number>();
  let maxJ = 0;
  for (let k = 0; k < js.length; k++) if (js[k]! > maxJ) maxJ = js[k]!;
  const stride = maxJ + 1;
  for (let k = 0; k < is.length; k++) {
    const key = is[k]! * stride + js[k]!;
    map.set(key, (map.get(key) ?? 0) + 1);
  }
  const n = map.size;
  const i = new Int32Array(n);
  const j = new Int32Array(n);
  const v = new Float64Array(n);
  let t = 0;
  let total = 0;
  for (const [key, count] of map) {
    i[t] = Math.floor(key / stride);
    j[t] = key % stride;
    v[t] = count;
    total += count;
    t++;
  }
  return { i, j, v, n, total };
}
