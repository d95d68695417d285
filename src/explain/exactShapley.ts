/**
 * Exact Shapley values and Shapley interaction indices by enumerating every coalition
 * (Shapley 1953; interaction index of Grabisch & Roubens 1999, as used by Lundberg et al. 2020,
 * doi:10.1038/s42256-019-0138-9, eq. (4)). Cost O(2^M) value calls: the test oracle, M ≤ 20.
 */
import { VesselprintError } from '../core/errors.js';
import type { CoalitionValue } from './types.js';

const MAX_PLAYERS = 20;

function factorials(n: number): Float64Array {
  const f = new Float64Array(n + 1);
  f[0] = 1;
  for (let i = 1; i <= n; i++) f[i] = f[i - 1]! * i;
  return f;
}

/** v(S) for every bitmask S of M players. */
function allValues(value: CoalitionValue, m: number): Float64Array {
  if (!(Number.isInteger(m) && m >= 1 && m <= MAX_PLAYERS))
    throw new VesselprintError('BAD_ARGUMENT', `exactShapley: 1..${MAX_PLAYERS} features can be enumerated, got ${m}`, {
      field: 'nFeatures',
    });
  const n = 1 << m;
  const v = new Float64Array(n);
  const mask = new Uint8Array(m);
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < m; j++) mask[j] = (s >> j) & 1;
    v[s] = value(mask);
  }
  return v;
}

function popcount(s: number): number {
  let c = 0;
  while (s) {
    s &= s - 1;
    c++;
  }
  return c;
}

/**
 * φ_i = Σ_{S ⊆ N∖{i}} |S|!(M−|S|−1)!/M! · [v(S ∪ {i}) − v(S)].
 * @param value coalition value function (mask of present features)
 * @param m number of players (features), 1..20
 * @example exactShapley((s) => s[0]! * 2 + s[1]! * s[0]!, 2) // Float64Array [2.5, 0.5]
 */
export function exactShapley(value: CoalitionValue, m: number): Float64Array {
  const v = allValues(value, m);
  const f = factorials(m);
  const phi = new Float64Array(m);
  for (let s = 0; s < v.length; s++) {
    const k = popcount(s);
    for (let i = 0; i < m; i++) {
      if ((s >> i) & 1) continue;
      phi[i] += ((f[k]! * f[m - k - 1]!) / f[m]!) * (v[s | (1 << i)]! - v[s]!);
    }
  }
  return phi;
}

/**
 * Shapley interaction values as in TreeSHAP (Lundberg et al. 2020, eq. (4)–(5)): for i ≠ j
 * Φ_ij = Σ_{S ⊆ N∖{i,j}} |S|!(M−|S|−2)!/(2(M−1)!) · [v(S∪{i,j}) − v(S∪{i}) − v(S∪{j}) + v(S)],
 * and Φ_ii = φ_i − Σ_{j≠i} Φ_ij. Returns a row-major M × M matrix.
 * @example exactShapleyInteractions((s) => s[0]! * s[1]!, 2) // [0, 0.5, 0.5, 0]
 */
export function exactShapleyInteractions(value: CoalitionValue, m: number): Float64Array {
  const v = allValues(value, m);
  const f = factorials(m);
  const out = new Float64Array(m * m);
  if (m >= 2) {
    for (let s = 0; s < v.length; s++) {
      const k = popcount(s);
      if (k > m - 2) continue;
      const w = (f[k]! * f[m - k - 2]!) / (2 * f[m - 1]!);
      for (let i = 0; i < m; i++) {
        if ((s >> i) & 1) continue;
        for (let j = i + 1; j < m; j++) {
          if ((s >> j) & 1) continue;
          const d = v[s | (1 << i) | (1 << j)]! - v[s | (1 << i)]! - v[s | (1 << j)]! + v[s]!;
          out[i * m + j] += w * d;
        }
      }
    }
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) out[j * m + i] = out[i * m + j]!;
  }
  const phi = exactShapley(value, m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) if (j !== i) s += out[i * m + j]!;
    out[i * m + i] = phi[i]! - s;
  }
  return out;
}
