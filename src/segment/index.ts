/**
 * segment: classical vesselness (Frangi, multi-scale line detector), thresholding, the
 * training-free pipeline, the method dispatcher, and segmentation metrics.
 * (The U-Net lives in ./unet/ and is exported from there.)
 */
export * from './types.js';
export { frangi, DEFAULT_FRANGI, RIDGE_POLARITIES } from './classical/frangi.js';
export { hessianEigen, eigen2x2Sym } from './classical/hessian.js';
export { lineDetector, DEFAULT_LINE_DETECTOR } from './classical/lineDetector.js';
export { otsuThreshold, thresholdForFraction, applyThreshold } from './classical/threshold.js';
export { segmentVessels, MODALITY_DEFAULTS, CLASSICAL_METHODS, THRESHOLD_METHODS } from './classical/segmentVessels.js';
export { MODALITIES } from '../core/modality.js';
export { segmentImage, SEGMENT_METHODS } from './segmentImage.js';

export { confusionCounts, metricsFromCounts } from './metrics/confusion.js';
export { clDice } from './metrics/clDice.js';
export { evaluateSegmentation, DEFAULT_EVALUATE_SEGMENTATION } from './metrics/evaluate.js';
