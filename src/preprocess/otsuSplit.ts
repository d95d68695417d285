/**
 * Otsu's split of a histogram: the bin index b that maximises the between-class variance
 * w0·w1·(μ0 − μ1)² when bins 0..b form class 0 and b+1.. class 1 (Otsu 1979, eq. 18,
 * doi:10.1109/TSMC.1979.4310076). Returns 0 when every split leaves a class empty.
 * @example otsuSplit(Float64Array.from([5, 5, 0, 0, 5, 5])) // 1 (or any bin of the gap: the first maximum)
 */
export function otsuSplit(hist: Float64Array): number {
  const bins = hist.length;
  let total = 0;
  let sumAll = 0;
  for (let b = 0; b < bins; b++) {
    total += hist[b]!;
    sumAll += b * hist[b]!;
  }
  let w0 = 0;
  let s0 = 0;
  let best = -1;
  let split = 0;
  for (let b = 0; b < bins - 1; b++) {
    w0 += hist[b]!;
    s0 += b * hist[b]!;
    const w1 = total - w0;
    if (w0 === 0 || w1 === 0) continue;
    const d = s0 / w0 - (sumAll - s0) / w1;
    const v = w0 * w1 * d * d;
    if (v > best) {
      best = v;
      split = b;
    }
  }
  return split;
}
