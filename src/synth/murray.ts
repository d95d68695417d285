/**
 * Radii of the two daughters of a vessel of radius `parentRadius` under Murray's law
 * r_p³ = r_1³ + r_2³ (Murray 1926, PNAS 12:207, doi:10.1073/pnas.12.3.207), given the asymmetry
 * ratio k = r_2 / r_1 in (0, 1]: r_1 = r_p (1 + k³)^(−1/3), r_2 = k r_1.
 *
 * @example murraySplit(1, 1) // [0.7937…, 0.7937…] (2^(−1/3))
 */
export function murraySplit(parentRadius: number, k: number): [number, number] {
  const r1 = parentRadius * Math.pow(1 + k * k * k, -1 / 3);
  return [r1, k * r1];
}
