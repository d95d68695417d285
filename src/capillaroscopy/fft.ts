import { VesselprintError } from '../core/errors.js';

/**
 * In-place iterative radix-2 Cooley–Tukey FFT of one complex sequence stored as separate
 * real/imaginary arrays (length n from `offset`). Forward: X[k] = Σ x[n] e^{−2πi kn/N}; inverse (`inverse = true`): the same with
 * e^{+2πi kn/N}, unscaled (divide by N yourself).
 *
 * Reference: J. W. Cooley & J. W. Tukey, "An algorithm for the machine calculation of complex
 * Fourier series", Math. Comp. 19:297–301, 1965, doi:10.1090/S0025-5718-1965-0178586-1.
 * Contiguous: `offset` is the first element (rows of a 2-D array; columns go through {@link fftColumns}).
 */
function fft1(re: Float64Array, im: Float64Array, offset: number, n: number, inverse: boolean, tw: Twiddles): void {
  const rev = tw.rev;
  for (let i = 1; i < n; i++) {
    const j = rev[i]!;
    if (i < j) {
      const a = offset + i,
        b = offset + j;
      let t = re[a]!;
      re[a] = re[b]!;
      re[b] = t;
      t = im[a]!;
      im[a] = im[b]!;
      im[b] = t;
    }
  }
  const sign = inverse ? 1 : -1;
  const cos = tw.cos,
    sin = tw.sin;
  for (let a = offset; a < offset + n; a += 2) {
    // first stage: twiddle 1
    const ar = re[a]!,
      ai = im[a]!,
      br = re[a + 1]!,
      bi = im[a + 1]!;
    re[a] = ar + br;
    im[a] = ai + bi;
    re[a + 1] = ar - br;
    im[a + 1] = ai - bi;
  }
  for (let len = 4; len <= n; len <<= 1) {
    const half = len >> 1,
      step = tw.n / len;
    for (let k = 0, tk = 0; k < half; k++, tk += step) {
      const wr = cos[tk]!,
        wi = sign * sin[tk]!;
      for (let a = offset + k; a < offset + n; a += len) {
        const b = a + half;
        const br = re[b]!,
          bi = im[b]!;
        const xr = br * wr - bi * wi,
          xi = br * wi + bi * wr;
        const ar = re[a]!,
          ai = im[a]!;
        re[b] = ar - xr;
        im[b] = ai - xi;
        re[a] = ar + xr;
        im[a] = ai + xi;
      }
    }
  }
}

interface Twiddles {
  n: number;
  cos: Float64Array;
  sin: Float64Array;
  rev: Uint32Array;
}
const twiddleCache = new Map<number, Twiddles>();
function twiddles(n: number): Twiddles {
  let t = twiddleCache.get(n);
  if (!t) {
    const cos = new Float64Array(n / 2),
      sin = new Float64Array(n / 2);
    for (let k = 0; k < n / 2; k++) {
      cos[k] = Math.cos((2 * Math.PI * k) / n);
      sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    const rev = new Uint32Array(n);
    const bits = Math.log2(n);
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      rev[i] = r;
    }
    t = { n, cos, sin, rev };
    twiddleCache.set(n, t);
  }
  return t;
}

/** True when n is a power of two ≥ 2. */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 2 && (n & (n - 1)) === 0;
}

/**
 * In-place 2-D discrete Fourier transform of a `rows × cols` complex array (row-major, separate
 * real and imaginary parts): 1-D radix-2 FFTs over every row, then every column. `inverse`
 * computes the unnormalised inverse (multiply by 1/(rows·cols) to undo a forward transform).
 *
 * @throws VesselprintError BAD_ARGUMENT unless rows and cols are powers of two
 * @example
 * const re = new Float64Array([1, 0, 0, 0]), im = new Float64Array(4);
 * fft2d(re, im, 2, 2); // re = [1, 1, 1, 1] (the transform of a delta is flat)
 */
