import { DIRECTIONS_2D } from '../directions.js';
import { accumulatorFor, type SparseMatrix } from '../glcm/matrix.js';
import { padLevels } from '../padded.js';

/**
 * Grey level run-length matrices of one 2D image for the 4 IBSI in-plane directions (IBSI 3.7):
 * r_ij = number of maximal runs of level i and length j along the direction; runs stop at the
 * ROI border (level 0) and the image border.
 * @returns one sparse matrix per direction (i = level, j = run length)
 * @example glrlmMatrices(new Int32Array([1, 1, 2]), 3, 1, 2)[0] // runs (1, length 2) and (2, length 1)
 */
export function glrlmMatrices(levels: Int32Array, width: number, height: number, ng: number, workspace?: object): SparseMatrix[] {
  const acc = accumulatorFor(workspace, 'glrlm', ng, Math.max(width, height));
  // the padded levels have a border of zeros, so a run stops there without bounds checks
  const { p, pw } = padLevels(levels, width, height);
  const out: SparseMatrix[] = [];
  for (const [dr, dc] of DIRECTIONS_2D) {
    const step = dr * pw + dc;
    for (let r = 0; r < height; r++) {
      for (let q = (r + 1) * pw + 1, end = q + width; q < end; q++) {
        const lv = p[q]!;
        if (lv === 0 || p[q - step] === lv) continue; // not the first pixel of a run
        let len = 1;
        for (let t = q + step; p[t] === lv; t += step) len++;
        acc.add(lv, len);
      }
    }
    out.push(acc.take());
  }
  return out;
}
