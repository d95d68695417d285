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
 * maps of the shipped `hrf-av-unet` (second training, 2026-12-05) at half resolution; 10,573 segments
 * whose centre line is at least half covered by manual artery/vein labels, truth = the majority type.
 * The CNN's centre-line accuracy on its training images (0.73–0.80 on five of them) is close to that on
 * 14 (0.70–0.79), so its maps there are not strongly overfit for the artery/vein decision. Reproduce:
 * `npm run bench -- avclassify --maps DIR --fit
 * 06_h,06_g,06_dr,07_h,07_g,07_dr,11_h,11_g,11_dr,12_h,12_g,12_dr,13_h,13_g,13_dr,14_h,14_g,14_dr`.
 * The opposite red coefficients mean: redder/lighter on the centre line than across the section (the
 * arteriolar central reflex) → artery.
 */
export const DEFAULT_AV_SEGMENT_MODEL: AvSegmentModel = {
  features: [...AV_SEGMENT_FEATURES],
  mean: [0.0675961, 0.0263661, 0.0776154, 0.0207358, -0.304855, 0.164578, -0.0739832, -0.22724, -0.0554712, 0.0488025],
  sd: [2.25169, 0.781545, 0.727667, 0.523164, 0.247081, 0.441029, 0.859506, 0.827999, 0.641849, 1.88368],
  intercept: -0.326831,
  coef: [1.13986, -1.64144, 0.2729, -0.326363, -0.305276, 0.246404, 2.17154, 0.148734, 0.193831, 1.32217],
  source: 'logistic, fitted on HRF 06/07/11/12/13/14 x h/g/dr with the second hrf-av-unet (10573 segments; bench avclassify --fit)',
};
