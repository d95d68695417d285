import type { Rng } from '../core/rng.js';
import { VesselprintError } from '../core/errors.js';
import type { Image2D, Mask2D } from '../core/image.js';
import { fractalNoise, gaussianNoise } from './noise.js';
import { stampPolyline } from './renderVessels.js';
import type { CentrelinePoint } from './types.js';

/** Options of {@link synthSkin}. */
export interface SynthSkinOptions {
  /** Image width (columns), px. Default 512. */
  width?: number;
  /** Image height (rows), px. Default 512. */
  height?: number;
  /** µm per pixel. Default 2.5. */
  spacingUm?: number;
  /** Capillary density, capillaries per mm² of image. Default 70. */
  densityPerMm2?: number;
  /** Mean capillary (limb) diameter, µm. Default 10. */
  capillaryDiameterUm?: number;
  /** Probability that a capillary is seen side-on (hairpin) rather than end-on (dot). Default 0.3. */
  sideOnFraction?: number;
  /** Minimum gap between the bounding circles of two capillaries, px. Default 2. */
  minGapPx?: number;
  /** SD of the additive pixel noise, 8-bit levels. Default 4. */
  noiseSd?: number;
  /** SD of the optical blur, px. Default 1. */
  psfSigmaPx?: number;
}

export const DEFAULT_SYNTH_SKIN = {
  width: 512,
  height: 512,
  spacingUm: 2.5,
  densityPerMm2: 70,
  capillaryDiameterUm: 10,
  sideOnFraction: 0.3,
  minGapPx: 2,
  noiseSd: 4,
  psfSigmaPx: 1,
};

/** One generated capillary loop. */
export interface Capillary {
  view: 'end-on' | 'side-on';
  /** Centre of the bounding circle, px. */
  row: number;
  col: number;
  /** Bounding radius (covers the mask), px. */
  boundRadiusPx: number;
  /** Limb diameter, µm (the venous limb of a hairpin is 1.25 × wider). */
  diameterUm: number;
  /** Centroid of its mask pixels, px. */
  centroidRow: number;
  centroidCol: number;
  /** Number of mask pixels. */
  areaPx: number;
}

/** Output of {@link synthSkin}. */
export interface SynthSkin {
  /** RGB 8-bit capillaroscopy-like image, `spacingUm` set. */
  image: Image2D<Uint8Array>;
  /** Ground truth: 1 on capillaries. Each capillary is exactly one 8-connected component. */
  capillaryMask: Mask2D;
  /** Capillary index + 1 per pixel (0 = background). */
  labels: Uint16Array;
  capillaries: Capillary[];
  /** Centre line of each capillary (image coordinates, px; radius per point), in the order of `capillaries`. */
  centrelines: CentrelinePoint[][];
  spacingUm: number;
  truth: SkinTruth;
}

/** Per-image truth of a synthetic skin image (units in the names). */
export interface SkinTruth {
  pixel_spacing_um: number;
  image_area_mm2: number;
  capillary_count: number;
  capillary_density_per_mm2: number;
  /** Mean over capillaries of the distance from its mask centroid to the nearest other centroid, µm (NaN below 2). */
  intercapillary_distance_mean_um: number;
  capillary_diameter_mean_um: number;
  side_on_fraction: number;
}

/**
 * Number of capillaries a skin image of the given size holds at a density:
 * round(density [1/mm²] × width × height × spacing² [mm²]).
 *
 * @example capillaryCountFor(70, 512, 512, 2.5) // 115 (70 × 1.6384 = 114.7)
 */
export function capillaryCountFor(densityPerMm2: number, width: number, height: number, spacingUm: number): number {
  return Math.round(densityPerMm2 * ((width * spacingUm) / 1000) * ((height * spacingUm) / 1000));
}

