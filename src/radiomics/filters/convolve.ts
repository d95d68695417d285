/**
 * Separable 1D convolution along rows or columns with mirror boundaries
 * (IBSI 2 "mirror": … c b a | a b c …, the edge sample repeated).
 */

/** Index reflected into 0..n−1 with the edge sample repeated (symmetric extension). */
export function mirrorIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n;
  let k = i % period;
  if (k < 0) k += period;
  return k < n ? k : period - 1 - k;
}

/**
 * out[r, c] = Σ_t kernel[t] · in[r, c − (t − origin) · step] (a convolution) along `axis`:
 * 'x' filters within each row (over columns), 'y' within each column (over rows).
 * `origin` is the kernel index at the output sample; `step` > 1 gives the à trous (dilated) kernel.
 */
export function convolve1d(
  input: Float64Array,
  width: number,
  height: number,
  kernel: ArrayLike<number>,
  axis: 'x' | 'y',
  origin: number,
  step = 1,
): Float64Array {
  const out = new Float64Array(width * height);
  const nk = kernel.length;
  if (axis === 'x') {
    const idx = new Int32Array(width * nk);
    for (let c = 0; c < width; c++) for (let t = 0; t < nk; t++) idx[c * nk + t] = mirrorIndex(c - (t - origin) * step, width);
    for (let r = 0; r < height; r++) {
      const base = r * width;
      for (let c = 0; c < width; c++) {
        let s = 0;
        for (let t = 0; t < nk; t++) s += kernel[t]! * input[base + idx[c * nk + t]!]!;
        out[base + c] = s;
      }
    }
  } else {
    for (let r = 0; r < height; r++) {
      const base = r * width;
      for (let t = 0; t < nk; t++) {
        const rr = mirrorIndex(r - (t - origin) * step, height) * width;
        const k = kernel[t]!;
        for (let c = 0; c < width; c++) out[base + c]! += k * input[rr + c]!;
      }
    }
  }
  return out;
}
