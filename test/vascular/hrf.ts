/** Helpers for the shared HRF sample (../shared/data/hrf): A/V labels from the published RGB label images. */
import type { Image2D } from '../../src/core/image.js';

/** 1 = artery (red), 2 = vein (blue), 0 = background, crossing or uncertain (green), per pixel. */
export function arteryVeinLabels(img: Image2D): Uint8Array {
  const n = img.width * img.height,
    ch = img.channels;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = img.data[i * ch]!,
      g = img.data[i * ch + 1]!,
      b = img.data[i * ch + 2]!;
    out[i] = r > 127 && g < 128 && b < 128 ? 1 : b > 127 && r < 128 && g < 128 ? 2 : 0;
  }
  return out;
}

/** Labels of a ×k downsampled image: the majority of artery vs vein pixels in each k × k block (0 on a tie or none). */
export function downsampleLabels(labels: Uint8Array, width: number, height: number, k: number): Uint8Array {
  const w = Math.floor(width / k),
    h = Math.floor(height / k);
  const out = new Uint8Array(w * h);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      let a = 0,
        v = 0;
      for (let dr = 0; dr < k; dr++) {
        for (let dc = 0; dc < k; dc++) {
          const l = labels[(r * k + dr) * width + c * k + dc];
          if (l === 1) a++;
          else if (l === 2) v++;
        }
      }
      out[r * w + c] = a > v ? 1 : v > a ? 2 : 0;
    }
  }
  return out;
}