/**
 * Generates a skin capillaroscopy-like RGB image with exactly
 * {@link capillaryCountFor}(density, size, spacing) capillary loops, placed uniformly at random
 * (rejection sampling; bounding circles at least `minGapPx` apart and inside the image, so each
 * capillary is one separate connected component of the mask). An end-on loop is a dot (a capsule
 * 2.2 diameters wide and up to one diameter long); a side-on loop is a hairpin: arterial limb of
 * one diameter, venous limb of 1.25 diameters, 4–8 diameters long, centres 2–2.8 diameters apart,
 * joined by a semicircular apex. Appearance: pinkish skin with texture and vignetting, dark red
 * capillaries with blurred Gaussian profiles, additive noise.
 *
 * @throws VesselprintError BAD_ARGUMENT when the capillaries cannot be placed without touching (density too high)
 * @example synthSkin(createRng(1), { densityPerMm2: 70 }).truth.capillary_count // 115
 */
export function synthSkin(rng: Rng, options: SynthSkinOptions = {}): SynthSkin {
  const o = { ...DEFAULT_SYNTH_SKIN, ...options };
  const { width, height, spacingUm } = o;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 16 || height < 16) {
    throw new VesselprintError('BAD_ARGUMENT', `synthSkin: size must be integers ≥ 16 px, got ${width}x${height}`, { field: 'size' });
  }
  if (!(spacingUm > 0) || !(o.densityPerMm2 >= 0) || !(o.capillaryDiameterUm > 0)) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `synthSkin: spacingUm, capillaryDiameterUm must be > 0 and densityPerMm2 ≥ 0 (got ${spacingUm}, ${o.capillaryDiameterUm}, ${o.densityPerMm2})`,
    );
  }
  const n = capillaryCountFor(o.densityPerMm2, width, height, spacingUm);
  const geo = rng.fork('geometry');
  const shapes: { pts: CentrelinePoint[]; view: Capillary['view']; diameterUm: number; bound: number }[] = [];
  for (let i = 0; i < n; i++) shapes.push(makeCapillary(geo, o));
  // Place the biggest first: rejection sampling succeeds more often.
  const order = shapes.map((_, i) => i).sort((a, b) => shapes[b]!.bound - shapes[a]!.bound || a - b);
  const centres = new Array<{ row: number; col: number }>(n);
  const place = rng.fork('placement');
  const cell = 32;
  const grid = new Map<number, number[]>();
  const gw = Math.ceil(width / cell) + 1;
  const maxBound = n > 0 ? shapes[order[0]!]!.bound : 0;
  for (const i of order) {
    const b = shapes[i]!.bound;
    let ok = false;
    for (let attempt = 0; attempt < 5000 && !ok; attempt++) {
      const row = place.range(b + 1, height - 2 - b);
      const col = place.range(b + 1, width - 2 - b);
      if (!(row >= b + 1 && col >= b + 1)) break; // image too small for this capillary
      ok = true;
      const reach = Math.ceil((b + maxBound + o.minGapPx) / cell);
      const gr = Math.floor(row / cell),
        gc = Math.floor(col / cell);
      for (let y = gr - reach; y <= gr + reach && ok; y++) {
        for (let x = gc - reach; x <= gc + reach && ok; x++) {
          for (const j of grid.get(y * gw + x) ?? []) {
            const cj = centres[j]!;
            if (Math.hypot(cj.row - row, cj.col - col) < b + shapes[j]!.bound + o.minGapPx) {
              ok = false;
              break;
            }
          }
        }
      }
      if (ok) {
        centres[i] = { row, col };
        const key = gr * gw + gc;
        const list = grid.get(key);
        if (list) list.push(i);
        else grid.set(key, [i]);
      }
    }
    if (!ok) {
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `synthSkin: cannot place ${n} capillaries (${o.densityPerMm2}/mm²) in ${width}x${height} px at ${spacingUm} µm/px without overlap; lower densityPerMm2 or enlarge the image`,
        { field: 'densityPerMm2' },
      );
    }
  }

  const npx = width * height;
  const labels = new Uint16Array(npx);
  const profile = new Float32Array(npx);
  const capillaries: Capillary[] = [];
  const centrelines: CentrelinePoint[][] = [];
  for (let i = 0; i < n; i++) {
    const s = shapes[i]!,
      c = centres[i]!;
    const pts = s.pts.map((p) => ({ row: p.row + c.row, col: p.col + c.col, radiusPx: p.radiusPx }));
    centrelines.push(pts);
    let sr = 0,
      sc = 0,
      cnt = 0;
    stampPolyline(pts, width, height, o.psfSigmaPx, profile, (idx) => {
      if (labels[idx] === 0) {
        labels[idx] = i + 1;
        sr += Math.floor(idx / width);
        sc += idx % width;
        cnt++;
      }
    });
    capillaries.push({
      view: s.view,
      row: c.row,
      col: c.col,
      boundRadiusPx: s.bound,
      diameterUm: s.diameterUm,
      centroidRow: sr / cnt,
      centroidCol: sc / cnt,
      areaPx: cnt,
    });
  }
  const mask = new Uint8Array(npx);
  for (let i = 0; i < npx; i++) mask[i] = labels[i] !== 0 ? 1 : 0;
  const image = paintSkin(rng.fork('paint'), o, profile);

  const areaMm2 = ((width * spacingUm) / 1000) * ((height * spacingUm) / 1000);
  let nnSum = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = Math.hypot(
        capillaries[i]!.centroidRow - capillaries[j]!.centroidRow,
        capillaries[i]!.centroidCol - capillaries[j]!.centroidCol,
      );
      if (d < best) best = d;
    }
    nnSum += best;
  }
  const truth: SkinTruth = {
    pixel_spacing_um: spacingUm,
    image_area_mm2: areaMm2,
    capillary_count: n,
    capillary_density_per_mm2: n / areaMm2,
    intercapillary_distance_mean_um: n >= 2 ? (nnSum / n) * spacingUm : NaN,
    capillary_diameter_mean_um: n > 0 ? capillaries.reduce((a, c) => a + c.diameterUm, 0) / n : NaN,
    side_on_fraction: n > 0 ? capillaries.filter((c) => c.view === 'side-on').length / n : NaN,
  };
  return { image, capillaryMask: { data: mask, width, height, spacingUm }, labels, capillaries, centrelines, spacingUm, truth };
}

