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
export function glcmMatrices(levels: Int32Array, width: number, height: number, ng: number, distance = 1, acc?: SparseAccumulator): SparseMatrix[] {
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
