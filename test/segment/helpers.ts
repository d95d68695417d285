/** Small phantom images for the segmentation tests (made here, so expected values are analytic). */
import type { Image2D } from '../../src/core/image.js';

/** Grey image of `bg` with a vertical bar of `value` and width `w` centred on column `c0`. */
export function verticalBar(width: number, height: number, c0: number, w: number, bg = 200, value = 100): Image2D<Float32Array> {
  const d = new Float32Array(width * height).fill(bg);
  const left = Math.round(c0 - w / 2);
  for (let r = 0; r < height; r++) for (let c = left; c < left + w; c++) d[r * width + c] = value;
  return { data: d, width, height, channels: 1 };
}

/** Rotates a one-channel image by 90° counter-clockwise: out(r, c) = in(c, W−1−r). */
export function rot90<T extends Float32Array | Uint8Array>(data: T, width: number, height: number): T {
  const out = new (data.constructor as new (n: number) => T)(width * height);
  // output has width' = height, height' = width
  for (let r = 0; r < width; r++) for (let c = 0; c < height; c++) out[r * height + c] = data[c * width + (width - 1 - r)]!;
  return out;
}
