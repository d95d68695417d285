import type { Mask2D } from '../core/image.js';
import { oneOf } from '../core/errors.js';
import { NB_COUNT, SIMPLE, TRANSITIONS, neighbourCode, padMask, unpadMask } from './neighbourhood.js';

/** Options of {@link skeletonize}. */
export interface SkeletonizeOptions {
  /** Thinning algorithm: `"zhang-suen"` (with the simple-point guard below) or `"guo-hall"` (Guo & Hall 1989, algorithm A1, exactly parallel). Default `"guo-hall"`. */
  method?: 'zhang-suen' | 'guo-hall';
}

/** Defaults of {@link SkeletonizeOptions}. */
export const DEFAULT_SKELETONIZE: Required<SkeletonizeOptions> = { method: 'guo-hall' };

/** Guo–Hall A1 deletion tables for the two sub-iterations (codes as in neighbourhood.ts). */
const GUO_HALL: [Uint8Array, Uint8Array] = (() => {
  const t: [Uint8Array, Uint8Array] = [new Uint8Array(256), new Uint8Array(256)];
  for (let code = 0; code < 256; code++) {
    const b = (k: number): number => (code >> k) & 1;
    const [p2, p3, p4, p5, p6, p7, p8, p9] = [b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7)];
    const nb = (x: number): number => 1 - x;
    const C = (nb(p2) & (p3 | p4)) + (nb(p4) & (p5 | p6)) + (nb(p6) & (p7 | p8)) + (nb(p8) & (p9 | p2));
    const N1 = (p9 | p2) + (p3 | p4) + (p5 | p6) + (p7 | p8);
    const N2 = (p2 | p3) + (p4 | p5) + (p6 | p7) + (p8 | p9);
    const N = Math.min(N1, N2);
    const m0 = (p6 | p7 | nb(p9)) & p8;
    const m1 = (p2 | p3 | nb(p5)) & p4;
    t[0][code] = C === 1 && N >= 2 && N <= 3 && m0 === 0 ? 1 : 0;
    t[1][code] = C === 1 && N >= 2 && N <= 3 && m1 === 0 ? 1 : 0;
  }
  return t;
})();

const N = 1,
  E = 4,
  S = 16,
  W = 64;

/**
 * Thins a binary mask to a one-pixel-wide, 8-connected skeleton that keeps the topology of
 * the mask (same 8-connected components, same holes).
 *
 * `"guo-hall"` (default): the two-subiteration parallel algorithm A1 of Guo & Hall (1989),
 * proven topology preserving; unlike Zhang–Suen it keeps two-pixel-thick diagonal lines.
 * `"zhang-suen"`: the two alternating sub-iterations of Zhang & Suen (1984) mark deletion
 * candidates (2 ≤ B(P1) ≤ 6, A(P1) = 1, P2·P4·P6 = 0 and P4·P6·P8 = 0, resp.
 * P2·P4·P8 = 0 and P2·P6·P8 = 0); the candidates are then deleted one by one, each only if
 * it is still a simple point (Rosenfeld 1970), which guarantees topology preservation (the
 * parallel scheme deletes 2×2 blocks). Both are followed by a sequential pass that deletes
 * simple, non-end "staircase" pixels (two 4-neighbours at a right angle), so that the result
 * is one pixel wide under 8-connectivity (a 2×2 block can remain only inside a junction).
 *
 * References: Z. Guo & R. W. Hall, "Parallel thinning with two-subiteration algorithms",
 * Commun. ACM 32(3):359–373, 1989, doi:10.1145/62065.62074. T. Y. Zhang & C. Y. Suen, "A fast
 * parallel algorithm for thinning digital patterns", Commun. ACM 27(3):236–239, 1984,
 * doi:10.1145/357994.358023. L. Lam, S.-W. Lee & C. Y. Suen, "Thinning methodologies — a
 * comprehensive survey", IEEE TPAMI 14(9):869–885, 1992, doi:10.1109/34.161346.
 *
 * Pixels outside the image count as background.
 *
 * References: T. Y. Zhang & C. Y. Suen, "A fast parallel algorithm for thinning digital
 * patterns", Commun. ACM 27(3):236–239, 1984, doi:10.1145/357994.358023. L. Lam, S.-W. Lee &
 * C. Y. Suen, "Thinning methodologies — a comprehensive survey", IEEE TPAMI 14(9):869–885,
 * 1992, doi:10.1109/34.161346.
 *
 * @param mask binary mask (non-zero = foreground)
 * @param options see {@link SkeletonizeOptions}
 * @returns a new mask of the same size and spacing with 1 on skeleton pixels
 * @example
 * // a 3-pixel-thick horizontal bar of 10 columns thins to a single row
 * skeletonize(bar).data.reduce((a, b) => a + b, 0) // ≈ 8–10
 */
