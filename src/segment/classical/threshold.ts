/**
 * Global thresholds for a response map: Otsu's method and a target foreground fraction.
 */
import type { Mask2D } from '../../core/image.js';
import { VesselprintError } from '../../core/errors.js';
import { otsuSplit } from '../../preprocess/otsuSplit.js';

/**
 * Otsu's threshold: the value t maximising the between-class variance
 * σ_B²(t) = ω0 ω1 (μ0 − μ1)² of a `bins`-bin histogram of the values inside `mask`
 * (Otsu 1979, doi:10.1109/TSMC.1979.4310076). Pixels `> t` are foreground.
 * The histogram spans [min, max] of the values; the returned threshold is the upper edge of
 * the last background bin (as scikit-image's `threshold_otsu` uses bin centres, results agree to
 * within one bin width).
 * @param values pixel values
 * @param mask optional: only pixels with mask 1 count
 * @param bins histogram bins (default 256)
 * @example otsuThreshold(Float32Array.from([0, 0, 0, 10, 10, 10])) // between 0 and 10
 * @throws VesselprintError EMPTY_INPUT when no pixel is inside the mask
 */
export function otsuThreshold(values: ArrayLike<number>, mask?: Mask2D | Uint8Array, bins = 256): number {
  const m = mask === undefined ? undefined : mask instanceof Uint8Array ? mask : mask.data;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (m && !m[i]) continue;
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) throw new VesselprintError('EMPTY_INPUT', 'otsuThreshold: no pixels inside the mask');
  if (hi === lo) return lo;
  const hist = new Float64Array(bins);
  const scale = bins / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    if (m && !m[i]) continue;
    hist[Math.min(bins - 1, Math.floor((values[i]! - lo) * scale))]! += 1;
  }
  const bestB = otsuSplit(hist);
  return lo + (bestB + 1) / scale;
}

/**
 * Threshold that makes `fraction` of the pixels inside `mask` foreground (`> t`): the
 * (1 − fraction) quantile of the masked values (lower order statistic).
 * @param fraction in (0, 1), e.g. 0.12 for a fundus vessel fraction of 12 %
 * @example thresholdForFraction(Float32Array.from([1, 2, 3, 4]), 0.25) // 3
 */
export function thresholdForFraction(values: ArrayLike<number>, fraction: number, mask?: Mask2D | Uint8Array): number {
  if (!(fraction > 0 && fraction < 1)) {
    throw new VesselprintError('BAD_ARGUMENT', `thresholdForFraction: fraction must be in (0, 1), got ${fraction}`, { field: 'fraction' });
  }
  const m = mask === undefined ? undefined : mask instanceof Uint8Array ? mask : mask.data;
  let cnt = 0;
  for (let i = 0; i < values.length; i++) if (!m || m[i]) cnt++;
  if (cnt === 0) throw new VesselprintError('EMPTY_INPUT', 'thresholdForFraction: no pixels inside the mask');
  const v = new Float64Array(cnt);
  for (let i = 0, j = 0; i < values.length; i++) if (!m || m[i]) v[j++] = values[i]!;
  const k = Math.min(cnt - 1, Math.max(0, Math.floor((1 - fraction) * cnt) - 1));
  return selectKthInPlace(v, k);
}

/**
 * The k-th smallest value (0-based) of `a`, the value `a.sort()[k]` would give, in O(n) expected
 * time by Hoare's selection (C. A. R. Hoare, "Algorithm 65: find", CACM 4(7):321, 1961,
 * doi:10.1145/366622.366647) with a median-of-three pivot; `a` is reordered. Falls back to a full
 * sort when `a` holds NaN (which has no place in a comparison order).
 * @example selectKthInPlace(Float64Array.from([5, 1, 4, 2]), 1) // 2
 */
export function selectKthInPlace(a: Float64Array, k: number): number {
  for (let i = 0; i < a.length; i++) if (Number.isNaN(a[i]!)) return a.sort()[k]!;
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const x = a[lo]!,
      y = a[(lo + hi) >> 1]!,
      z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break; // j < k < i: a[k] equals the pivot
  }
  return a[k]!;
}

/** Binary mask of `values > t`, zero outside `mask` when given. */
export function applyThreshold(values: ArrayLike<number>, width: number, height: number, t: number, mask?: Mask2D): Mask2D {
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = values[i]! > t && (!mask || mask.data[i]) ? 1 : 0;
  return { data: out, width, height };
}
