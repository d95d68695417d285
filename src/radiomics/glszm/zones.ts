import { padLevels } from '../padded.js';

/** Connected zones of equal grey level: per zone its level, size (pixels) and pixel labels. */
export interface Zones {
  /** Zone index + 1 per pixel (unpadded, row-major), 0 outside the ROI. */
  label: Int32Array;
  level: Int32Array;
  size: Int32Array;
  count: number;
}

const cache = new WeakMap<Int32Array, Zones>();

/**
 * Labels 8-connected zones of equal grey level inside the ROI (level > 0), as the 2D GLSZM and
 * GLDZM of IBSI 3.8/3.9 require. Iterative flood fill, O(pixels); memoised per levels array
 * (GLSZM and GLDZM share it).
 * @example findZones(new Int32Array([1, 1, 2]), 3, 1).count // 2
 */
export function findZones(levels: Int32Array, width: number, height: number): Zones {
  const hit = cache.get(levels);
  if (hit) return hit;
  const { p, pw, offsets8 } = padLevels(levels, width, height);
  const n = width * height;
  const plabel = new Int32Array(p.length);
  const stack = new Int32Array(n);
  const lv: number[] = [];
  const sz: number[] = [];
  for (let r = 0; r < height; r++) {
    for (let q = (r + 1) * pw + 1, end = q + width; q < end; q++) {
      const l = p[q]!;
      if (l === 0 || plabel[q] !== 0) continue;
      const id = lv.length + 1;
      let top = 0;
      stack[top++] = q;
      plabel[q] = id;
      let size = 0;
      while (top > 0) {
        const x = stack[--top]!;
        size++;
        for (let k = 0; k < 8; k++) {
          const t = x + offsets8[k]!;
          if (plabel[t] === 0 && p[t] === l) {
            plabel[t] = id;
            stack[top++] = t;
          }
        }
      }
      lv.push(l);
      sz.push(size);
    }
  }
  const label = new Int32Array(n);
  for (let r = 0; r < height; r++) label.set(plabel.subarray((r + 1) * pw + 1, (r + 1) * pw + 1 + width), r * width);
  const z = { label, level: Int32Array.from(lv), size: Int32Array.from(sz), count: lv.length };
  cache.set(levels, z);
  return z;
}
