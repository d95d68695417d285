/** A seeded synthetic "fundus-like" test image: smooth background, noise, dark curved lines, circular FOV. */
import { createRng } from '../../src/core/rng.js';

export interface Synthetic {
  values: Float64Array;
  mask: Uint8Array;
  width: number;
  height: number;
}

export function syntheticVessels(width: number, height: number, seed = 1): Synthetic {
  const rng = createRng(seed);
  const values = new Float64Array(width * height);
  const mask = new Uint8Array(width * height);
  const cr = height / 2,
    cc = width / 2,
    rad = 0.47 * Math.min(width, height);
  const lines = Array.from({ length: 12 }, () => ({
    a: rng.range(0, Math.PI),
    off: rng.range(-0.4, 0.4) * width,
    amp: rng.range(5, 30),
    f: rng.range(0.005, 0.03),
    w: rng.range(1, 4),
  }));
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      let v = 120 + 40 * Math.exp(-((r - cr) ** 2 + (c - cc) ** 2) / (2 * (0.3 * width) ** 2)) + rng.normal(0, 6);
      for (const l of lines) {
        const x = (c - cc) * Math.cos(l.a) + (r - cr) * Math.sin(l.a);
        const y = -(c - cc) * Math.sin(l.a) + (r - cr) * Math.cos(l.a);
        const d = y - l.off - l.amp * Math.sin(l.f * x);
        v -= 50 * Math.exp(-(d * d) / (2 * l.w * l.w));
      }
      values[r * width + c] = v;
      mask[r * width + c] = (r - cr) ** 2 + (c - cc) ** 2 <= rad * rad ? 1 : 0;
    }
  }
  return { values, mask, width, height };
}

/** Rotates a row-major array by 90° clockwise: out is height x width (rows x cols swapped). */
export function rotate90<T extends Float64Array | Uint8Array>(a: T, width: number, height: number): T {
  const out = new (a.constructor as new (n: number) => T)(a.length);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) out[c * height + (height - 1 - r)] = a[r * width + c]!;
  return out;
}

/** Mirrors left-right. */
export function flipH<T extends Float64Array | Uint8Array>(a: T, width: number, height: number): T {
  const out = new (a.constructor as new (n: number) => T)(a.length);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) out[r * width + (width - 1 - c)] = a[r * width + c]!;
  return out;
}

/** Mirrors top-bottom. */
export function flipV<T extends Float64Array | Uint8Array>(a: T, width: number, height: number): T {
  const out = new (a.constructor as new (n: number) => T)(a.length);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) out[(height - 1 - r) * width + c] = a[r * width + c]!;
  return out;
}
