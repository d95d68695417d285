/**
 * Training-free vessel segmentation: channel → FOV → working resolution → illumination
 * normalisation → optional CLAHE → vesselness (Frangi or line detector) → probability map →
 * threshold → small-component removal → optional hole filling.
 */
import type { Image2D, Mask2D } from '../../core/image.js';
import { assertSameSize, countMask } from '../../core/image.js';
import { VesselprintError, oneOf } from '../../core/errors.js';
import { selectChannel, type ChannelChoice } from '../../core/channel.js';
import { defaultFov } from '../../preprocess/fov.js';
import { resize, resizeMask } from '../../preprocess/resample.js';
import { normalizeIllumination } from '../../preprocess/illumination.js';
import { clahe } from '../../preprocess/clahe.js';
import { removeSmallComponents, fillHoles } from '../../preprocess/components.js';
import { frangi, type RidgePolarity } from './frangi.js';
import { lineDetector } from './lineDetector.js';
import { otsuThreshold, thresholdForFraction, applyThreshold } from './threshold.js';
import { MODALITIES, type Modality } from '../../core/modality.js';

/** Classical enhancers. */
export type ClassicalMethod = 'frangi' | 'line';
export const CLASSICAL_METHODS: readonly ClassicalMethod[] = ['frangi', 'line'];

export type ThresholdMethod = 'otsu' | 'fraction';
export const THRESHOLD_METHODS: readonly ThresholdMethod[] = ['otsu', 'fraction'];

export interface SegmentVesselsOptions {
  /** Enhancer (default 'frangi'). */
  method?: ClassicalMethod;
  /** Selects the defaults below (default 'fundus'). */
  modality?: Modality;
  /** Channel to work on (fundus default 'green', skin 'green'). */
  channel?: ChannelChoice;
  /** Field of view; estimated with `estimateFov` when absent (fundus), whole image (skin). */
  fov?: Mask2D;
  /**
   * The image is resampled so that its longer side is at most this many pixels before
   * filtering, and the result is resampled back (fundus default 1800: HRF 3504 px → ×0.51;
   * skin default Infinity = no resampling). Filter scales are in working pixels.
   */
  maxWorkingSize?: number;
  /** Frangi scales σ in working pixels (fundus [1.5, 2.5, 3.5, 5], skin [1, 1.5, 2, 3]). */
  sigmas?: readonly number[];
  /** Vessel polarity (default 'dark': vessels darker than their surround, as in both modalities). */
  polarity?: RidgePolarity;
  /** Line detector window W in working pixels (fundus 15, skin 11). */
  lineWindow?: number;
  /** Apply CLAHE (clip 2, 8x8 tiles) after illumination normalisation (default true). */
  clahe?: boolean;
  /** Threshold rule (default 'fraction' for fundus, 'otsu' for skin). */
  threshold?: ThresholdMethod;
  /** Vessel fraction of the FOV for the 'fraction' rule (default 0.10 fundus, 0.15 skin). */
  vesselFraction?: number;
  /**
   * Components smaller than this many pixels are removed, counted at the WORKING resolution
   * (converted to original pixels by 1/f², f the working scale; fundus 40, skin 20).
   */
  minComponentSize?: number;
  /** Fill holes up to this many pixels at the working resolution; 0 disables (default 0 fundus, 30 skin). */
  maxHoleSize?: number;
}

interface ResolvedOptions {
  method: ClassicalMethod;
  channel: ChannelChoice;
  maxWorkingSize: number;
  sigmas: readonly number[];
  polarity: RidgePolarity;
  lineWindow: number;
  clahe: boolean;
  threshold: ThresholdMethod;
  vesselFraction: number;
  minComponentSize: number;
  maxHoleSize: number;
}

/** Documented defaults per modality (`skin` = skin capillary microscopy). */
export const MODALITY_DEFAULTS: Record<Modality, ResolvedOptions> = {
  fundus: {
    method: 'frangi',
    channel: 'green',
    maxWorkingSize: 1800,
    sigmas: [1.5, 2.5, 3.5, 5],
    polarity: 'dark',
    lineWindow: 15,
    clahe: true,
    threshold: 'fraction',
    vesselFraction: 0.1,
    minComponentSize: 40,
    maxHoleSize: 0,
  },
  skin: {
    method: 'frangi',
    channel: 'green',
    maxWorkingSize: Infinity,
    sigmas: [1, 1.5, 2, 3],
    polarity: 'dark',
    lineWindow: 11,
    clahe: true,
    threshold: 'otsu',
    vesselFraction: 0.15,
    minComponentSize: 20,
    maxHoleSize: 30,
  },
};

/** Result of {@link segmentVessels}. */
export interface SegmentationResult {
  /**
   * Vessel probability: the enhancer response scaled to [0, 1] (0 outside the FOV, FOV maximum 1),
   * then calibrated by a strictly increasing piecewise-linear map that sends the segmentation
   * threshold to 0.5 — so `probability > 0.5` reproduces the thresholding step; original size.
   */
  probability: Image2D<Float32Array>;
  /** Binary vessel mask (1 = vessel), original size. */
  mask: Mask2D;
  /** FOV used (given or estimated). */
  fov: Mask2D;
  /** Threshold on the scaled response before calibration (it maps to 0.5 in `probability`). */
  threshold: number;
  /** Resolved options actually used. */
  options: ResolvedOptions & { modality: Modality };
}

