/**
 * The 4 in-plane directions of IBSI 2D texture matrices, as (row step, column step):
 * 0°, 45°, 90°, 135°. With symmetric counting these cover all 8 neighbours (Chebyshev δ = 1).
 */
export const DIRECTIONS_2D: readonly (readonly [number, number])[] = [
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
];
