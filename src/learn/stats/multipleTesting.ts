/**
 * Multiple-testing corrections, matching statsmodels `multipletests(p, method=…)`.
 * NaN p-values are left NaN and do not count towards m.
 */

function finiteIndex(p: readonly number[]): number[] {
  return p.map((_, i) => i).filter((i) => Number.isFinite(p[i]!));
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values): q₍ᵢ₎ = min_{j≥i} min(1, m·p₍ⱼ₎/j)
 * (Benjamini & Hochberg 1995, doi:10.1111/j.2517-6161.1995.tb02031.x).
 * @example benjaminiHochberg([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const idx = finiteIndex(p).sort((a, b) => p[a]! - p[b]!);
  const m = idx.length;
  const out = p.map(() => NaN);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    running = Math.min(running, (p[idx[k]!]! * m) / (k + 1));
    out[idx[k]!] = Math.min(1, running);
  }
  return out;
}

/** Bonferroni: min(1, m·p). @example bonferroni([0.01, 0.2]) // [0.02, 0.4] */
export function bonferroni(p: readonly number[]): number[] {
  const m = finiteIndex(p).length;
  return p.map((v) => (Number.isFinite(v) ? Math.min(1, v * m) : NaN));
}

/** Holm step-down: p₍ᵢ₎·(m−i+1), made monotone, capped at 1 (Holm 1979). */
export function holm(p: readonly number[]): number[] {
  const idx = finiteIndex(p).sort((a, b) => p[a]! - p[b]!);
  const m = idx.length;
  const out = p.map(() => NaN);
  let running = 0;
  idx.forEach((i, k) => {
    running = Math.max(running, Math.min(1, p[i]! * (m - k)));
    out[i] = running;
  });
  return out;
}
