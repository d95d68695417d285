import { VesselprintError } from '../core/errors.js';
import type { Mask2D } from '../core/image.js';
import type { CentrelinePoint, VesselTree } from './types.js';

/** Options of {@link renderVessels}. */
export interface RenderVesselsOptions {
  /** SD of the optical blur (point-spread function) added to every profile, px. Default 0.6. */
  psfSigmaPx?: number;
  /** Restrict the ground-truth mask to this field of view (pixels outside are 0). */
  fov?: Mask2D;
}

export const DEFAULT_RENDER_VESSELS = { psfSigmaPx: 0.6 };

/** Output of {@link renderVessels}: row-major arrays of `width * height`. */
export interface RenderedVessels {
  width: number;
  height: number;
  /** Ground truth: 1 where a pixel centre lies within radius of some centre line (inside the FOV). */
  mask: Uint8Array;
  /** Artery/vein labels of mask pixels: 0 background, 1 artery, 2 vein, 3 both (crossing). */
  label: Uint8Array;
  /** Relative darkening by arteries, in [0, 1] (peak 1 for wide vessels), before contrast scaling. */
  arteryProfile: Float32Array;
  /** Relative darkening by veins, in [0, 1]. */
  veinProfile: Float32Array;
}

const FWHM_TO_SIGMA = 1 / Math.sqrt(2 * Math.log(2)); // σ = (w/2)/√(2 ln 2) for a Gaussian of FWHM w

/**
 * Rasterises vessel trees. Each pair of successive centre-line points is a capsule of the
 * segment's radius r; a pixel is in the ground-truth mask when the distance d from its centre to
 * the nearest centre line is ≤ r (so the mask width of a vessel equals 2r on average over
 * positions). The image profile is Gaussian: the vessel's Gaussian has FWHM = 2r
 * (σ_v = r / √(2 ln 2)), blurred by the camera PSF σ_p, giving a relative darkening
 * (σ_v / σ_e) · exp(−d² / 2σ_e²) with σ_e² = σ_v² + σ_p² (convolution of Gaussians keeps the
 * area, so thin vessels lose contrast as in real photographs). Overlapping vessels take the
 * maximum, separately for arteries and veins.
 *
 * @throws VesselprintError SHAPE_MISMATCH when `fov` is not width × height
 * @example renderVessels([tree], 584, 565).mask // Uint8Array of 0/1
 */
export function renderVessels(trees: VesselTree[], width: number, height: number, options: RenderVesselsOptions = {}): RenderedVessels {
  const psf = options.psfSigmaPx ?? DEFAULT_RENDER_VESSELS.psfSigmaPx;
  if (options.fov && (options.fov.width !== width || options.fov.height !== height)) {
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `renderVessels: fov is ${options.fov.width}x${options.fov.height}, image is ${width}x${height}`,
    );
  }
  const n = width * height;
  const mask = new Uint8Array(n);
  const label = new Uint8Array(n);
  const arteryProfile = new Float32Array(n);
  const veinProfile = new Float32Array(n);
  for (const tree of trees) {
    const prof = tree.kind === 'artery' ? arteryProfile : veinProfile;
    const bit = tree.kind === 'artery' ? 1 : 2;
    const inside = (idx: number): void => {
      mask[idx] = 1;
      label[idx] = label[idx]! | bit;
    };
    for (const b of tree.branches) stampPolyline(b.points, width, height, psf, prof, inside);
  }
  if (options.fov) {
    const f = options.fov.data;
    for (let i = 0; i < n; i++)
      if (f[i] === 0) {
        mask[i] = 0;
        label[i] = 0;
      }
  }
  return { width, height, mask, label, arteryProfile, veinProfile };
}

/**
 * Rasterises one centre line as a chain of capsules (see {@link renderVessels} for the model):
 * `profile[idx]` becomes the maximum of itself and the blurred Gaussian profile, and `onInside(idx)`
 * is called for every pixel whose centre lies within the segment radius of the centre line
 * (possibly more than once per pixel). Segment i → i+1 uses the radius of point i + 1.
 *
 * @example
 * const prof = new Float32Array(100), hits = new Set<number>();
 * stampPolyline([{ row: 5, col: 0, radiusPx: 1 }, { row: 5, col: 9, radiusPx: 1 }], 10, 10, 0, prof, (i) => hits.add(i));
 * hits.size // 30 (rows 4-6, all 10 columns); prof[55] // 1
 */
export function stampPolyline(
  pts: readonly CentrelinePoint[],
  width: number,
  height: number,
  psfSigmaPx: number,
  profile: Float32Array,
  onInside: (idx: number) => void,
): void {
  const psf2 = psfSigmaPx * psfSigmaPx;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!,
      e = pts[i + 1]!;
    const r = e.radiusPx;
    const sv = r * FWHM_TO_SIGMA;
    const se2 = sv * sv + psf2;
    const amp = sv / Math.sqrt(se2);
    const reach = Math.max(r, 3 * Math.sqrt(se2)) + 1;
    const r0 = Math.max(0, Math.floor(Math.min(a.row, e.row) - reach));
    const r1 = Math.min(height - 1, Math.ceil(Math.max(a.row, e.row) + reach));
    const c0 = Math.max(0, Math.floor(Math.min(a.col, e.col) - reach));
    const c1 = Math.min(width - 1, Math.ceil(Math.max(a.col, e.col) + reach));
    const dr = e.row - a.row,
      dc = e.col - a.col;
    const len2 = dr * dr + dc * dc;
    const r2 = r * r;
    const reach2 = reach * reach;
    const inv2se2 = 1 / (2 * se2);
    for (let y = r0; y <= r1; y++) {
      for (let x = c0; x <= c1; x++) {
        const pr = y - a.row,
          pc = x - a.col;
        let t = len2 > 0 ? (pr * dr + pc * dc) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const qr = pr - t * dr,
          qc = pc - t * dc;
        const d2 = qr * qr + qc * qc;
        if (d2 > reach2) continue;
        const idx = y * width + x;
        const v = amp * Math.exp(-d2 * inv2se2);
        if (v > profile[idx]!) profile[idx] = v;
        if (d2 <= r2) onInside(idx);
      }
    }
  }
}
