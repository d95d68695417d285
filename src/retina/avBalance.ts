import type { Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import { quantileSorted } from '../core/quantile.js';
import type { ArteryVeinMaps } from '../segment/arteryVeinMaps.js';

/** Options of {@link balanceArteryVein}. */
export interface BalanceArteryVeinOptions {
  /**
   * Fraction of the vessel-mask pixels to be called artery after the shift. Default 0.47: the value
   * chosen for the shipped `hrf-av-unet` on its validation images (HRF 14_*, pooled centre-line A/V
   * accuracy over a 0.40–0.54 grid; `npm run bench -- avclassify --calibrate-balance`; docs/retina.md);
   * a model's own value (metadata.json → `avBalance.arteryFraction`) takes precedence in `analyzeRetina`.
   * For reference, arterioles make 0.47–0.53 of the manual centre line on every one of the 24 HRF
   * images (wider venules give them a smaller share of the mask's pixels).
   */
  arteryFraction?: number;
  /** Fewer vessel pixels than this: no shift (too little evidence for an image-level prior). Default 500. */
  minPixels?: number;
}

/** Defaults of {@link BalanceArteryVeinOptions}. */
export const DEFAULT_BALANCE_ARTERY_VEIN = { arteryFraction: 0.47, minPixels: 500 } as const;

/** Result of {@link balanceArteryVein}. */
export interface BalancedArteryVein {
  maps: ArteryVeinMaps;
  /** The log-odds shift subtracted from every pixel's log(p_artery / p_vein) (0 when not applied). */
  shift: number;
  /** Fraction of the mask's pixels called artery before the shift. */
  arteryFractionBefore: number;
  /** Vessel-mask pixels the shift was computed over. */
  pixels: number;
}

const EPS = 1e-6;

/**
 * Image-level artery/vein prior: shifts every pixel's artery-vs-vein log-odds
 * l = log(p_artery / p_vein) by one constant q per image, chosen so that a fraction
 * `arteryFraction` of the vessel-mask pixels ends with l − q ≥ 0 (q = the (1 − f) quantile of l
 * over the mask). The vessel probability p_artery + p_vein of every pixel is kept; only its split
 * changes: p'_artery = s·σ(l − q), p'_vein = s·(1 − σ(l − q)), s = p_artery + p_vein.
 *
 * Why: the CNN's decision between the two types drifts with an image's colour (on the held-out
 * diabetic-retinopathy HRF images the shipped model called 66–70 % of the centre line artery where
 * the manual labels have 50 %), whereas every eye has about as many arteriolar as venular centre
 * line. Tying the split to that prior is the image-level counterpart of the per-image normalised
 * intensities of classical A/V classifiers (Dashtbozorg, Mendonça & Campilho 2014, IEEE TIP
 * 23(3):1073, doi:10.1109/TIP.2013.2292794) and of the eye-level balance their graph labelling assumes.
 *
 * @param mask vessel pixels to compute the fraction over (the thresholded vessel map inside the FOV)
 * @throws VesselprintError SHAPE_MISMATCH when mask and maps differ in size; BAD_ARGUMENT for a fraction outside (0, 1)
 * @example balanceArteryVein(maps, vesselMask).shift // e.g. 0.8 on an image the CNN calls too arterial
 */
export function balanceArteryVein(maps: ArteryVeinMaps, mask: Mask2D, options: BalanceArteryVeinOptions = {}): BalancedArteryVein {
  const f = options.arteryFraction ?? DEFAULT_BALANCE_ARTERY_VEIN.arteryFraction;
  const minPixels = options.minPixels ?? DEFAULT_BALANCE_ARTERY_VEIN.minPixels;
  if (!(f > 0 && f < 1))
    throw new VesselprintError('BAD_ARGUMENT', `balanceArteryVein: arteryFraction must be in (0, 1), got ${f}`, {
      field: 'arteryFraction',
    });
  if (mask.width !== maps.width || mask.height !== maps.height)
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `balanceArteryVein: vessel mask is ${mask.width}x${mask.height}, A/V maps are ${maps.width}x${maps.height}`,
      { field: 'mask' },
    );
  const n = maps.width * maps.height;
  const logits: number[] = [];
  let arteries = 0;
  for (let i = 0; i < n; i++) {
    if (!mask.data[i]) continue;
    const l = Math.log((maps.artery[i]! + EPS) / (maps.vein[i]! + EPS));
    logits.push(l);
    if (l >= 0) arteries++;
  }
  const pixels = logits.length;
  const arteryFractionBefore = pixels > 0 ? arteries / pixels : Number.NaN;
  if (pixels < minPixels) return { maps, shift: 0, arteryFractionBefore, pixels };
  logits.sort((a, b) => a - b);
  const shift = quantileSorted(logits, 1 - f);
  const artery = new Float32Array(n);
  const vein = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = maps.artery[i]!;
    const v = maps.vein[i]!;
    const s = a + v;
    if (s <= 0) continue;
    const l = Math.log((a + EPS) / (v + EPS)) - shift;
    const pa = 1 / (1 + Math.exp(-l));
    artery[i] = s * pa;
    vein[i] = s - artery[i]!;
  }
  return { maps: { ...maps, artery, vein }, shift, arteryFractionBefore, pixels };
}
