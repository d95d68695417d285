/** segment/unet: CNN vessel segmenter (U-Net) on TensorFlow.js — model, data, training, inference. */
export * from './buildUnet.js';
export * from './prepare.js';
export * from './augment.js';
export * from './patches.js';
export * from './losses.js';
export * from './train.js';
export * from './infer.js';
export * from './checkpoint.js';
export * from './segmentUnet.js';
export * from './syntheticData.js';
export * from './experimentConfig.js';
export {
  runUnetExperiment,
  loadSubjects,
  modelOptions,
  trainingDataHash,
  frangiScores,
  type UnetExperimentReport,
  type RunUnetExperimentOptions,
  type LoadedSubject,
  type TestRow,
} from './runExperiment.js';
export { SeededDropout } from './seededDropout.js';
export { widenUnetWeights, buildUnetFrom, type WidenUnetOptions } from './widenUnet.js';
export * from './avLabels.js';
export * from './avPatches.js';
export * from './avMetrics.js';
export * from './multiClassLoss.js';
export * from './trainLoop.js';
export * from './trainArteryVein.js';
export * from './predictArteryVein.js';
export * from './inputScale.js';
export {
  runArteryVeinExperiment,
  inputChannelNames,
  classCounts,
  type ArteryVeinExperimentReport,
  type ArteryVeinTestRow,
  type RunArteryVeinOptions,
} from './runArteryVeinExperiment.js';
