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
 * maps of the shipped `hrf-av-unet` at half resolution; 11,445 segments whose centre line is at least
 * half covered by manual artery/vein labels, truth = the majority type. The CNN's centre-line
 * accuracy on its training images (0.62–0.66) is no higher than on 14 (0.61–0.64), so its maps there are
 * not overfit for the artery/vein decision. Reproduce: `npm run bench -- avclassify --fit
 * 06_h,06_g,06_dr,07_h,07_g,07_dr,11_h,11_g,11_dr,12_h,12_g,12_dr,13_h,13_g,13_dr,14_h,14_g,14_dr`.
 * The large opposite red coefficients mean: redder/lighter on the centre line than across the
 * section (the arteriolar central reflex) → artery.
 */
export const DEFAULT_AV_SEGMENT_MODEL: AvSegmentModel = {
  features: [...AV_SEGMENT_FEATURES],
  mean: [0.0948056, 0.0881251, 0.0488021, 0.0151286, -0.358481, 0.133209, -0.021213, -0.309679, -0.0786395, -0.00442515],
  sd: [0.949337, 0.71269, 0.705497, 0.502349, 0.270784, 0.461681, 0.793058, 0.836942, 0.624999, 0.727751],
  intercept: -0.161118,
  coef: [1.57265, -3.44936, 0.2599, -0.200211, -0.237223, 0.273655, 4.25712, 0.14233, 0.126293, -0.912967],
  source: 'logistic, fitted on HRF 06/07/11/12/13/14 x h/g/dr (11445 segments; bench avclassify --fit)',
};
