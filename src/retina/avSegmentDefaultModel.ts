import { AV_SEGMENT_FEATURES } from './avSegmentFeatures.js';
import type { AvSegmentModel } from './avSegmentModel.js';

/** The CNN alone: log-odds = the segment's mean CNN artery logit (no colour, no width). Hand-defined. */
export const CNN_ONLY_AV_SEGMENT_MODEL: AvSegmentModel = {
  features: [...AV_SEGMENT_FEATURES],
  mean: AV_SEGMENT_FEATURES.map(() => 0),
  sd: AV_SEGMENT_FEATURES.map(() => 1),
  intercept: 0,
  coef: AV_SEGMENT_FEATURES.map((f) => (f === 'cnn_logit' ? 1 : 0)),
  source: 'hand-defined: the CNN evidence only',
};

/** Default per-segment model of `classifyAvSegments` (until a fitted one is in place: the CNN alone). */
export const DEFAULT_AV_SEGMENT_MODEL: AvSegmentModel = CNN_ONLY_AV_SEGMENT_MODEL;
