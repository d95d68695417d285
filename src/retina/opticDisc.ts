import type { Image2D, Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import { getChannel } from '../core/image.js';
import { resize, resizeMask } from '../preprocess/resample.js';
import { gaussianBlur, maskedGaussianBlur } from '../preprocess/gaussian.js';
import { erodeSquare } from '../preprocess/fov.js';
import { fovCircle } from '../preprocess/fovCircle.js';
import type { OpticDisc } from './types.js';
import { checkDiscRadiusFraction, TRAINING_DISC_RADIUS_FRACTION } from '../segment/unet/inputScale.js';

/** Options of {@link detectOpticDisc}. */
export interface DetectOpticDiscOptions {
  /** Field-of-view mask (same size as the image); required. */
  fov: Mask2D;
  /** Vessel probability (row-major, same size), for the vessel-convergence term; without it only brightness is used. */
  vessel?: Float32Array;
  /** Working resolution: the FOV diameter is resampled to about this many pixels. Default 400. */
  workDiameterPx?: number;
  /**
   * Disc radius as a fraction of the radius of the FOV circle fitted to the mask's rim (`fovCircle`):
   * the radius estimate, and the scale of the score windows. Default 0.081 (median annotated radius /
   * fitted circle radius of the HRF train and validation images).
   */
  circleRadiusFraction?: number;
  /**
   * The same, as a fraction of the FOV's area-equivalent radius √(area/π), used when no circle can be
   * fitted (a crop from inside the field). Default 0.089 (the same annotations; HRF's field is clipped
   * at the top and bottom, so its area-equivalent radius is 0.91 of its circle's).
   */
  radiusFraction?: number;
  /** Weight of the vessel-density term relative to the brightness term (both z-scored). Default 1. */
  vesselWeight?: number;
  /** After the combined score has chosen a candidate, the centre moves to the brightest point (brightness term alone) within this many disc radii of it: the vessels converge on the nasal side of the disc, the brightness is centred on it. 0 = no refinement. Default 1. */
  refineRadii?: number;
  /** Centres closer to the FOV edge than this many disc radii are not considered. Default 1.5. */
  rimMarginRadii?: number;
}

/** Defaults of {@link DetectOpticDiscOptions} (besides `fov` and `vessel`). */
export const DEFAULT_DETECT_OPTIC_DISC = {
  workDiameterPx: 400,
  // HRF's camera: measured on our annotations, the camera the shipped CNNs were trained on
  circleRadiusFraction: TRAINING_DISC_RADIUS_FRACTION,
  radiusFraction: 0.089,
  vesselWeight: 1,
  rimMarginRadii: 1.5,
  refineRadii: 1,
} as const;

/**
 * Detector options for a camera whose disc is `fraction` × the radius of its fitted FOV circle
 * (`circleRadiusFraction`), with the area-equivalent fallback (`radiusFraction`) scaled by the same
 * factor as the defaults (0.089 / 0.081). The default 0.081 is HRF's camera (Canon CR-1, 45° field);
 * another camera's field angle or optics give another fraction — calibrate it from a few annotated
 * photographs: 0.081 × the median of (annotated radius / detected `disc_radius_px`), docs/retina.md.
 * @throws VesselprintError BAD_ARGUMENT unless 0 < fraction ≤ 0.5
 * @example detectOpticDisc(rgb, { fov, ...discRadiusOptions(0.139) }) // synthetic fundus geometry
 */
export function discRadiusOptions(fraction: number): { circleRadiusFraction: number; radiusFraction: number } {
  checkDiscRadiusFraction(fraction);
  const d = DEFAULT_DETECT_OPTIC_DISC;
  return { circleRadiusFraction: fraction, radiusFraction: (fraction * d.radiusFraction) / d.circleRadiusFraction };
}

/** Output of {@link detectOpticDisc}: the disc and the score that chose it. */
export interface DetectedDisc extends OpticDisc {
  /** Combined z-score at the chosen centre (higher = more disc-like). */
  score: number;
  /** Brightness at the final centre relative to the smooth background (step 1's B: 1 = as bright as the surroundings). */
  brightness: number;
  /** Vessel density at the chosen candidate over its mean in the eroded FOV (step 2's V; NaN without a vessel map). */
  vesselDensityRatio: number;
}

/**
 * Locates the optic disc of a colour fundus photograph: a classical detector combining the
 * disc's brightness with the convergence of the large vessels on it.
 *
 * At a working resolution (FOV ≈ `workDiameterPx` across):
 * 1. brightness B — the green channel divided by its smooth background (FOV-masked Gaussian,
 *    σ = 3 disc radii), so that illumination gradients and the bright FOV rim do not win,
 *    then averaged over a disc-sized window (Gaussian, σ = R/2);
 * 2. vessel density V — the vessel probability averaged over a window of about two disc
 *    radii (Gaussian, σ = R): the thick trunks all meet at the disc, so V peaks there, while
 *    bright lesions (exudates, drusen) and the rim have few large vessels;
 * 3. score S = z(B) + `vesselWeight` · z(V) (z over the FOV), maximised over the FOV eroded
 *    by `rimMarginRadii` disc radii;
 * 4. the centre then moves to the maximum of B alone within `refineRadii` disc radii (the
 *    vessel density peaks on the disc's nasal side, its brightness at its centre). The radius is `circleRadiusFraction` × the
 *    radius of the FOV circle fitted to the mask's rim (`fovCircle`; a camera's field angle fixes it: 0.081 for HRF's 45° camera), so that a
 *    photograph whose frame clips or crops the field gets the same radius as a whole one; without a fitted circle,
 *    `radiusFraction` × the FOV's area-equivalent radius.
 *
 * Brightness plus vessel convergence as in A. Hoover & M. Goldbaum, "Locating the optic nerve
 * in a retinal image using the fuzzy convergence of the blood vessels", IEEE TMI 22(8):951–958,
 * 2003, doi:10.1109/TMI.2003.815900 (here in its simplest, density form).
 *
 * @throws VesselprintError SHAPE_MISMATCH for masks of another size; EMPTY_INPUT for an empty FOV
 * @example detectOpticDisc(rgb, { fov, vessel: prob }) // { row: 1120, col: 1015, radiusPx: 137, score: 4.1 }
 */
export function detectOpticDisc(image: Image2D, options: DetectOpticDiscOptions): DetectedDisc {
  const o = { ...DEFAULT_DETECT_OPTIC_DISC, ...options };
  const { width, height } = image;
  const { fov } = o;
  if (fov.width !== width || fov.height !== height) {
    throw new VesselprintError('SHAPE_MISMATCH', `detectOpticDisc: FOV is ${fov.width}x${fov.height}, image is ${width}x${height}`, {
      field: 'fov',
    });
  }
  if (o.vessel && o.vessel.length !== width * height) {
    throw new VesselprintError('SHAPE_MISMATCH', `detectOpticDisc: vessel map has ${o.vessel.length} pixels, image has ${width * height}`, {
      field: 'vessel',
    });
  }
  let area = 0;
  for (let i = 0; i < fov.data.length; i++) area += fov.data[i]!;
  if (area === 0) throw new VesselprintError('EMPTY_INPUT', 'detectOpticDisc: the FOV mask is empty', { field: 'fov' });
  const fovRadius = Math.sqrt(area / Math.PI);
  const scale = Math.min(1, o.workDiameterPx / (2 * fovRadius));
  const w = Math.max(8, Math.round(width * scale)),
    h = Math.max(8, Math.round(height * scale));
  const sr = height / h,
    sc = width / w; // source px per working px
  const green = resize(getChannel(image, image.channels >= 3 ? 1 : 0), w, h).data;
  const fovW = resizeMask(fov, w, h);
  // The camera's field is a circle of fixed angle, whatever the frame clips of it: the disc is a
  // fixed fraction of that circle's radius, found from the rim; the area stands in without a rim.
  const circle = fovCircle(fov);
  const radiusPx = circle !== undefined ? o.circleRadiusFraction * circle.radiusPx : o.radiusFraction * fovRadius;
  const radiusW = radiusPx * scale;
  // 1. brightness relative to the smooth background, averaged over a disc-sized window
  const bg = maskedGaussianBlur(green, fovW.data, w, h, 3 * radiusW);
  const rel = new Float32Array(w * h);
  for (let i = 0; i < rel.length; i++) rel[i] = fovW.data[i] ? green[i]! / Math.max(1e-6, bg[i]!) : 0;
  const vesselW = o.vessel ? resize({ data: o.vessel, width, height, channels: 1 }, w, h).data : null;
  // brightness of the background between the vessels (vessels crossing the disc would pull its mean down)
  const between = new Uint8Array(w * h);
  for (let i = 0; i < between.length; i++) between[i] = fovW.data[i] && (!vesselW || vesselW[i]! < 0.5) ? 1 : 0;
  const bright = maskedGaussianBlur(rel, between, w, h, radiusW / 2);
  // 2. vessel density
  const dens = vesselW ? gaussianBlur(vesselW, w, h, radiusW) : null;
  // 3. combined z-score over the eroded FOV
  const inner = erodeSquare(fovW, Math.max(1, Math.round(o.rimMarginRadii * radiusW)));
  const zb = zScorer(bright, inner.data);
  const zv = dens ? zScorer(dens, inner.data) : null;
  let best = -Infinity,
    bi = -1;
  for (let i = 0; i < w * h; i++) {
    if (!inner.data[i]) continue;
    const s = zb(i) + (zv ? o.vesselWeight * zv(i) : 0);
    if (s > best) {
      best = s;
      bi = i;
    }
  }
  if (bi < 0)
    throw new VesselprintError(
      'EMPTY_INPUT',
      'detectOpticDisc: no candidate left after removing the FOV rim (FOV too small for the rim margin)',
      { field: 'rimMarginRadii' },
    );
  // 4. refinement: the brightest point (brightness alone) within refineRadii·R of the candidate
  const candidate = bi;
  const r0 = Math.floor(bi / w),
    c0 = bi % w,
    reach = o.refineRadii * radiusW;
  let bestB = -Infinity;
  for (let r = Math.max(0, Math.floor(r0 - reach)); r <= Math.min(h - 1, Math.ceil(r0 + reach)); r++) {
    for (let c = Math.max(0, Math.floor(c0 - reach)); c <= Math.min(w - 1, Math.ceil(c0 + reach)); c++) {
      const i = r * w + c;
      if (!inner.data[i] || Math.hypot(r - r0, c - c0) > reach) continue;
      if (bright[i]! > bestB) {
        bestB = bright[i]!;
        bi = i;
      }
    }
  }
  let densSum = 0,
    densN = 0;
  if (dens)
    for (let i = 0; i < w * h; i++)
      if (inner.data[i]) {
        densSum += dens[i]!;
        densN++;
      }
  return {
    row: (Math.floor(bi / w) + 0.5) * sr - 0.5,
    col: ((bi % w) + 0.5) * sc - 0.5,
    radiusPx,
    score: best,
    brightness: bright[bi]!,
    vesselDensityRatio: dens && densSum > 0 ? dens[candidate]! / (densSum / densN) : NaN,
  };
}

/** z-score of `data` over the pixels where `mask` is 1. */
function zScorer(data: Float32Array, mask: Uint8Array): (i: number) => number {
  let n = 0,
    s = 0,
    s2 = 0;
  for (let i = 0; i < data.length; i++) {
    if (!mask[i]) continue;
    n++;
    s += data[i]!;
    s2 += data[i]! * data[i]!;
  }
  const m = s / n;
  const sd = Math.sqrt(Math.max(1e-12, s2 / n - m * m));
  return (i) => (data[i]! - m) / sd;
}
