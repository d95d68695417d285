import type { Image2D, Mask2D } from '../core/image.js';
import type { ArteryVeinMaps } from '../segment/arteryVeinMaps.js';

/**
 * The artery/vein label image written as `av.png`: 0 background, 1 artery, 2 vein, per vessel
 * pixel of `vesselMask` the class with the larger probability; exact ties (crossing pixels of
 * manual labels) are written as 0.
 *
 * @example avLabelImage(maps, mask).data // Uint8Array of 0, 1, 2
 */
export function avLabelImage(maps: ArteryVeinMaps, vesselMask: Mask2D): Image2D<Uint8Array> {
  const n = maps.width * maps.height;
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!vesselMask.data[i]) continue;
    const a = maps.artery[i]!,
      v = maps.vein[i]!;
    data[i] = a > v ? 1 : v > a ? 2 : 0;
  }
  return { data, width: maps.width, height: maps.height, channels: 1 };
}
