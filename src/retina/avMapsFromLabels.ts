import type { Image2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import type { ArteryVeinMaps } from '../segment/arteryVeinMaps.js';

/**
 * Artery/vein maps from a manual label image, for development, agreement studies and tests
 * (the "perfect classifier"): vessel = 1 on labelled pixels; artery / vein = 1 on the pixels
 * of that class; crossing / uncertain pixels get 0.5 / 0.5 so they vote for neither class.
 *
 * Accepted encodings: an RGB image in the HRF / RITE convention (red = artery, blue = vein,
 * green = crossing or uncertain; Hemelings et al. 2019, doi:10.1016/j.compmedimag.2019.05.004),
 * or a one-channel label image (1 artery, 2 vein, 3 crossing, 0 background; the convention of
 * `synthFundus().avLabel` and `fingerprint --av`).
 *
 * @throws VesselprintError BAD_ARGUMENT for a value outside 0–3 in a one-channel image
 * @example avMapsFromLabels({ data: Uint8Array.of(1, 2), width: 2, height: 1, channels: 1 }).artery // [1, 0]
 */
export function avMapsFromLabels(labels: Image2D, source = 'labels'): ArteryVeinMaps {
  const { width, height, channels } = labels;
  const n = width * height;
  const vessel = new Float32Array(n),
    artery = new Float32Array(n),
    vein = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let cls: number;
    if (channels >= 3) {
      const r = labels.data[i * channels]! > 127,
        g = labels.data[i * channels + 1]! > 127,
        b = labels.data[i * channels + 2]! > 127;
      cls = r && !g && !b ? 1 : b && !r && !g ? 2 : r || g || b ? 3 : 0;
    } else {
      cls = labels.data[i * channels]!;
      if (cls !== 0 && cls !== 1 && cls !== 2 && cls !== 3) {
        throw new VesselprintError(
          'BAD_ARGUMENT',
          `avMapsFromLabels: label ${cls} at row ${Math.floor(i / width)}, column ${i % width}; expected 0 (background), 1 (artery), 2 (vein) or 3 (crossing)`,
          { path: source },
        );
      }
    }
    if (cls === 0) continue;
    vessel[i] = 1;
    if (cls === 1) artery[i] = 1;
    else if (cls === 2) vein[i] = 1;
    else {
      artery[i] = 0.5;
      vein[i] = 0.5;
    }
  }
  const maps: ArteryVeinMaps = { width, height, vessel, artery, vein };
  if (labels.spacingUm !== undefined) maps.spacingUm = labels.spacingUm;
  return maps;
}