export function fft2d(re: Float64Array, im: Float64Array, rows: number, cols: number, inverse = false): void {
  if (!isPowerOfTwo(rows) || !isPowerOfTwo(cols)) {
    throw new VesselprintError('BAD_ARGUMENT', `fft2d: rows and cols must be powers of two ≥ 2, got ${rows}x${cols}`);
  }
  if (re.length !== rows * cols || im.length !== rows * cols) {
    throw new VesselprintError('SHAPE_MISMATCH', `fft2d: arrays hold ${re.length}/${im.length} values, expected ${rows * cols}`);
  }
  const tc = twiddles(cols),
    tr = twiddles(rows);
  for (let r = 0; r < rows; r++) fft1(re, im, r * cols, cols, inverse, tc);
  fftColumns(re, im, rows, cols, inverse, tr);
}

/**
 * Radix-2 FFTs of every column at once: each butterfly combines two whole rows with one twiddle, so the
 * inner loop runs over contiguous memory (no transpose).
 */
function fftColumns(re: Float64Array, im: Float64Array, rows: number, cols: number, inverse: boolean, tw: Twiddles): void {
  const rev = tw.rev;
  for (let i = 1; i < rows; i++) {
    const j = rev[i]!;
    if (i < j) {
      for (let c = 0, a = i * cols, b = j * cols; c < cols; c++, a++, b++) {
        let t = re[a]!;
        re[a] = re[b]!;
        re[b] = t;
        t = im[a]!;
        im[a] = im[b]!;
        im[b] = t;
      }
    }
  }
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= rows; len <<= 1) {
    const half = len >> 1,
      step = tw.n / len;
    for (let k = 0, tk = 0; k < half; k++, tk += step) {
      const wr = tw.cos[tk]!,
        wi = sign * tw.sin[tk]!;
      for (let r = k; r < rows; r += len) {
        const a0 = r * cols,
          b0 = (r + half) * cols;
        for (let c = 0; c < cols; c++) {
          const a = a0 + c,
            b = b0 + c;
          const br = re[b]!,
            bi = im[b]!;
          const xr = br * wr - bi * wi,
            xi = br * wi + bi * wr;
          const ar = re[a]!,
            ai = im[a]!;
          re[b] = ar - xr;
          im[b] = ai - xi;
          re[a] = ar + xr;
          im[a] = ai + xi;
        }
      }
    }
  }
}

/**
 * Spectra of two real `rows × cols` arrays with one complex FFT: z = a + i·b is transformed and split by
 * Hermitian symmetry, A(k) = (Z(k) + Z*(−k)) / 2 and B(k) = (Z(k) − Z*(−k)) / 2i (the "two real FFTs for the
 * price of one" identity; W. H. Press et al., Numerical Recipes, 3rd ed., §12.3.1, 2007). `a` and `b` are
 * not modified.
 *
 * @throws VesselprintError as {@link fft2d}
 * @example const [A, B] = fft2dRealPair(a, b, 128, 128); // A.re, A.im equal fft2d(a, 0); B likewise
 */
export function fft2dRealPair(
  a: Float64Array,
  b: Float64Array,
  rows: number,
  cols: number,
): [{ re: Float64Array; im: Float64Array }, { re: Float64Array; im: Float64Array }] {
  const n = rows * cols;
  if (a.length !== n || b.length !== n)
    throw new VesselprintError('SHAPE_MISMATCH', `fft2dRealPair: arrays hold ${a.length}/${b.length} values, expected ${n}`);
  const zr = Float64Array.from(a),
    zi = Float64Array.from(b);
  fft2d(zr, zi, rows, cols);
  const ar = new Float64Array(n),
    ai = new Float64Array(n),
    br = new Float64Array(n),
    bi = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const nr = ((rows - r) % rows) * cols;
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c,
        j = nr + ((cols - c) % cols);
      const xr = zr[i]!,
        xi = zi[i]!,
        wr = zr[j]!,
        wi = zi[j]!;
      ar[i] = (xr + wr) / 2;
      ai[i] = (xi - wi) / 2;
      br[i] = (xi + wi) / 2;
      bi[i] = (wr - xr) / 2;
    }
  }
  return [
    { re: ar, im: ai },
    { re: br, im: bi },
  ];
}
