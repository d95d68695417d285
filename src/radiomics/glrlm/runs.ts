import { DIRECTIONS_2D } from '../directions.js';
import { accumulatorFor, type SparseMatrix } from '../glcm/matrix.js';

/**
 * Grey level run-length matrices of one 2D image for the 4 IBSI in-plane directions (IBSI 3.7):
 * r_ij = number of maximal runs of level i and length j along the direction; runs stop at the
 * ROI border (level 0) and the image border.
 * @returns one sparse matrix per direction (i = level, j = run length)
 * @example glrlmMatrices(new Int32Array([1, 1, 2]), 3, 1, 2)[0] // runs (1, length 2) and (2, length 1)
 */
export function glrlmMatrices(levels: Int32Array, width: number, height: number, ng: number, workspace?: object): SparseMatrix[] {
  const acc = accumulatorFor(workspace, 'glrlm', ng, Math.max(width, height));
  const out: SparseMatrix[] = [];
  for (const [dr, dc] of DIRECTIONS_2D) {
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        const lv = levels[r * width + c]!;
        if (lv === 0) continue;
        const pr = r - dr;
        const pc = c - dc;
        if (pr >= 0 && pr < height && pc >= 0 && pc < width && levels[pr * width + pc] === lv) continue;
        let len = 1;
        let rr = r + dr;
        let cc = c + dc;
        while (rr >= 0 && rr < height && cc >= 0 && cc < width && levels[rr * width + cc] === lv) {
          len++;
          rr += dr;
          cc += dc;
        }
        acc.add(lv, len);
      }
    }
    out.push(acc.take());
  }
  return out;
}
