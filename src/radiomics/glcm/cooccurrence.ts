import { DIRECTIONS_2D } from '../directions.js';
import { SparseAccumulator, type SparseMatrix } from './matrix.js';

/**
 * Symmetric grey-level co-occurrence matrices of one 2D image for the 4 IBSI in-plane
 * directions at Chebyshev distance `distance` (IBSI 3.6: M_Δ = M_Δ+ + M_Δ−). A pair counts
 * when both pixels lie in the ROI (level > 0).
 *
 * @param levels grey levels 1..ng inside the ROI, 0 outside (row-major, width x height)
 * @returns one sparse count matrix per direction (0°, 45°, 90°, 135°)
 * @example
 * glcmMatrices(new Int32Array([1, 2]), 2, 1, 2)[0] // pairs (1,2) and (2,1), one each
 */
export function glcmMatrices(
  levels: Int32Array,
  width: number,
  height: number,
  ng: number,
  distance = 1,
  acc?: SparseAccumulator,
): SparseMatrix[] {
  if (width * height >= 4 * (ng + 1) * (ng + 1)) return glcmMatricesDense(levels, width, height, ng, distance);
  const a = acc ?? new SparseAccumulator(ng, ng);
  const out: SparseMatrix[] = [];
  for (const [dr0, dc0] of DIRECTIONS_2D) {
    const dr = dr0 * distance;
    const dc = dc0 * distance;
    for (let r = 0; r < height; r++) {
      const r2 = r + dr;
      if (r2 < 0 || r2 >= height) continue;
      for (let c = 0; c < width; c++) {
        const c2 = c + dc;
        if (c2 < 0 || c2 >= width) continue;
        const a1 = levels[r * width + c]!;
        if (a1 === 0) continue;
        const a2 = levels[r2 * width + c2]!;
        if (a2 === 0) continue;
        a.add(a1, a2);
        a.add(a2, a1);
      }
    }
    out.push(a.take());
  }
  return out;
}

/**
 * Same result as {@link glcmMatrices}, for large images: one-sided counts in a dense
 * (ng + 1)² array, symmetrised (M + Mᵀ) when converted to sparse form.
 */
function glcmMatricesDense(levels: Int32Array, width: number, height: number, ng: number, distance: number): SparseMatrix[] {
  const n1 = ng + 1;
  const nn = n1 * n1;
  // One pass over the image fills the 4 one-sided count arrays (directions 0°, 45°, 90°, 135°
  // as in DIRECTIONS_2D, i.e. partners at (0, +d), (−d, +d), (−d, 0), (−d, −d)).
  const counts = new Float64Array(4 * nn);
  const d = distance;
  for (let r = 0; r < height; r++) {
    const base = r * width;
    const up = r - d >= 0;
    for (let c = 0; c < width; c++) {
      const a1 = levels[base + c]!;
      if (a1 === 0) continue;
      const row = a1 * n1;
      if (c + d < width) {
        const a = levels[base + c + d]!;
        if (a !== 0) counts[row + a]! += 1;
      }
      if (up) {
        const b = base - d * width + c;
        if (c + d < width) {
          const a = levels[b + d]!;
          if (a !== 0) counts[nn + row + a]! += 1;
        }
        const a = levels[b]!;
        if (a !== 0) counts[2 * nn + row + a]! += 1;
        if (c - d >= 0) {
          const a3 = levels[b - d]!;
          if (a3 !== 0) counts[3 * nn + row + a3]! += 1;
        }
      }
    }
  }
  const out: SparseMatrix[] = [];
  for (let dir = 0; dir < 4; dir++) {
    const o = dir * nn;
    let nnz = 0;
    for (let i = 1; i <= ng; i++) for (let j = 1; j <= ng; j++) if (counts[o + i * n1 + j]! + counts[o + j * n1 + i]! > 0) nnz++;
    const mi = new Int32Array(nnz);
    const mj = new Int32Array(nnz);
    const mv = new Float64Array(nnz);
    let k = 0;
    let total = 0;
    for (let i = 1; i <= ng; i++) {
      for (let j = 1; j <= ng; j++) {
        const v = counts[o + i * n1 + j]! + counts[o + j * n1 + i]!;
        if (v === 0) continue;
        mi[k] = i;
        mj[k] = j;
        mv[k] = v;
        total += v;
        k++;
      }
    }
    out.push({ i: mi, j: mj, v: mv, n: nnz, total });
  }
  return out;
}
