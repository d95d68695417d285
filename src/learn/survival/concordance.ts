/**
 * Harrell's concordance index C for a risk score against right-censored survival: among
 * comparable pairs (the shorter observed time is an event; equal times count when the other
 * row is censored), the fraction where the row that failed first has the higher risk score;
 * ties in the score count ½. C = 0.5 is chance, 1 perfect ranking.
 * Harrell et al. 1982, doi:10.1001/jama.1982.03320430047030; Harrell, Lee & Mark 1996,
 * doi:10.1002/(SICI)1097-0258(19960229)15:4<361::AID-SIM168>3.0.CO;2-4.
 * CI: percentile bootstrap over rows (seeded), type-7 quantiles.
 */
import { VesselprintError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { quantileSorted } from '../../core/quantile.js';

export interface ConcordanceOptions {
  /** Bootstrap resamples for the CI (0 = no CI). Default 200. */
  nBoot?: number;
  /** Seed of the bootstrap. Default 0. */
  seed?: number;
  /** Confidence level. Default 0.95. */
  level?: number;
}
export const DEFAULT_CONCORDANCE_OPTIONS: Required<ConcordanceOptions> = { nBoot: 200, seed: 0, level: 0.95 };

export interface Concordance {
  c: number;
  ciLow: number;
  ciHigh: number;
  nComparable: number;
  nConcordant: number;
  nDiscordant: number;
  nTiedRisk: number;
}

function counts(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  risk: ArrayLike<number>,
  idx: ArrayLike<number>,
): [number, number, number, number] {
  let comp = 0,
    conc = 0,
    disc = 0,
    tied = 0;
  const m = idx.length;
  for (let a = 0; a < m; a++) {
    const i = idx[a]!;
    if (event[i] !== 1) continue;
    for (let b = 0; b < m; b++) {
      const j = idx[b]!;
      if (time[j]! < time[i]! || (time[j] === time[i] && (event[j] === 1 || i === j))) continue;
      comp++;
      if (risk[i]! > risk[j]!) conc++;
      else if (risk[i]! < risk[j]!) disc++;
      else tied++;
    }
  }
  return [comp, conc, disc, tied];
}

/**
 * @throws VesselprintError SHAPE_MISMATCH for different lengths; EMPTY_INPUT with no comparable pair.
 * @example harrellC([1, 2, 3], [1, 1, 0], [3, 2, 1]).c // 1 (earlier failures had higher risk)
 */
export function harrellC(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  risk: ArrayLike<number>,
  options: ConcordanceOptions = {},
): Concordance {
  const o = { ...DEFAULT_CONCORDANCE_OPTIONS, ...options };
  const n = time.length;
  if (event.length !== n || risk.length !== n)
    throw new VesselprintError('SHAPE_MISMATCH', `harrellC: ${n} times, ${event.length} events, ${risk.length} scores`);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const [comp, conc, disc, tied] = counts(time, event, risk, all);
  if (comp === 0) throw new VesselprintError('EMPTY_INPUT', 'harrellC: no comparable pair (no event before another observed time)');
  const c = (conc + 0.5 * tied) / comp;
  let lo = NaN,
    hi = NaN;
  if (o.nBoot > 0) {
    const rng = createRng(o.seed),
      boots: number[] = [],
      idx = new Int32Array(n);
    for (let b = 0; b < o.nBoot; b++) {
      for (let i = 0; i < n; i++) idx[i] = rng.int(0, n - 1);
      const [bc, bk, , bt] = counts(time, event, risk, idx);
      if (bc > 0) boots.push((bk + 0.5 * bt) / bc);
    }
    boots.sort((u, v) => u - v);
    const a = (1 - o.level) / 2;
    lo = quantileSorted(boots, a);
    hi = quantileSorted(boots, 1 - a);
  }
  return { c, ciLow: lo, ciHigh: hi, nComparable: comp, nConcordant: conc, nDiscordant: disc, nTiedRisk: tied };
}
