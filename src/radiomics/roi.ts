import { VesselprintError } from '../core/errors.js';

/** Options of {@link resegment}. */
export interface ResegmentOptions {
  /** Keep only intensities in [min, max] (IBSI re-segmentation by range, IBSI 3.6). Default: none. */
  range?: [number, number];
  /** Remove intensities outside mean ± 3 SD of the ROI (IBSI outlier filtering). Default false. */
  outlier?: boolean;
}

/** The two IBSI masks: intensity mask (re-segmented) and morphological mask (as given). */
export interface RoiMasks {
  intensityMask: Uint8Array;
  morphMask: Uint8Array;
}

/**
 * Builds the intensity and morphological masks of IBSI 1 (section 2.5). The morphological mask
 * is the input mask; the intensity mask is that mask after re-segmentation by range and then by
 * outlier removal (mean ± 3 SD, SD with denominator N, computed on the range-re-segmented ROI).
 *
 * Policy for an empty ROI: a `VesselprintError` (`EMPTY_INPUT`) naming the step that emptied it.
 * A ROI with one grey level is valid; families report NaN for features that are undefined then.
 *
 * @param values intensities (row-major)
 * @param mask non-zero = inside
 * @throws VesselprintError EMPTY_INPUT when the mask or the re-segmented mask is empty
 * @example
 * resegment(new Float64Array([1, 2, 100]), new Uint8Array([1, 1, 1]), { range: [0, 10] }).intensityMask
 * // Uint8Array [1, 1, 0]
 */
export function resegment(values: ArrayLike<number>, mask: ArrayLike<number>, options: ResegmentOptions = {}): RoiMasks {
  const n = mask.length;
  const morphMask = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i] !== 0) {
      morphMask[i] = 1;
      count++;
    }
  }
  if (count === 0)
    throw new VesselprintError('EMPTY_INPUT', 'radiomics: mask has no pixels inside the image (ROI is empty)', { field: 'mask' });
  const intensityMask = morphMask.slice();
  if (options.range) {
    const [lo, hi] = options.range;
    if (!(lo <= hi))
      throw new VesselprintError('BAD_ARGUMENT', `radiomics: re-segmentation range must have min <= max, got [${lo}, ${hi}]`, {
        field: 'range',
      });
    for (let i = 0; i < n; i++) {
      if (intensityMask[i] === 1 && !(values[i]! >= lo && values[i]! <= hi)) intensityMask[i] = 0;
    }
    if (countOnes(intensityMask) === 0) {
      throw new VesselprintError('EMPTY_INPUT', `radiomics: no ROI pixel lies in the re-segmentation range [${lo}, ${hi}] (ROI is empty)`, {
        field: 'range',
      });
    }
  }
  if (options.outlier) {
    let s = 0;
    let s2 = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (intensityMask[i] === 1) {
        s += values[i]!;
        m++;
      }
    }
    const mean = s / m;
    for (let i = 0; i < n; i++) if (intensityMask[i] === 1) s2 += (values[i]! - mean) ** 2;
    const sd = Math.sqrt(s2 / m);
    for (let i = 0; i < n; i++) {
      if (intensityMask[i] === 1 && Math.abs(values[i]! - mean) > 3 * sd) intensityMask[i] = 0;
    }
  }
  return { intensityMask, morphMask };
}

function countOnes(m: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < m.length; i++) c += m[i]!;
  return c;
}
