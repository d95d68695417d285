/** Public API of synth/: synthetic fundus and skin-capillary images and a synthetic cohort. */
export * from './types.js';
export { fractalNoise, gaussianNoise, GAUSSIAN_POOL_SIZE, type FractalNoiseOptions } from './noise.js';
export { fovMask, defaultFovCircle } from './fovMask.js';
export { murraySplit } from './murray.js';
export { growVesselTree, wrapAngle, type GrowVesselTreeOptions, type SteerTarget } from './vesselTree.js';
export { OccupancyGrid } from './occupancy.js';
export { renderVessels, stampPolyline, type RenderVesselsOptions, type RenderedVessels } from './renderVessels.js';
export { treeStats, type TreeStats, type TreeStatsOptions } from './treeStats.js';
export { synthFundus, fundusSpacingUm, type SynthFundus, type SynthFundusOptions, type FundusTruth } from './fundus.js';
export { synthSkin, capillaryCountFor, type SynthSkin, type SynthSkinOptions, type SkinTruth, type Capillary } from './skin.js';
export * from './cohortModel.js';
export {
  planCohort,
  generateImage,
  subjectId,
  planFollowUp,
  retestPlan,
  generateRetestImage,
  type CohortOptions,
  type ImagePlan,
  type GeneratedImage,
  type FollowUpRow,
  type RetestOptions,
} from './cohort.js';
export { writeCohort, COHORT_SCHEMA, MANIFEST_COLUMNS, TRUTH_COLUMNS, COVARIATE_COLUMNS, type WriteCohortResult } from './writeCohort.js';
export { toCsv } from './csv.js';
export { planSkinScene, DEFAULT_SKIN_SCENE, type SkinScene, type SkinSceneOptions, type SceneCapillary } from './skinVideoScene.js';
export { synthSkinRecording, DEFAULT_SKIN_RECORDING, type SkinRecording, type SkinRecordingOptions, type FrameTruth } from './skinVideo.js';
export { capillaryStates, recordingTruth, type CapillaryState, type PerfusionShares, type CapillaryTruthRow } from './skinVideoTruth.js';
export { writeSkinRecording, RECORDING_TRUTH_COLUMNS, FRAME_TRUTH_COLUMNS } from './writeSkinRecording.js';
export { addSkinRecordingArm, phaseShares, DEFAULT_SKIN_RECORDING_ARM, type SkinRecordingArmOptions } from './skinRecordingArm.js';
