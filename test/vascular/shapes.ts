/**
 * Analytic test shapes for the vascular tests and the benchmark, drawn independently of the
 * code under test (pixel centres tested against exact geometry).
 */
import type { Mask2D } from '../../src/core/image.js';
import { createRng } from '../../src/core/rng.js';
import { PIXEL_SCALE_DEFAULTS, type ScaleOptions } from '../../src/vascular/scale.js';

/** Mask from a predicate on (row, col) of pixel centres. */
export function maskFrom(width: number, height: number, inside: (r: number, c: number) => boolean): Mask2D {
  const data = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) data[r * width + c] = inside(r, c) ? 1 : 0;
  return { data, width, height };
}

/** Distance from point (r, c) to the segment (r0, c0)–(r1, c1). */
export function segmentDistance(r: number, c: number, r0: number, c0: number, r1: number, c1: number): number {
  const vr = r1 - r0,
    vc = c1 - c0;
  const len2 = vr * vr + vc * vc;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((r - r0) * vr + (c - c0) * vc) / len2)) : 0;
  return Math.hypot(r - r0 - t * vr, c - c0 - t * vc);
}

/** Sets every pixel whose centre is within `radius` of the segment (a capsule) to 1 (in place). */
export function drawCapsule(m: Mask2D, r0: number, c0: number, r1: number, c1: number, radius: number): void {
  const rmin = Math.max(0, Math.floor(Math.min(r0, r1) - radius - 1)),
    rmax = Math.min(m.height - 1, Math.ceil(Math.max(r0, r1) + radius + 1));
  const cmin = Math.max(0, Math.floor(Math.min(c0, c1) - radius - 1)),
    cmax = Math.min(m.width - 1, Math.ceil(Math.max(c0, c1) + radius + 1));
  for (let r = rmin; r <= rmax; r++)
    for (let c = cmin; c <= cmax; c++) if (segmentDistance(r, c, r0, c0, r1, c1) < radius) m.data[r * m.width + c] = 1;
}

/** A polyline drawn as a tube of the given radius (in place). */
export function drawPolyline(m: Mask2D, pts: readonly (readonly [number, number])[], radius: number): void {
  for (let i = 1; i < pts.length; i++) drawCapsule(m, pts[i - 1]![0], pts[i - 1]![1], pts[i]![0], pts[i]![1], radius);
}

/** Points (row, col) of row = row0 + A sin(2π x / λ), col = col0 + x for x in [0, length], every `step` px of x. */
export function sinusoidPoints(
  row0: number,
  col0: number,
  amplitude: number,
  wavelength: number,
  length: number,
  step = 0.5,
): [number, number][] {
  const pts: [number, number][] = [];
  for (let x = 0; x <= length + 1e-9; x += step) pts.push([row0 + amplitude * Math.sin((2 * Math.PI * x) / wavelength), col0 + x]);
  return pts;
}

/** Exact arc length of A sin(2πx/λ) over [0, length] by the composite Simpson rule (n = 20000). */
export function sinusoidArcLength(amplitude: number, wavelength: number, length: number): number {
  const k = (2 * Math.PI) / wavelength;
  const f = (x: number): number => Math.sqrt(1 + (amplitude * k * Math.cos(k * x)) ** 2);
  const n = 20000,
    h = length / n;
  let s = f(0) + f(length);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(i * h);
  return (s * h) / 3;
}

/** Sierpinski carpet of side 3^level: pixel (r, c) is removed when some base-3 digit pair is (1, 1). */
export function sierpinskiCarpet(level: number): Mask2D {
  const n = 3 ** level;
  return maskFrom(n, n, (r, c) => {
    while (r > 0 || c > 0) {
      if (r % 3 === 1 && c % 3 === 1) return false;
      r = Math.floor(r / 3);
      c = Math.floor(c / 3);
    }
    return true;
  });
}

/** Koch curve of the given level, scaled to `size` px wide, rasterised one pixel thick. */
export function kochCurve(level: number, size: number): Mask2D {
  let pts: [number, number][] = [
    [0, 0],
    [1, 0],
  ];
  for (let l = 0; l < level; l++) {
    const np: [number, number][] = [];
    for (let i = 0; i < pts.length - 1; i++) {
      const [x0, y0] = pts[i]!,
        [x1, y1] = pts[i + 1]!;
      const dx = (x1 - x0) / 3,
        dy = (y1 - y0) / 3;
      const a: [number, number] = [x0 + dx, y0 + dy];
      const peak: [number, number] = [a[0] + dx / 2 - (dy * Math.sqrt(3)) / 2, a[1] + dy / 2 + (dx * Math.sqrt(3)) / 2];
      np.push([x0, y0], a, peak, [x0 + 2 * dx, y0 + 2 * dy]);
    }
    np.push(pts[pts.length - 1]!);
    pts = np;
  }
  const w = size + 4,
    h = Math.ceil(size * 0.3) + 4;
  const data = new Uint8Array(w * h);
  for (let i = 0; i < pts.length - 1; i++) {
    const [x0, y0] = pts[i]!,
      [x1, y1] = pts[i + 1]!;
    const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0) * size * 2) + 1;
    for (let t = 0; t <= steps; t++) {
      const x = (x0 + ((x1 - x0) * t) / steps) * size + 2,
        y = (y0 + ((y1 - y0) * t) / steps) * size + 2;
      data[Math.round(y) * w + Math.round(x)] = 1;
    }
  }
  return { data, width: w, height: h };
}

