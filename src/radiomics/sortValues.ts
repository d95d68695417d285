/**
 * Ascending in-place sort of a Float64Array with a counting-sort fast path for whole-number data.
 *
 * Radiomics sorts ROI intensities for every percentile (IBSI 3.3 / 3.4): 8- or 16-bit grey values
 * and discretized grey levels are whole numbers in a narrow range, where a counting sort is O(n +
 * range) instead of the O(n log n) comparison sort. The output is the same array `x.sort()` gives
 * (bit for bit); anything else (fractions, NaN, −0, a range wider than {@link COUNTING_SORT_MAX_RANGE}
 * or than 4·n) falls back to `TypedArray.prototype.sort`.
 * @example sortValuesInPlace(Float64Array.from([3, 1, 2])) // Float64Array [1, 2, 3]
 */
export function sortValuesInPlace(x: Float64Array): Float64Array {
  const n = x.length;
  if (n < 64) return x.sort();
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    // not a whole number (also NaN and ±Infinity), or −0 (which sort() orders before +0)
    if (!Number.isInteger(v) || (v === 0 && 1 / v < 0)) return x.sort();
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min + 1;
  if (range > COUNTING_SORT_MAX_RANGE || range > 4 * n) return x.sort();
  const counts = new Uint32Array(range);
  for (let i = 0; i < n; i++) counts[x[i]! - min]!++;
  let j = 0;
  for (let b = 0; b < range; b++) {
    const v = b + min;
    for (let c = counts[b]!; c > 0; c--) x[j++] = v;
  }
  return x;
}

/** Widest value range (max − min + 1) sorted by counting; 16-bit images fit. */
export const COUNTING_SORT_MAX_RANGE = 1 << 17;