export function skeletonize(mask: Mask2D, options: SkeletonizeOptions = {}): Mask2D {
  const method = oneOf('method', options.method ?? DEFAULT_SKELETONIZE.method, ['zhang-suen', 'guo-hall'] as const);
  const { width, height } = mask;
  const stride = width + 2;
  const buf = padMask(mask.data, width, height);
  let list = collect(buf);
  const cand = new Int32Array(list.length);
  if (method === 'guo-hall') {
    for (;;) {
      let changed = false;
      for (let step = 0; step < 2; step++) {
        const lut = GUO_HALL[step]!;
        let nc = 0;
        for (let j = 0; j < list.length; j++) {
          const i = list[j]!;
          if (lut[neighbourCode(buf, i, stride)]) cand[nc++] = i;
        }
        for (let j = 0; j < nc; j++) buf[cand[j]!] = 0;
        if (nc > 0) {
          changed = true;
          list = compact(list, buf);
        }
      }
      if (!changed) break;
    }
  }
  for (; method === 'zhang-suen';) {
    let changed = false;
    for (let step = 0; step < 2; step++) {
      let nc = 0;
      for (let j = 0; j < list.length; j++) {
        const i = list[j]!;
        if (!buf[i]) continue;
        const code = neighbourCode(buf, i, stride);
        const b = NB_COUNT[code]!;
        if (b < 2 || b > 6 || TRANSITIONS[code] !== 1) continue;
        if (step === 0) {
          if ((code & (N | E | S)) === (N | E | S) || (code & (E | S | W)) === (E | S | W)) continue;
        } else if ((code & (N | E | W)) === (N | E | W) || (code & (N | S | W)) === (N | S | W)) continue;
        cand[nc++] = i;
      }
      // pass 1: sequential deletion of candidates that are still simple and not end points
      let nEnd = 0;
      for (let j = 0; j < nc; j++) {
        const i = cand[j]!;
        const code = neighbourCode(buf, i, stride);
        if (NB_COUNT[code]! >= 2) {
          if (SIMPLE[code]) {
            buf[i] = 0;
            changed = true;
          }
        } else cand[nEnd++] = i; // became an end point during this pass
      }
      // pass 2: candidates that became end points in pass 1 are deleted as in the parallel
      // scheme, but only those that were end points before any of them was deleted (no
      // chain erosion along a line) and only while still simple (no component vanishes)
      for (let j = 0; j < nEnd; j++) {
        const i = cand[j]!;
        if (SIMPLE[neighbourCode(buf, i, stride)]) {
          buf[i] = 0;
          changed = true;
        }
      }
    }
    if (!changed) break;
    list = compact(list, buf);
  }
  // staircase removal: simple, non-end pixels with two perpendicular 4-neighbours
  for (let j = 0; j < list.length; j++) {
    const i = list[j]!;
    if (!buf[i]) continue;
    const code = neighbourCode(buf, i, stride);
    const corner = (code & N && code & E) || (code & E && code & S) || (code & S && code & W) || (code & W && code & N);
    if (corner && NB_COUNT[code]! >= 2 && SIMPLE[code]) buf[i] = 0;
  }
  const out: Mask2D = { data: unpadMask(buf, width, height), width, height };
  if (mask.spacingUm !== undefined) out.spacingUm = mask.spacingUm;
  return out;
}

function collect(buf: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < buf.length; i++) n += buf[i]!;
  const out = new Int32Array(n);
  for (let i = 0, k = 0; i < buf.length; i++) if (buf[i]) out[k++] = i;
  return out;
}

function compact(list: Int32Array, buf: Uint8Array): Int32Array {
  let k = 0;
  for (let j = 0; j < list.length; j++) if (buf[list[j]!]) list[k++] = list[j]!;
  return list.subarray(0, k);
}
