/**
 * Per-pixel feature maps from the fingerprint's building blocks (vascular/), to draw on the
 * image with plot/imageFigure:
 * - local calibre on the centreline: 2·d − 1 pixels (× spacing in µm when known), d the exact
 *   Euclidean distance to the background at the skeleton pixel (exact for odd widths of
 *   axis-parallel vessels; one pixel low for even widths); NaN off the skeleton;
 * - skeleton node classes: end points (1 skeleton neighbour) and branch points (≥ 3 skeleton
 *   neighbours, 8-connectivity, on the one-pixel-wide skeleton of vascular/skeletonize.ts, cf. vascular/branching.ts).
 * Local tortuosity and radiomics maps come from vascular/tortuosity.ts per segment and
 * radiomics/featureMap.ts; they are drawn with the same `{ kind: 'map' }` overlay.
 */
import type { Mask2D } from '../core/image.js';
import { distanceTransform } from '../vascular/distanceTransform.js';
import { skeletonize } from '../vascular/skeletonize.js';

export interface CalibreMap {
  /** Row-major calibre on skeleton pixels (µm when the mask has spacingUm, else px); NaN elsewhere. */
  values: Float64Array;
  width: number;
  height: number;
  unit: 'um' | 'px';
  skeleton: Mask2D;
}

/**
 * Local calibre along the centreline of a vessel mask.
 * @example localCalibreMap(fiveRowBar).values[centre] // 5 (px)
 */
export function localCalibreMap(mask: Mask2D, skeleton: Mask2D = skeletonize(mask)): CalibreMap {
  const d = distanceTransform(mask);
  const s = mask.spacingUm ?? 1;
  const values = new Float64Array(mask.width * mask.height).fill(NaN);
  for (let i = 0; i < values.length; i++) if (skeleton.data[i]) values[i] = (2 * d[i]! - 1) * s;
  return { values, width: mask.width, height: mask.height, unit: mask.spacingUm !== undefined ? 'um' : 'px', skeleton };
}

/**
 * End points and branch points of a skeleton as two masks.
 * @example skeletonNodes(tSkeleton).branch.data.reduce((a, b) => a + b, 0) // ≥ 1
 */
export function skeletonNodes(skeleton: Mask2D): { end: Mask2D; branch: Mask2D } {
  const { width: w, height: h, data } = skeleton;
  const end = new Uint8Array(w * h),
    branch = new Uint8Array(w * h);
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      if (!data[r * w + c]) continue;
      let n = 0;
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          if ((dr || dc) && r + dr >= 0 && r + dr < h && c + dc >= 0 && c + dc < w && data[(r + dr) * w + c + dc]) n++;
        }
      if (n === 1) end[r * w + c] = 1;
      else if (n >= 3) branch[r * w + c] = 1;
    }
  return { end: { data: end, width: w, height: h }, branch: { data: branch, width: w, height: h } };
}
