/**
 * Connected components of binary masks: labelling, removal of small objects, hole filling.
 */
import type { Mask2D } from '../core/image.js';

export type Connectivity = 4 | 8;

/**
 * Labels the connected foreground components (breadth-first flood fill; labels follow the
 * raster order of each component's first pixel).
 * @returns labels (0 = background, 1..count) and the size of each component (`sizes[label]`)
 * @example labelComponents({ data: Uint8Array.from([1,0,1]), width: 3, height: 1 }).count // 2
 */
export function labelComponents(
  mask: Mask2D,
  connectivity: Connectivity = 8,
  foreground = 1,
): { labels: Int32Array; count: number; sizes: number[] } {
  const { width, height } = mask;
  const n = width * height;
  const labels = new Int32Array(n);
  const queue = new Int32Array(n);
  const sizes: number[] = [0];
  // fg[i] = 1 for a pixel to label; labelled pixels are cleared, so "fg[q]" alone means "unvisited foreground".
  const fg = new Uint8Array(n);
  const want = foreground === 1;
  for (let i = 0; i < n; i++) fg[i] = (mask.data[i] !== 0) === want ? 1 : 0;
  const offsets = connectivity === 4 ? [-width, -1, 1, width] : [-width - 1, -width, -width + 1, -1, 1, width - 1, width, width + 1];
  const nOff = offsets.length;
  let count = 0;
  for (let start = 0; start < n; start++) {
    if (fg[start] === 0) continue;
    count++;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    labels[start] = count;
    fg[start] = 0;
    while (head < tail) {
      const p = queue[head++]!;
      const r = (p / width) | 0;
      const c = p - r * width;
      if (r > 0 && r < height - 1 && c > 0 && c < width - 1) {
        // interior pixel: every neighbour is inside the image
        for (let k = 0; k < nOff; k++) {
          const q = p + offsets[k]!;
          if (fg[q] !== 0) {
            fg[q] = 0;
            labels[q] = count;
            queue[tail++] = q;
          }
        }
        continue;
      }
      for (let dr = -1; dr <= 1; dr++) {
        const rr = r + dr;
        if (rr < 0 || rr >= height) continue;
        for (let dc = -1; dc <= 1; dc++) {
          if (dr === 0 && dc === 0) continue;
          if (connectivity === 4 && dr !== 0 && dc !== 0) continue;
          const cc = c + dc;
          if (cc < 0 || cc >= width) continue;
          const q = rr * width + cc;
          if (fg[q] !== 0) {
            fg[q] = 0;
            labels[q] = count;
            queue[tail++] = q;
          }
        }
      }
    }
    sizes.push(tail);
  }
  return { labels, count, sizes };
}

/**
 * Removes foreground components with fewer than `minSize` pixels (8-connectivity by default),
 * like scikit-image's `remove_small_objects`.
 * @example removeSmallComponents(mask, 50) // objects under 50 px gone
 */
export function removeSmallComponents(mask: Mask2D, minSize: number, connectivity: Connectivity = 8): Mask2D {
  const { labels, sizes } = labelComponents(mask, connectivity);
  const out = new Uint8Array(mask.data.length);
  for (let i = 0; i < out.length; i++) out[i] = labels[i]! > 0 && sizes[labels[i]!]! >= minSize ? 1 : 0;
  return withSpacing({ data: out, width: mask.width, height: mask.height }, mask);
}

/**
 * Fills holes: background components (4-connected, so that 8-connected foreground walls close
 * them) that do not touch the image border and have at most `maxHoleSize` pixels
 * (default Infinity: every enclosed hole).
 * @example fillHoles(ringMask).data // ring interior set to 1
 */
export function fillHoles(mask: Mask2D, maxHoleSize = Infinity): Mask2D {
  const { width, height } = mask;
  const { labels, count, sizes } = labelComponents(mask, 4, 0);
  const touches = new Uint8Array(count + 1);
  for (let c = 0; c < width; c++) {
    touches[labels[c]!] = 1;
    touches[labels[(height - 1) * width + c]!] = 1;
  }
  for (let r = 0; r < height; r++) {
    touches[labels[r * width]!] = 1;
    touches[labels[r * width + width - 1]!] = 1;
  }
  const out = new Uint8Array(mask.data.length);
  for (let i = 0; i < out.length; i++) {
    const l = labels[i]!;
    out[i] = mask.data[i] !== 0 || (l > 0 && !touches[l] && sizes[l]! <= maxHoleSize) ? 1 : 0;
  }
  return withSpacing({ data: out, width, height }, mask);
}

/** Keeps only the largest foreground component (empty mask stays empty). */
export function largestComponent(mask: Mask2D, connectivity: Connectivity = 8): Mask2D {
  const { labels, count, sizes } = labelComponents(mask, connectivity);
  let best = 0;
  for (let l = 1; l <= count; l++) if (sizes[l]! > (sizes[best] ?? 0)) best = l;
  const out = new Uint8Array(mask.data.length);
  if (best > 0) for (let i = 0; i < out.length; i++) out[i] = labels[i] === best ? 1 : 0;
  return withSpacing({ data: out, width: mask.width, height: mask.height }, mask);
}

function withSpacing(m: Mask2D, src: Mask2D): Mask2D {
  if (src.spacingUm !== undefined) m.spacingUm = src.spacingUm;
  return m;
}
