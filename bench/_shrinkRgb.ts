/**
 * Resizes each channel of an image (`preprocess/resample` resize: area when shrinking) into a
 * 3-channel float image — for the artery/vein benches. When `segment/unet/resizeImage`'s
 * `resizeChannels` is on main (avnet merge), use that instead.
 */
import type { Image2D } from '../src/core/image.js';
import { resize } from '../src/preprocess/resample.js';

export function shrinkRgb(full: Image2D, w: number, h: number): Image2D {
  const img: Image2D = { data: new Float32Array(w * h * 3), width: w, height: h, channels: 3 };
  for (let ch = 0; ch < 3; ch++) {
    const one = new Float32Array(full.width * full.height);
    for (let i = 0; i < one.length; i++) one[i] = full.data[i * full.channels + ch]!;
    const r = resize({ data: one, width: full.width, height: full.height, channels: 1 }, w, h).data;
    for (let i = 0; i < w * h; i++) img.data[i * 3 + ch] = r[i]!;
  }
  return img;
}
