/**
 * Zhang–Suen thinning (Zhang & Suen, "A fast parallel algorithm for thinning digital patterns",
 * Commun. ACM 27(3) 1984, doi:10.1145/357994.358023), used by clDice. Pixels outside the image
 * count as background.
 */
import type { Mask2D } from '../../core/image.js';

/**
 * One-pixel-wide 8-connected skeleton of a binary mask by Zhang–Suen thinning.
 * Neighbours P2..P9 run clockwise from north. A pixel is deleted in sub-iteration 1 when
 * 2 ≤ B ≤ 6, A = 1, P2·P4·P6 = 0 and P4·P6·P8 = 0; in sub-iteration 2 the last two become
 * P2·P4·P8 = 0 and P2·P6·P8 = 0 (B: foreground neighbours, A: 0→1 transitions around P2..P9,P2).
 * @example zhangSuenSkeleton(bar5x20).data // a 1-pixel line along the bar's axis
 */
export function zhangSuenSkeleton(mask: Mask2D): Mask2D {
  const { width, height } = mask;
  const img = new Uint8Array(width * height);
  for (let i = 0; i < img.length; i++) img[i] = mask.data[i] !== 0 ? 1 : 0;
  const at = (r: number, c: number): number => (r < 0 || c < 0 || r >= height || c >= width ? 0 : img[r * width + c]!);
  const nb = new Uint8Array(8);
  // candidate list: foreground pixels only, shrinks as thinning proceeds
  let cand: number[] = [];
  for (let i = 0; i < img.length; i++) if (img[i]) cand.push(i);
  const toDelete: number[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (let step = 0; step < 2; step++) {
      toDelete.length = 0;
      for (const p of cand) {
        if (!img[p]) continue;
        const r = (p / width) | 0;
        const c = p - r * width;
        nb[0] = at(r - 1, c); // P2
        nb[1] = at(r - 1, c + 1); // P3
        nb[2] = at(r, c + 1); // P4
        nb[3] = at(r + 1, c + 1); // P5
        nb[4] = at(r + 1, c); // P6
        nb[5] = at(r + 1, c - 1); // P7
        nb[6] = at(r, c - 1); // P8
        nb[7] = at(r - 1, c - 1); // P9
        let B = 0;
        let A = 0;
        for (let k = 0; k < 8; k++) {
          B += nb[k]!;
          if (nb[k] === 0 && nb[(k + 1) % 8] === 1) A++;
        }
        if (B < 2 || B > 6 || A !== 1) continue;
        const [p2, , p4, , p6, , p8] = nb;
        if (step === 0 ? p2! * p4! * p6! === 0 && p4! * p6! * p8! === 0 : p2! * p4! * p8! === 0 && p2! * p6! * p8! === 0) {
          toDelete.push(p);
        }
      }
      for (const p of toDelete) img[p] = 0;
      if (toDelete.length > 0) changed = true;
    }
    cand = cand.filter((p) => img[p] === 1);
  }
  const out: Mask2D = { data: img, width, height };
  if (mask.spacingUm !== undefined) out.spacingUm = mask.spacingUm;
  return out;
}
