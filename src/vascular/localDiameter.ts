import type { Mask2D } from '../core/image.js';
import { distanceTransform } from './distanceTransform.js';
import { skeletonize } from './skeletonize.js';
import { spreadInside } from './spreadInside.js';

/**
 * Local vessel diameter (px) at every pixel of a binary vessel mask: the diameter at the nearest
 * centre-line pixel, geodesically inside the mask (breadth-first search, 8-connected, from the
 * Guo–Hall skeleton), where the diameter of a centre-line pixel is 2d − 1 with d its Euclidean
 * distance to the nearest background pixel (`distanceTransform`): a straight vessel k pixels wide
 * has d = (k + 1) / 2 on its centre line, so 2d − 1 = k. The same definition as the vessel-size
 * strata of the artery/vein bench (docs/retina.md). 0 outside the mask; a pixel that no skeleton
 * pixel reaches (a component that thins away) takes 2d − 1 of its own d (at least 1).
 *
 * @returns diameters, row-major, one per pixel of `mask`
 * @example localVesselDiameter(mask)[k] // 5 for any pixel of a straight 5-px-wide vessel
 */
export function localVesselDiameter(mask: Mask2D): Float32Array {
  const { width: W, height: H } = mask;
  const dist = distanceTransform(mask);
  const skel = skeletonize(mask).data;
  // each vessel pixel: the index of the centre-line pixel it reaches first inside the mask
  const nearest = new Int32Array(W * H).fill(-1);
  const seeds: number[] = [];
  for (let k = 0; k < W * H; k++)
    if (skel[k] && mask.data[k]) {
      nearest[k] = k;
      seeds.push(k);
    }
  spreadInside(mask, nearest, seeds);
  const out = new Float32Array(W * H);
  for (let k = 0; k < W * H; k++) {
    if (!mask.data[k]) continue;
    const s = nearest[k]! >= 0 ? nearest[k]! : k;
    out[k] = Math.max(1, 2 * dist[s]! - 1);
  }
  return out;
}
