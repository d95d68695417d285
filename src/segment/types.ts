/** Public types of the segment domain (classical segmentation and metrics). */
export type { RidgePolarity, FrangiOptions, FrangiResult } from './classical/frangi.js';
export type { HessianEigen } from './classical/hessian.js';
export type { LineDetectorOptions } from './classical/lineDetector.js';
export type { Modality } from '../core/modality.js';
export type { ClassicalMethod, ThresholdMethod, SegmentVesselsOptions, SegmentationResult } from './classical/segmentVessels.js';
export type { SegmentMethod, SegmentImageOptions, SegmentImageResult } from './segmentImage.js';
export type { ConfusionCounts, ThresholdMetrics } from './metrics/confusion.js';
export type { ClDiceResult } from './metrics/clDice.js';
export type { EvaluateSegmentationOptions, SegmentationEvaluation } from './metrics/evaluate.js';
export type { ArteryVeinMaps } from './arteryVeinMaps.js';
