import { AV_SEGMENT_FEATURES } from './avSegmentFeatures.js';
import type { AvSegmentModel } from './avSegmentModel.js';
import type { ClassifyAvSegmentsOptions } from './avSegmentClassifier.js';

/** The CNN alone: log-odds = the segment's mean CNN artery logit (no colour, no width). Hand-defined. */
export const CNN_ONLY_AV_SEGMENT_MODEL: AvSegmentModel = {
  features: [...AV_SEGMENT_FEATURES],
  mean: AV_SEGMENT_FEATURES.map(() => 0),
  sd: AV_SEGMENT_FEATURES.map(() => 1),
  intercept: 0,
  coef: AV_SEGMENT_FEATURES.map((f) => (f === 'cnn_logit' ? 1 : 0)),
  evidenceScale: 3,
  source:
    'hand-defined: the CNN evidence only; evidenceScale chosen on the 18 non-test HRF images (bench avclassify --balance 0.47 --calibrate-scale)',
};

/**
 * Default per-segment model of `classifyAvSegments`: an L2 logistic regression (C = 1, standardised
 * features; `fitAvSegmentModel`) fitted on the segments of the 18 HRF images outside the test split
 * (06, 07, 11, 12, 13 — the CNN's training images — and 14, its validation images; x h/g/dr), the CNN
 * maps of the shipped `hrf-av-unet` (fourth stage of training, 2026-12-05) at half resolution, with the
 * model's image-level artery/vein prior applied (`balanceArteryVein`, fraction 0.47, as `analyzeRetina`
 * does before the classifier); 9,534 segments
 * whose centre line is at least half covered by manual artery/vein labels, truth = the majority type.
 * The CNN is more confident on its own training images than on 14_* (for the model before this one: segment
 * AUC of its logit 0.934 over all 18 images vs 0.922 on 14_* alone, and a refit on 14_* only scored the
 * same on the held-out images, pooled 0.829 vs 0.830), so the 18-image fit is kept. Reproduce:
 * `npm run bench -- avclassify --maps DIR --balance 0.47 --fit
 * 06_h,06_g,06_dr,07_h,07_g,07_dr,11_h,11_g,11_dr,12_h,12_g,12_dr,13_h,13_g,13_dr,14_h,14_g,14_dr`.
 * The opposite red coefficients mean: redder/lighter on the centre line than across the section (the
 * arteriolar central reflex) → artery. `evidenceScale` 2: chosen on the same 18 images
 * (`npm run bench -- avclassify --maps DIR --balance 0.47 --calibrate-scale <the 18 ids>`, grid 1–4,
 * pooled centre-line accuracy 0.8860 at 1 → 0.8894 at 2; held-out 08/15 0.859 → 0.864).
 */
export const DEFAULT_AV_SEGMENT_MODEL: AvSegmentModel = {
  features: [...AV_SEGMENT_FEATURES],
  mean: [-0.194003, 0.0358394, 0.106875, 0.033281, -0.272245, 0.133242, -0.0506935, -0.16537, -0.0194561, -0.198063],
  sd: [2.94935, 0.778749, 0.742149, 0.524762, 0.244547, 0.446788, 0.855832, 0.834231, 0.639847, 2.78452],
  intercept: -0.331886,
  coef: [2.5609, -0.215785, 0.237009, -0.450164, -0.243167, 0.155137, 0.52705, 0.139566, 0.272179, 1.42584],
  evidenceScale: 2,
  source:
    'logistic, fitted on HRF 06/07/11/12/13/14 x h/g/dr with the shipped hrf-av-unet, maps balanced to artery fraction 0.47 (9534 segments; bench avclassify --balance 0.47 --fit)',
};

/** Segment-level artery/vein relabelling modes of the CLI (`--av-relabel`) and `extract` (`retina.avRelabel`). */
export const AV_RELABEL_MODES = ['none', 'propagation', 'classifier'] as const;
export type AvRelabelMode = (typeof AV_RELABEL_MODES)[number];

/**
 * `analyzeRetina`'s `avSegmentClassifier` value of a relabelling mode: none → false,
 * propagation → the CNN's own evidence propagated ({@link CNN_ONLY_AV_SEGMENT_MODEL}), classifier → the
 * default segment classifier.
 * @example avRelabelOption('propagation') // { model: CNN_ONLY_AV_SEGMENT_MODEL }
 */
export function avRelabelOption(mode: AvRelabelMode): boolean | ClassifyAvSegmentsOptions {
  return mode === 'none' ? false : mode === 'classifier' ? true : { model: CNN_ONLY_AV_SEGMENT_MODEL };
}
