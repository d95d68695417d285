import type { Rng } from '../core/rng.js';
import { VesselprintError } from '../core/errors.js';
import { fractalNoise } from './noise.js';
import { synthSkin } from './skin.js';
import type { CentrelinePoint } from './types.js';

/** Options of {@link planSkinScene}. */
export interface SkinSceneOptions {
  /** Frame width (columns) of the recordings, px. Default 320. */
  width?: number;
  /** Frame height (rows), px. Default 240. */
  height?: number;
  /** Extra tissue around the frame on every side, px, so the hand can move. Default 24. */
  marginPx?: number;
  /** µm per pixel. Default 2.5. */
  spacingUm?: number;
  /** Anatomical (structural) capillary density, per mm² of tissue. Default 110. */
  densityPerMm2?: number;
  /** Share of capillaries seen side-on (hairpins); dorsal finger skin shows mostly end-on dots. Default 0.3. */
  sideOnFraction?: number;
  /** Mean limb diameter, µm. Default 10. */
  capillaryDiameterUm?: number;
  /** Minimum gap between capillaries' bounding circles, px. Default 4. */
  minGapPx?: number;
  /** SD of the optical blur, px. Default 1. */
  psfSigmaPx?: number;
}

export const DEFAULT_SKIN_SCENE: Required<SkinSceneOptions> = {
  width: 320,
  height: 240,
  marginPx: 24,
  spacingUm: 2.5,
  densityPerMm2: 110,
  sideOnFraction: 0.3,
  capillaryDiameterUm: 10,
  minGapPx: 4,
  psfSigmaPx: 1,
};

/** One capillary of a scene: where it is and the pixels its red cells darken. */
export interface SceneCapillary {
  /** 1-based id, stable across the recordings of a scene. */
  id: number;
  view: 'end-on' | 'side-on';
  /** Centroid of the capillary's mask in scene coordinates (= frame coordinates at zero motion), px. */
  row: number;
  col: number;
  diameterUm: number;
  /** Centre-line length, px (0 for an end-on dot seen as one point). */
  lengthPx: number;
  /** Canvas pixel indices under the capillary's blurred profile. */
  pixels: Int32Array;
  /** Relative darkening at those pixels when the capillary is full of red cells (0–1). */
  weight: Float32Array;
  /** Arc length along the centre line at those pixels, px. */
  arcPx: Float32Array;
  /** Uniform draws deciding, per phase, whether the capillary holds red cells and whether they flow. */
  uVisible: number;
  uFlow: number;
  /** Red-cell velocity when flowing, px per frame at 30 fps is derived later; here µm/s. */
  velocityUmPerS: number;
  /** Phase of the red-cell / plasma-gap pattern, px. */
  patternOffsetPx: number;
}

/** The tissue a set of recordings looks at: background texture and capillaries on a canvas larger than the frame. */
export interface SkinScene {
  width: number;
  height: number;
  marginPx: number;
  canvasWidth: number;
  canvasHeight: number;
  spacingUm: number;
  psfSigmaPx: number;
  /** Tissue reflectance texture on the canvas (mean ≈ 1). */
  texture: Float32Array;
  capillaries: SceneCapillary[];
}

/**
 * Plans the tissue seen by a skin capillary video-microscope: the capillary loops of
 * {@link synthSkin} (placed at `densityPerMm2` on a canvas `marginPx` larger than the frame on
 * every side), each with its blurred Gaussian profile and the arc length of every pixel along its
 * centre line (so red cells and plasma gaps can travel along it), plus a tissue texture. Scene
 * coordinates equal frame coordinates when the hand does not move; a capillary belongs to the
 * scene's truth when its centroid lies inside the frame.
 *
 * @throws VesselprintError BAD_ARGUMENT on sizes below 32 px or a negative margin
 * @example planSkinScene(createRng(1)).capillaries.length // ≈ 110/mm² × 0.48 mm² ≈ 53
 */
