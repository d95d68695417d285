import { AV_SEGMENT_FEATURES } from './avSegmentFeatures.js';
import type { AvSegmentModel } from './avSegmentModel.js';

/** The CNN alone: log-odds = the segment's mean CNN artery logit (no colour, no width). Hand-defined. */
export const CNN_ONLY_AV_SEGMENT_MODEL: AvSegmentModel = {
  features: [...AV_SEGMENT_FEATURES],
  mean: AV_SEGMENT_FEATURES.map(() => 0),
  sd: AV_SEGMENT_FEATURES.map(() => 1),
  intercept: -0.359811,
  coef: AV_SEGMENT_FEATURES.map((f) => (f === 'cnn_logit' ? 1 : 0)),
  source: 'hand-defined: the CNN evidence only',
};

/**
 * Default per-segment model of `classifyAvSegments`: an L2 logistic regression (C = 1, standardised
 * features; `fitAvSegmentModel`) fitted on the segments of the 18 HRF images outside the test split
 * (06, 07, 11, 12, 13 — the CNN's training images — and 14, its validation images; x h/g/dr), the CNN
 * maps of the shipped `hrf-av-unet` (third training, 2026-12-05) at half resolution; 9,711 segments
 * whose centre line is at least half covered by manual artery/vein labels, truth = the majority type.
 * The CNN is more confident on its own training images now (segment AUC of its logit 0.934 over all 18
 * images vs 0.922 on 14_* alone); a refit on 14_* only scored the same on the held-out images (pooled
 * 0.829 vs 0.830), so the 18-image fit is kept. Reproduce:
 * `npm run bench -- avclassify --maps DIR --fit
 * 06_h,06_g,06_dr,07_h,07_g,07_dr,11_h,11_g,11_dr,12_h,12_g,12_dr,13_h,13_g,13_dr,14_h,14_g,14_dr`.
 * The opposite red coefficients mean: redder/lighter on the centre line than across the section (the
 * arteriolar central reflex) → artery.
 */
export const DEFAULT_AV_SEGMENT_MODEL: AvSegmentModel = {
  features: [...AV_SEGMENT_FEATURES],
  mean: [-0.131372, 0.0365501, 0.103444, 0.032404, -0.277005, 0.138572, -0.0499726, -0.173561, -0.0247645, -0.138412],
  sd: [2.77706, 0.784114, 0.740492, 0.527304, 0.246672, 0.437825, 0.853328, 0.829452, 0.639862, 2.58229],
  intercept: -0.359811,
  coef: [1.91626, -0.395918, 0.259943, -0.424151, -0.275752, 0.172896, 0.773814, 0.150057, 0.227346, 1.73388],
  source: 'logistic, fitted on HRF 06/07/11/12/13/14 x h/g/dr with the third hrf-av-unet (9711 segments; bench avclassify --fit)',
};
