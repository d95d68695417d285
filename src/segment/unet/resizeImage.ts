/** Resizes every channel of an image with `preprocess/resample`'s `resize` (area when shrinking, bilinear when enlarging). */
import type { Image2D } from '../../core/image.js';
import { resize } from '../../preprocess/resample.js';

/** @example resizeChannels(rgb, 1752, 1168).channels // 3 */
export function resizeChannels(img: Image2D, width: number, height: number): Image2D {
  if (img.channels === 1) return resize(img, width, height);
  const out = new Float32Array(width * height * img.channels);
  for (let k = 0; k < img.channels; k++) {
    const ch = new Float32Array(img.width * img.height);
    for (let i = 0; i < ch.length; i++) ch[i] = img.data[i * img.channels + k]!;
    const r = resize({ data: ch, width: img.width, height: img.height, channels: 1 }, width, height).data;
    for (let i = 0; i < width * height; i++) out[i * img.channels + k] = r[i]!;
  }
  const res: Image2D = { data: out, width, height, channels: img.channels };
  if (img.bitDepth !== undefined) res.bitDepth = img.bitDepth;
  if (img.spacingUm !== undefined) res.spacingUm = (img.spacingUm * img.width) / width;
  return res;
}
