/**
 * Scale-normalised 2-D Hessian of a single-channel image and its eigenvalues.
 *
 * The image is smoothed with a Gaussian of standard deviation σ (reflect borders), then the
 * second derivatives are taken with central finite differences:
 * `Hrr = f(r+1,c) − 2f(r,c) + f(r−1,c)`, `Hcc` likewise along columns,
 * `Hrc = [f(r+1,c+1) − f(r+1,c−1) − f(r−1,c+1) + f(r−1,c−1)] / 4`,
 * and multiplied by σ² (γ-normalised derivatives with γ = 2, Lindeberg 1998,
 * doi:10.1023/A:1008045108935), so responses at different scales are comparable.
 */
import type { Image2D } from '../../core/image.js';
import { gaussianBlur, reflectIndex } from '../../preprocess/gaussian.js';
import { VesselprintError } from '../../core/errors.js';

/** Hessian components and eigenvalues at one scale (all σ²-normalised). */
export interface HessianEigen {
  /** Eigenvalue with the smaller magnitude, |λ1| ≤ |λ2|. */
  lambda1: Float32Array;
  /** Eigenvalue with the larger magnitude. */
  lambda2: Float32Array;
  width: number;
  height: number;
}

/**
 * Eigenvalues of the symmetric 2x2 matrix [[a, b], [b, d]] sorted by magnitude, written into
 * `out[0]` (smaller |λ|) and `out[1]` (larger |λ|).
 */
export function eigen2x2Sym(a: number, b: number, d: number, out: Float64Array): void {
  const half = 0.5 * (a + d);
  const disc = Math.sqrt(0.25 * (a - d) * (a - d) + b * b);
  const m1 = half + disc;
  const m2 = half - disc;
  if (Math.abs(m1) <= Math.abs(m2)) {
    out[0] = m1;
    out[1] = m2;
  } else {
    out[0] = m2;
    out[1] = m1;
  }
}

/** Input check shared by the filters: one channel, finite sigma > 0. */
export function checkGreyImage(img: Image2D, fn: string): void {
  if (img.channels !== 1) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `${fn}: expected a single-channel image, got ${img.channels} channels (select a channel first)`,
    );
  }
}

/**
 * Calls `visit(i, hrr, hrc, hcc)` for every pixel with the σ²-normalised Hessian of `smoothed`.
 * Used by the filters so the Hessian images are never materialised.
 */
export function forEachHessian(
  smoothed: Float32Array,
  width: number,
  height: number,
  sigma: number,
  visit: (i: number, hrr: number, hrc: number, hcc: number) => void,
): void {
  const s2 = sigma * sigma;
  for (let r = 0; r < height; r++) {
    const up = reflectIndex(r - 1, height) * width;
    const mid = r * width;
    const dn = reflectIndex(r + 1, height) * width;
    for (let c = 0; c < width; c++) {
      const cl = c === 0 ? 0 : c - 1;
      const cr = c === width - 1 ? width - 1 : c + 1;
      const f = smoothed[mid + c]!;
      const hrr = smoothed[up + c]! - 2 * f + smoothed[dn + c]!;
      const hcc = smoothed[mid + cl]! - 2 * f + smoothed[mid + cr]!;
      const hrc = 0.25 * (smoothed[dn + cr]! - smoothed[dn + cl]! - smoothed[up + cr]! + smoothed[up + cl]!);
      visit(mid + c, s2 * hrr, s2 * hrc, s2 * hcc);
    }
  }
}

/**
 * σ²-normalised Hessian eigenvalues of a single-channel image at scale σ (pixels).
 * For a dark line on a bright background λ2 > 0 across the line; for a bright line λ2 < 0.
 * A bar of width w gives its largest |λ2| at its centre for σ ≈ w/2.
 * @example hessianEigen(img, 2).lambda2 // Float32Array, one value per pixel
 */
export function hessianEigen(img: Image2D, sigma: number): HessianEigen {
  checkGreyImage(img, 'hessianEigen');
  const { width, height } = img;
  const src = img.data instanceof Float32Array ? img.data : Float32Array.from(img.data);
  const smoothed = gaussianBlur(src, width, height, sigma);
  const lambda1 = new Float32Array(width * height);
  const lambda2 = new Float32Array(width * height);
  const ev = new Float64Array(2);
  forEachHessian(smoothed, width, height, sigma, (i, hrr, hrc, hcc) => {
    eigen2x2Sym(hrr, hrc, hcc, ev);
    lambda1[i] = ev[0]!;
    lambda2[i] = ev[1]!;
  });
  return { lambda1, lambda2, width, height };
}
