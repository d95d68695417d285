/**
 * The retina pipeline on a photograph with the artery/vein CNN, at a grid fine enough for the
 * widths: a photograph coarser than the CNN's training scale (its FOV narrower than the model's
 * `inputFovDiameterPx`) is enlarged for the whole analysis, so that the CNN's maps are not averaged
 * down to the coarse grid before the zone-B widths are read from them.
 */
import type { Image2D, Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import { resizeMask } from '../preprocess/resample.js';
import { resizeChannels } from '../segment/unet/resizeImage.js';
import { DEFAULT_AV_MODEL_DIR } from '../segment/unet/predictArteryVein.js';
import type { ArteryVeinMaps } from '../segment/arteryVeinMaps.js';
import { modelNetworkDownsample, predictArteryVeinAdapter, type PredictArteryVeinAdapterOptions } from './predictArteryVeinAdapter.js';
import { analyzeRetina, type AnalyzeRetinaOptions, type RetinaAnalysis } from './analyzeRetina.js';

/** Options of {@link retinaFromPhotograph}: the CNN's and the analysis's, and the enlargement rule. */
export interface RetinaFromPhotographOptions extends AnalyzeRetinaOptions {
  /** The artery/vein CNN (model folder, workers, flips, FOV scaling). */
  cnn?: Omit<PredictArteryVeinAdapterOptions, 'fov'>;
  /**
   * Integer enlargement of the photograph for the analysis: `'auto'` = round(1 / f) when the CNN
   * would run at f < 0.75 image px per network px (`networkDownsample`; the network grid finer
   * than the photograph's), else 1; a number forces it. Default `'auto'`.
   */
  analysisUpsample?: 'auto' | number;
  /**
   * The largest automatic enlargement: a photograph that would need more is refused as too coarse.
   * Default 4 (a field of view under ≈ 360 px across for the shipped model, whose training field is
   * 1632 px: disc radius under ≈ 16 px, vessels 1–2 px wide; at ⅙ of HRF, k = 3, calibres were already
   * ≈ 12 % off, docs/retina.md).
   */
  maxAnalysisUpsample?: number;
}

/** Output of {@link retinaFromPhotograph}. */
export interface RetinaFromPhotograph {
  /** The analysis, on the (possibly enlarged) grid of `image`. */
  analysis: RetinaAnalysis;
  /** The CNN maps on that grid. */
  maps: ArteryVeinMaps;
  /** The photograph and FOV as analysed (the input itself when `upsample` is 1). */
  image: Image2D;
  fov: Mask2D;
  /** The enlargement used (1 = none). */
  upsample: number;
  /** `analysis.record` in the ORIGINAL photograph's pixels (disc position and radius ÷ upsample), with `analysis_upsample` and `cnn_downsample` per original pixel. */
  record: Record<string, number | string | null>;
}

/**
 * Runs the artery/vein CNN (`predictArteryVeinAdapter`) and `analyzeRetina` on a colour fundus
 * photograph, enlarging it first (bilinear, FOV nearest) by {@link RetinaFromPhotographOptions.analysisUpsample}
 * when it is coarser than the CNN's grid; pixel spacing and a given disc are scaled with it and the
 * record's pixel fields are given back in the original pixels.
 *
 * @throws VesselprintError BAD_ARGUMENT for an upsample that is not a positive integer, or a photograph that would need more than `maxAnalysisUpsample`; those of the CNN and `analyzeRetina`
 * @example (await retinaFromPhotograph(rgb, { fov, spacingUm: 20 })).record.crae_um
 */
export async function retinaFromPhotograph(image: Image2D, options: RetinaFromPhotographOptions): Promise<RetinaFromPhotograph> {
  const { cnn: given = {}, analysisUpsample = 'auto', maxAnalysisUpsample = 4, ...analysisOptions } = options;
  // the camera's disc fraction sets the CNN's input scale too (networkDownsample)
  const f = options.discRadiusFraction;
  const cnn = f !== undefined && given.discRadiusFraction === undefined ? { ...given, discRadiusFraction: f } : given;
  const down = analysisUpsample === 'auto' ? cnnDownsample(options.fov, cnn) : undefined;
  const k = analysisUpsample !== 'auto' ? analysisUpsample : down !== undefined && down < 0.75 ? Math.round(1 / down) : 1;
  if (down !== undefined && k > maxAnalysisUpsample)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `photograph too coarse for the retina analysis: its field of view is ${(1 / down).toFixed(1)}x narrower in pixels than the artery/vein CNN's training field, so it would need enlarging ${k}x (at most ${maxAnalysisUpsample}x); its vessels are 1-2 px wide and calibres from it meaningless`,
      { field: 'image' },
    );
  if (!Number.isInteger(k) || k < 1)
    throw new VesselprintError('BAD_ARGUMENT', `analysisUpsample must be "auto" or a positive integer, got ${k}`, {
      field: 'analysisUpsample',
    });
  const img = k === 1 ? image : resizeChannels(image, image.width * k, image.height * k);
  const fov = k === 1 ? options.fov : resizeMask(options.fov, image.width * k, image.height * k);
  const maps = await predictArteryVeinAdapter(img, { ...cnn, fov });
  const { disc, spacingUm } = analysisOptions;
  const analysis = analyzeRetina(img, maps, {
    ...analysisOptions,
    fov,
    ...(disc !== undefined && { disc: { row: (disc.row + 0.5) * k - 0.5, col: (disc.col + 0.5) * k - 0.5, radiusPx: disc.radiusPx * k } }),
    ...(spacingUm !== undefined && { spacingUm: spacingUm / k }),
  });
  const r = analysis.record;
  const back = (v: number | string | null | undefined, f: (x: number) => number): number | null => (typeof v === 'number' ? f(v) : null);
  const record: Record<string, number | string | null> = {
    ...r,
    disc_row: back(r['disc_row'], (x) => (x + 0.5) / k - 0.5),
    disc_col: back(r['disc_col'], (x) => (x + 0.5) / k - 0.5),
    disc_radius_px: back(r['disc_radius_px'], (x) => x / k),
    pixel_spacing_um: spacingUm ?? null,
    cnn_downsample: back(r['cnn_downsample'], (x) => x / k),
    analysis_upsample: k,
  };
  return { analysis, maps, image: img, fov, upsample: k, record };
}

/** Image px per network px the CNN would run at (undefined when the model records no scale); the enlargement is round(1 / f) when f < 0.75. */
function cnnDownsample(fov: Mask2D, cnn: Omit<PredictArteryVeinAdapterOptions, 'fov'>): number | undefined {
  return modelNetworkDownsample(cnn.modelDir ?? DEFAULT_AV_MODEL_DIR, fov, {
    ...(cnn.scaleByFov === false && { scaleByFov: false }),
    ...(cnn.discRadiusFraction !== undefined && { discRadiusFraction: cnn.discRadiusFraction }),
  });
}
