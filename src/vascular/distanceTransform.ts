import type { Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';

const BIG = 1e20;

/**
 * Exact Euclidean distance transform: for every foreground pixel, the distance (in pixels,
 * between pixel centres) to the nearest background pixel of the image; 0 on background.
 * Like `scipy.ndimage.distance_transform_edt`, nothing outside the image counts as
 * background.
 *
 * Algorithm: the separable lower-envelope-of-parabolas method of Felzenszwalb & Huttenlocher,
 * "Distance transforms of sampled functions", Theory of Computing 8:415–428, 2012,
 * doi:10.4086/toc.2012.v008a019 (Algorithm 1 along rows, after exact 1-D column distances
 * from two sweeps); O(pixels).
 *
 * @param mask binary mask (non-zero = foreground)
 * @returns Float64Array, row-major, distance in pixels
 * @throws VesselprintError EMPTY_INPUT when the mask has no background pixel (distance undefined)
 * @example
 * // 1×5 row [0,1,1,1,0] → [0,1,2,1,0]
 */
export function distanceTransform(mask: Mask2D): Float64Array {
  const { width, height, data } = mask;
  const n = width * height;
  const f = new Float64Array(n);
  let anyBg = false;
  for (let i = 0; i < n; i++) {
    if (data[i] !== 0) f[i] = BIG;
    else anyBg = true;
  }
  if (!anyBg) throw new VesselprintError('EMPTY_INPUT', 'distanceTransform: the mask has no background pixel, distances are undefined');
  const len = Math.max(width, height);
  const line = new Float64Array(len);
  const out = new Float64Array(len);
  const v = new Int32Array(len);
  const z = new Float64Array(len + 1);
  // columns: for a binary input the 1-D distance to the nearest background pixel of the
  // column is found by a forward and a backward sweep (same result as the envelope, O(n));
  // done row by row over all columns at once for cache-friendly access
  for (let r = 1; r < height; r++) {
    const o = r * width;
    for (let c = 0; c < width; c++) {
      const prev = f[o - width + c]!;
      if (f[o + c] !== 0) f[o + c] = prev >= BIG ? BIG : prev + 1;
    }
  }
  for (let r = height - 2; r >= 0; r--) {
    const o = r * width;
    for (let c = 0; c < width; c++) {
      const below = f[o + width + c]!;
      if (below + 1 < f[o + c]!) f[o + c] = below + 1;
    }
  }
  for (let i = 0; i < n; i++) {
    const d = f[i]!;
    if (d < BIG) f[i] = d * d;
  }
  for (let r = 0; r < height; r++) {
    const o = r * width;
    for (let c = 0; c < width; c++) line[c] = f[o + c]!;
    envelope(line, width, out, v, z);
    for (let c = 0; c < width; c++) f[o + c] = Math.sqrt(out[c]!);
  }
  return f;
}

/** 1-D squared distance transform of sampled function `g` (FH 2012, Algorithm 1). */
function envelope(g: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    const gq = g[q]! + q * q;
    let s = (gq - (g[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    while (s <= z[k]!) {
      k--;
      s = (gq - (g[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const dq = q - v[k]!;
    d[q] = dq * dq + g[v[k]!]!;
  }
}