/**
 * Segments vessels without training.
 * @param img fundus photograph (RGB) or grey image; values in any range
 * @throws VesselprintError BAD_ARGUMENT for unknown method/modality/channel, SHAPE_MISMATCH for a FOV of another size
 * @example
 * const { probability, mask } = segmentVessels(fundusRgb, { method: 'frangi' });
 */
export function segmentVessels(img: Image2D, options: SegmentVesselsOptions = {}): SegmentationResult {
  const modality = oneOf('modality', options.modality ?? 'fundus', MODALITIES);
  const d = MODALITY_DEFAULTS[modality];
  const o: ResolvedOptions = {
    method: oneOf('method', options.method ?? d.method, CLASSICAL_METHODS),
    channel: options.channel ?? d.channel,
    maxWorkingSize: options.maxWorkingSize ?? d.maxWorkingSize,
    sigmas: options.sigmas ?? d.sigmas,
    polarity: oneOf('polarity', options.polarity ?? d.polarity, ['dark', 'bright'] as const),
    lineWindow: options.lineWindow ?? d.lineWindow,
    clahe: options.clahe ?? d.clahe,
    threshold: oneOf('threshold', options.threshold ?? d.threshold, THRESHOLD_METHODS),
    vesselFraction: options.vesselFraction ?? d.vesselFraction,
    minComponentSize: options.minComponentSize ?? d.minComponentSize,
    maxHoleSize: options.maxHoleSize ?? d.maxHoleSize,
  };
  if (!(o.maxWorkingSize >= 16)) {
    throw new VesselprintError('BAD_ARGUMENT', `maxWorkingSize must be ≥ 16, got ${o.maxWorkingSize}`, { field: 'maxWorkingSize' });
  }
  const { width, height } = img;
  const grey = selectChannel(img, o.channel);
  let fov: Mask2D;
  if (options.fov) {
    assertSameSize(img, options.fov, 'image and FOV');
    fov = options.fov;
  } else {
    fov = defaultFov(img, modality);
  }
  if (countMask(fov) === 0) {
    throw new VesselprintError(
      'EMPTY_INPUT',
      options.fov
        ? 'the field-of-view mask is empty (no non-zero pixel): nothing to segment'
        : 'the estimated field of view is empty (the image has no region brighter than its rim — a black or blank image?); give a FOV mask',
      { field: 'fov' },
    );
  }
  const f = Math.min(1, o.maxWorkingSize / Math.max(width, height));
  const ww = Math.max(1, Math.round(width * f));
  const wh = Math.max(1, Math.round(height * f));
  const work = f < 1 ? resize(grey, ww, wh) : grey;
  const wfov = f < 1 ? resizeMask(fov, ww, wh) : fov;
  let enh = normalizeIllumination(work, wfov, { mode: 'divide' });
  if (o.clahe) {
    // the normalised image is ≈ 1 on the background; map [0, 2] to 8 bits for CLAHE
    enh = clahe(enh, { clipLimit: 2, tilesRows: 8, tilesCols: 8, range: [0, 2] });
    for (let i = 0; i < enh.data.length; i++) if (!wfov.data[i]) enh.data[i] = 127.5;
  }
  let response: Float32Array;
  if (o.method === 'frangi') {
    response = frangi(enh, { sigmas: o.sigmas, polarity: o.polarity }).vesselness.data;
  } else {
    const r = lineDetector(enh, { window: o.lineWindow, polarity: o.polarity, fov: wfov }).data;
    // logistic squashing: monotone (ranking kept), bounded
    for (let i = 0; i < r.length; i++) r[i] = 1 / (1 + Math.exp(-r[i]!));
    response = r;
  }
  const prob = f < 1 ? resize({ data: response, width: ww, height: wh, channels: 1 }, width, height).data : response;
  // 0 outside the FOV; scale so that the FOV maximum is 1
  let max = 0;
  for (let i = 0; i < prob.length; i++) {
    if (!fov.data[i]) prob[i] = 0;
    else if (prob[i]! > max) max = prob[i]!;
  }
  if (max > 0) for (let i = 0; i < prob.length; i++) prob[i] = Math.min(1, Math.max(0, prob[i]! / max));
  const t = o.threshold === 'otsu' ? otsuThreshold(prob, fov) : thresholdForFraction(prob, o.vesselFraction, fov);
  let mask = applyThreshold(prob, width, height, t, fov);
  // calibrate: a strictly increasing piecewise-linear map sending the threshold t to 0.5, so
  // that "probability ≥ 0.5" reproduces the threshold decision (rankings, hence AUC, unchanged)
  if (t > 0 && t < 1) {
    const lo = 0.5 / t;
    const hi = 0.5 / (1 - t);
    for (let i = 0; i < prob.length; i++) {
      const v = prob[i]!;
      prob[i] = v <= t ? v * lo : Math.min(1, 0.5 + (v - t) * hi);
    }
  }
  const area = 1 / (f * f); // original pixels per working pixel
  if (o.minComponentSize > 1) mask = removeSmallComponents(mask, Math.round(o.minComponentSize * area));
  if (o.maxHoleSize > 0) mask = fillHoles(mask, Math.round(o.maxHoleSize * area));
  const probability: Image2D<Float32Array> = { data: prob, width, height, channels: 1 };
  if (img.spacingUm !== undefined) {
    probability.spacingUm = img.spacingUm;
    mask.spacingUm = img.spacingUm;
  }
  return { probability, mask, fov, threshold: t, options: { ...o, modality } };
}
