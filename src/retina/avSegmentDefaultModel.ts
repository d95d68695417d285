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

/**
 * Default per-segment model of `classifyAvSegments`: an L2 logistic regression (C = 1, standardised
 * features; `fitAvSegmentModel`) fitted on the segments of the 18 HRF images outside the test split
 * (06, 07, 11, 12, 13 — the CNN's training images — and 14, its validation images; x h/g/dr), the CNN
 * maps of the shipped `hrf-av-unet` (third stage of training, 2026-12-05) at half resolution; 9,909 segments
 * whose centre line is at least half covered by manual artery/vein labels, truth = the majority type.
 * The CNN is more confident on its own training images than on 14_* (for the model before this one: segment
 * AUC of its logit 0.934 over all 18 images vs 0.922 on 14_* alone, and a refit on 14_* only scored the
 * same on the held-out images, pooled 0.829 vs 0.830), so the 18-image fit is kept. Reproduce:
 * `npm run bench -- avclassify --maps DIR --fit
 * 06_h,06_g,06_dr,07_h,07_g,07_dr,11_h,11_g,11_dr,12_h,12_g,12_dr,13_h,13_g,13_dr,14_h,14_g,14_dr`.
 * The opposite red coefficients mean: redder/lighter on the centre line than across the section (the
 * arteriolar central reflex) → artery.
 */
export const DEFAULT_AV_SEGMENT_MODEL: AvSegmentModel = {
  features: [...AV_SEGMENT_FEATURES],
  mean: [-0.10935, 0.0318128, 0.0909514, 0.0249252, -0.279286, 0.148261, -0.0573578, -0.188334, -0.0326075, -0.123185],
  sd: [2.81214, 0.773993, 0.739092, 0.523624, 0.245388, 0.436823, 0.846105, 0.830529, 0.636545, 2.63815],
  intercept: -0.396355,
  coef: [2.47136, -0.149003, 0.234154, -0.499675, -0.277451, 0.0681582, 0.461936, 0.126399, 0.332377, 1.53158],
  source: 'logistic, fitted on HRF 06/07/11/12/13/14 x h/g/dr with the shipped hrf-av-unet (9909 segments; bench avclassify --fit)',
};