/** A capillary centre line around the origin (px) and its bounding radius. */
function makeCapillary(
  rng: Rng,
  o: typeof DEFAULT_SYNTH_SKIN,
): { pts: CentrelinePoint[]; view: Capillary['view']; diameterUm: number; bound: number } {
  const dUm = o.capillaryDiameterUm * Math.exp(rng.normal(0, 0.1));
  const d = dUm / o.spacingUm;
  const theta = rng.range(0, 2 * Math.PI);
  const cos = Math.cos(theta),
    sin = Math.sin(theta);
  const local: [number, number, number][] = []; // (u along, v across, radius)
  let view: Capillary['view'];
  if (rng.uniform() < o.sideOnFraction) {
    view = 'side-on';
    const len = rng.range(4, 8) * d;
    const sep = rng.range(2, 2.8) * d;
    const ra = d / 2,
      rv = (1.25 * d) / 2;
    const steps = Math.max(4, Math.ceil(len / 1.5));
    // The loop bends as a whole (amplitude up to 0.8 d) and each limb wiggles a little (0.25 d).
    const bendAmp = rng.range(-0.8, 0.8) * d,
      wigA = rng.range(0, 0.25) * d,
      wigV = rng.range(0, 0.25) * d;
    const wigF = rng.range(1.5, 3),
      ph = rng.range(0, 2 * Math.PI);
    const bend = (u: number): number => bendAmp * Math.sin((Math.PI * (u + len / 2)) / (2 * len));
    const wig = (u: number, a: number): number =>
      a * Math.sin((wigF * Math.PI * (u + len / 2)) / len + ph) * Math.min(1, (len / 2 - u) / d);
    for (let k = 0; k <= steps; k++) {
      const u = -len / 2 + (len * k) / steps;
      local.push([u, -sep / 2 + bend(u) + wig(u, wigA), ra]);
    }
    const arc = Math.max(6, Math.ceil((Math.PI * sep) / 2 / 1.5));
    for (let k = 1; k < arc; k++) {
      const phi = -Math.PI / 2 + (Math.PI * k) / arc;
      local.push([len / 2 + (sep / 2) * Math.cos(phi), (sep / 2) * Math.sin(phi) + bend(len / 2), ra + (rv - ra) * (k / arc)]);
    }
    for (let k = 0; k <= steps; k++) {
      const u = len / 2 - (len * k) / steps;
      local.push([u, sep / 2 + bend(u) + wig(u, wigV), rv]);
    }
  } else {
    view = 'end-on';
    const len = rng.range(0, 1) * d;
    const r = 1.1 * d;
    local.push([-len / 2, 0, r], [len / 2, 0, r]);
  }
  let bound = 0;
  const pts = local.map(([u, v, r]) => {
    bound = Math.max(bound, Math.hypot(u, v) + r + 0.5);
    return { row: u * sin + v * cos, col: u * cos - v * sin, radiusPx: r };
  });
  // Centre the shape on its bounding box so the bounding circle is tight.
  let rmin = Infinity,
    rmax = -Infinity,
    cmin = Infinity,
    cmax = -Infinity;
  for (const p of pts) {
    rmin = Math.min(rmin, p.row);
    rmax = Math.max(rmax, p.row);
    cmin = Math.min(cmin, p.col);
    cmax = Math.max(cmax, p.col);
  }
  const mr = (rmin + rmax) / 2,
    mc = (cmin + cmax) / 2;
  bound = 0;
  for (const p of pts) {
    p.row -= mr;
    p.col -= mc;
    bound = Math.max(bound, Math.hypot(p.row, p.col) + p.radiusPx + 0.5);
  }
  return { pts, view, diameterUm: dUm, bound };
}