/** Rotates a mask by 90° clockwise. */
export function rotate90(m: Mask2D): Mask2D {
  const out = new Uint8Array(m.data.length);
  for (let r = 0; r < m.height; r++) for (let c = 0; c < m.width; c++) out[c * m.height + (m.height - 1 - r)] = m.data[r * m.width + c]!;
  return { data: out, width: m.height, height: m.width };
}
/** Mirrors left–right. */
export function flipH(m: Mask2D): Mask2D {
  const out = new Uint8Array(m.data.length);
  for (let r = 0; r < m.height; r++) for (let c = 0; c < m.width; c++) out[r * m.width + (m.width - 1 - c)] = m.data[r * m.width + c]!;
  return { data: out, width: m.width, height: m.height };
}
/** Mirrors top–bottom. */
export function flipV(m: Mask2D): Mask2D {
  const out = new Uint8Array(m.data.length);
  for (let r = 0; r < m.height; r++) out.set(m.data.subarray(r * m.width, (r + 1) * m.width), (m.height - 1 - r) * m.width);
  return { data: out, width: m.width, height: m.height };
}

/**
 * A fundus-like vessel tree mask: from a root near the left, branches recursively with
 * Murray-like width reduction, smooth random curvature, widths from `rootWidth` down to ~2 px.
 * `scale` multiplies every coordinate and width (for the ×2 scaling test), so the same
 * geometry is drawn at another resolution. `maxDepth` limits the branching generations.
 */
export function vesselTree(width: number, height: number, seed: number, rootWidth = 10, scale = 1, maxDepth = 7): Mask2D {
  const m: Mask2D = { data: new Uint8Array(width * height), width, height };
  const rng = createRng(seed);
  const grow = (r: number, c: number, angle: number, w: number, depth: number): void => {
    if (w < 2 || depth > maxDepth) return;
    const len = 40 + rng.range(0, 60);
    const pts: [number, number][] = [[r, c]];
    let a = angle,
      rr = r,
      cc = c,
      k = rng.normal(0, 0.01);
    for (let s = 0; s < len; s += 2) {
      // smooth course: the curvature (rad per 2 px) drifts slowly, so every bend spans tens of
      // pixels and is resolved at both scales of the scaling test
      k = 0.9 * k + rng.normal(0, 0.006);
      a += k;
      rr += 2 * Math.sin(a);
      cc += 2 * Math.cos(a);
      pts.push([rr, cc]);
    }
    drawPolyline(
      m,
      pts.map(([y, x]) => [y * scale, x * scale] as [number, number]),
      (w * scale) / 2,
    );
    const wc = w / Math.cbrt(2);
    const split = 0.35 + rng.range(0, 0.3);
    grow(rr, cc, a + split, wc * rng.range(0.85, 1), depth + 1);
    grow(rr, cc, a - split, wc * rng.range(0.85, 1), depth + 1);
  };
  const h0 = height / scale,
    w0 = width / scale;
  grow(h0 / 2, w0 * 0.08, -0.5, rootWidth, 0);
  grow(h0 / 2, w0 * 0.08, 0.5, rootWidth, 0);
  grow(h0 / 2, w0 * 0.08, 0, rootWidth * 0.8, 1);
  return m;
}

/** Flat sum of a mask. */
export function countOn(m: Mask2D): number {
  let s = 0;
  for (let i = 0; i < m.data.length; i++) s += m.data[i]!;
  return s;
}

/**
 * Scale options that reproduce the pixel defaults (σ 1 / 2 px, step 3 px, tortuosity segments
 * ≥ 20 px, boxes from 2 px) at `spacingUm`: for tests of the geometry in pixel units.
 */
export function pixelScale(spacingUm: number): ScaleOptions {
  const p = PIXEL_SCALE_DEFAULTS;
  return {
    smoothingSigmaUm: p.smoothingSigmaPx * spacingUm,
    angleSmoothingSigmaUm: p.angleSmoothingSigmaPx * spacingUm,
    angleStepUm: p.angleStepPx * spacingUm,
    tortuosityMinLengthUm: p.tortuosityMinLengthPx * spacingUm,
    fractalBoxMinMm: (p.fractalMinBoxPx * spacingUm) / 1000,
  };
}
