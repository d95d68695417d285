import type { RoiImage } from './types.js';

/**
 * The grey levels with a one-pixel border of zeros (outside the ROI), so that neighbour loops
 * need no bounds checks. `offsets8` are the index steps to the 8 neighbours in the padded array.
 */
export interface PaddedLevels {
  /** Levels, (width + 2) x (height + 2), 0 on the border and outside the ROI. */
  p: Int32Array;
  pw: number;
  ph: number;
  offsets8: Int32Array;
}

const cache = new WeakMap<Int32Array, PaddedLevels>();

/** Pads `levels` (memoised per levels array, which the extractor never mutates). */
export function padLevels(levels: Int32Array, width: number, height: number): PaddedLevels {
  const hit = cache.get(levels);
  if (hit && hit.pw === width + 2) return hit;
  const pw = width + 2;
  const ph = height + 2;
  const p = new Int32Array(pw * ph);
  for (let r = 0; r < height; r++) p.set(levels.subarray(r * width, (r + 1) * width), (r + 1) * pw + 1);
  const offsets8 = Int32Array.from([-pw - 1, -pw, -pw + 1, -1, 1, pw - 1, pw, pw + 1]);
  const out = { p, pw, ph, offsets8 };
  cache.set(levels, out);
  return out;
}

/** {@link padLevels} of a ROI. */
export function paddedRoi(roi: RoiImage): PaddedLevels {
  return padLevels(roi.levels, roi.width, roi.height);
}
