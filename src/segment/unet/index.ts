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
export { runUnetExperiment, loadSubjects, modelOptions, trainingDataHash, frangiScores, type UnetExperimentReport, type RunUnetExperimentOptions, type LoadedSubject, type TestRow } from './runExperiment.js';
export { SeededDropout } from './seededDropout.js';
