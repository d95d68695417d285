/**
 * A simple fundus-like phantom made for the tests (independent of src/synth): a circular FOV
 * with a black rim, a bright background with a linear illumination gradient, dark curved vessels
 * of known widths (Gaussian-blurred edges) and Gaussian noise. Truth: pixels within half a width
 * of a centre line.
 */
import { createRng } from '../../src/core/rng.js';
import type { Image2D, Mask2D } from '../../src/core/image.js';

export interface Phantom {
  image: Image2D<Uint8Array>;
  truth: Mask2D;
  fov: Mask2D;
}

export function fundusPhantom(size = 256, seed = 1): Phantom {
  const rng = createRng(seed);
  const W = size,
    H = size,
    n = W * H;
  const truth = new Uint8Array(n);
  const depth = new Float32Array(n); // vessel darkening 0..1
  const vessels = [
    { width: 7, a: 0.3, f: 1.1, ph: 0.2, angle: 0.3, off: -0.25 },
    { width: 5, a: 0.2, f: 1.7, ph: 1.0, angle: 1.9, off: 0.1 },
    { width: 3.5, a: 0.15, f: 2.3, ph: 2.0, angle: 0.9, off: 0.3 },
    { width: 2.5, a: 0.1, f: 3.1, ph: 0.5, angle: 2.6, off: -0.05 },
    { width: 2, a: 0.12, f: 2.7, ph: 1.5, angle: 1.3, off: -0.35 },
  ];
  const cx = W / 2,
    cy = H / 2;
  for (const v of vessels) {
    const ca = Math.cos(v.angle),
      sa = Math.sin(v.angle);
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        // rotate into the vessel frame: u along, w across (in units of the image size)
        const x = (c - cx) / size,
          y = (r - cy) / size;
        const u = x * ca + y * sa;
        const w = -x * sa + y * ca;
        const centre = v.off + v.a * Math.sin(2 * Math.PI * v.f * u + v.ph) * 0.5;
        const dist = Math.abs(w - centre) * size; // approximately perpendicular distance in px
        const half = v.width / 2;
        if (dist <= half) truth[r * W + c] = 1;
        const prof = 1 / (1 + Math.exp((dist - half) / 0.5)); // soft edge
        const i = r * W + c;
        depth[i] = Math.max(depth[i]!, prof * (0.25 + 0.04 * v.width));
      }
    }
  }
  const fov = new Uint8Array(n);
  const img = new Uint8Array(n * 3);
  const R = 0.46 * size;
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      const i = r * W + c;
      const inside = (r - cy) ** 2 + (c - cx) ** 2 <= R * R;
      fov[i] = inside ? 1 : 0;
      if (!inside) {
        truth[i] = 0;
        img[i * 3] = img[i * 3 + 1] = img[i * 3 + 2] = Math.max(0, Math.round(rng.normal(3, 1)));
        continue;
      }
      const bg = 130 + 40 * (c / W) - 20 * (r / H);
      const g = bg * (1 - depth[i]!) + rng.normal(0, 3);
      img[i * 3] = clamp(g * 1.6 + 20);
      img[i * 3 + 1] = clamp(g);
      img[i * 3 + 2] = clamp(g * 0.4);
    }
  }
  return {
    image: { data: img, width: W, height: H, channels: 3 },
    truth: { data: truth, width: W, height: H },
    fov: { data: fov, width: W, height: H },
  };
}

function clamp(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}