function paintSkin(rng: Rng, o: typeof DEFAULT_SYNTH_SKIN, profile: Float32Array): Image2D<Uint8Array> {
  const { width, height } = o;
  const n = width * height;
  const tex = fractalNoise(width, height, rng.fork('tex'), { cellPx: 64, octaves: 3, persistence: 0.6 });
  const fine = fractalNoise(width, height, rng.fork('fine'), { cellPx: 12, octaves: 1 });
  const tone = 255 * rng.range(0.9, 1.05);
  const b0 = 0.9 * tone,
    b1 = 0.68 * tone,
    b2 = 0.6 * tone;
  const k0 = 0.35,
    k1 = 0.7,
    k2 = 0.6; // relative darkening of R, G, B on a capillary
  const noise = gaussianNoise(n * 3, o.noiseSd, rng.fork('noise'));
  const out = new Uint8Array(n * 3);
  const cr = (height - 1) / 2,
    cc = (width - 1) / 2;
  const diag2 = cr * cr + cc * cc;
  const put = (o3: number, x: number): void => {
    const v = Math.round(x);
    out[o3] = v < 0 ? 0 : v > 255 ? 255 : v;
  };
  for (let r = 0; r < height; r++) {
    const dr2 = (r - cr) ** 2;
    for (let c = 0; c < width; c++) {
      const i = r * width + c,
        i3 = 3 * i;
      const illum = (1 - (0.3 * (dr2 + (c - cc) ** 2)) / diag2) * (1 + 0.09 * tex[i]!) * (1 + 0.05 * fine[i]!);
      const p = profile[i]!;
      put(i3, b0 * illum * (1 - k0 * p) + noise[i3]!);
      put(i3 + 1, b1 * illum * (1 - k1 * p) + noise[i3 + 1]!);
      put(i3 + 2, b2 * illum * (1 - k2 * p) + noise[i3 + 2]!);
    }
  }
  return { data: out, width, height, channels: 3, spacingUm: o.spacingUm };
}