export function planSkinScene(rng: Rng, options: SkinSceneOptions = {}): SkinScene {
  const o = { ...DEFAULT_SKIN_SCENE, ...options };
  if (!(o.width >= 32 && o.height >= 32 && o.marginPx >= 0)) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `planSkinScene: frame must be ≥ 32x32 px and margin ≥ 0, got ${o.width}x${o.height}, margin ${o.marginPx}`,
    );
  }
  const cw = o.width + 2 * o.marginPx,
    ch = o.height + 2 * o.marginPx;
  const skin = synthSkin(rng.fork('anatomy'), {
    width: cw,
    height: ch,
    spacingUm: o.spacingUm,
    densityPerMm2: o.densityPerMm2,
    sideOnFraction: o.sideOnFraction,
    capillaryDiameterUm: o.capillaryDiameterUm,
    minGapPx: o.minGapPx,
    psfSigmaPx: o.psfSigmaPx,
    noiseSd: 0,
  });
  const flow = rng.fork('flow');
  const caps: SceneCapillary[] = [];
  skin.capillaries.forEach((c, i) => {
    const fp = footprint(skin.centrelines[i]!, cw, ch, o.psfSigmaPx);
    caps.push({
      id: i + 1,
      view: c.view,
      row: c.centroidRow - o.marginPx,
      col: c.centroidCol - o.marginPx,
      diameterUm: c.diameterUm,
      lengthPx: fp.lengthPx,
      pixels: fp.pixels,
      weight: fp.weight,
      arcPx: fp.arcPx,
      uVisible: flow.uniform(),
      uFlow: flow.uniform(),
      velocityUmPerS: 200 + 600 * flow.uniform(),
      patternOffsetPx: 100 * flow.uniform(),
    });
  });
  const tex = fractalNoise(cw, ch, rng.fork('texture'), { cellPx: 48, octaves: 3, persistence: 0.6 });
  const fine = fractalNoise(cw, ch, rng.fork('fine'), { cellPx: 10, octaves: 1 });
  const texture = new Float32Array(cw * ch);
  for (let i = 0; i < texture.length; i++) texture[i] = (1 + 0.08 * tex[i]!) * (1 + 0.04 * fine[i]!);
  return {
    width: o.width,
    height: o.height,
    marginPx: o.marginPx,
    canvasWidth: cw,
    canvasHeight: ch,
    spacingUm: o.spacingUm,
    psfSigmaPx: o.psfSigmaPx,
    texture,
    capillaries: caps,
  };
}

const FWHM_TO_SIGMA = 1 / Math.sqrt(2 * Math.log(2));

/** Pixels near a centre line with the blurred Gaussian profile of renderVessels' model and their arc length. */
function footprint(
  pts: CentrelinePoint[],
  width: number,
  height: number,
  psf: number,
): { pixels: Int32Array; weight: Float32Array; arcPx: Float32Array; lengthPx: number } {
  const cum = [0];
  for (let i = 1; i < pts.length; i++) cum.push(cum[i - 1]! + Math.hypot(pts[i]!.row - pts[i - 1]!.row, pts[i]!.col - pts[i - 1]!.col));
  let rmin = Infinity,
    rmax = -Infinity,
    cmin = Infinity,
    cmax = -Infinity,
    rad = 0;
  for (const p of pts) {
    rmin = Math.min(rmin, p.row);
    rmax = Math.max(rmax, p.row);
    cmin = Math.min(cmin, p.col);
    cmax = Math.max(cmax, p.col);
    rad = Math.max(rad, p.radiusPx);
  }
  const reach = rad + 3 * Math.sqrt(rad * rad + psf * psf) + 1;
  const pix: number[] = [],
    w: number[] = [],
    arc: number[] = [];
  for (let r = Math.max(0, Math.floor(rmin - reach)); r <= Math.min(height - 1, Math.ceil(rmax + reach)); r++) {
    for (let c = Math.max(0, Math.floor(cmin - reach)); c <= Math.min(width - 1, Math.ceil(cmax + reach)); c++) {
      let best = 0,
        bestArc = 0;
      for (let i = 0; i + 1 < pts.length || (pts.length === 1 && i === 0); i++) {
        const a = pts[i]!,
          e = pts[Math.min(i + 1, pts.length - 1)]!;
        const dr = e.row - a.row,
          dc = e.col - a.col,
          len2 = dr * dr + dc * dc;
        let t = len2 > 0 ? ((r - a.row) * dr + (c - a.col) * dc) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const d2 = (r - a.row - t * dr) ** 2 + (c - a.col - t * dc) ** 2;
        const sv = e.radiusPx * FWHM_TO_SIGMA,
          se2 = sv * sv + psf * psf;
        const v = (sv / Math.sqrt(se2)) * Math.exp(-d2 / (2 * se2));
        if (v > best) {
          best = v;
          bestArc = cum[i]! + t * Math.sqrt(len2);
        }
      }
      if (best > 0.01) {
        pix.push(r * width + c);
        w.push(best);
        arc.push(bestArc);
      }
    }
  }
  return { pixels: Int32Array.from(pix), weight: Float32Array.from(w), arcPx: Float32Array.from(arc), lengthPx: cum[cum.length - 1]! };
}
