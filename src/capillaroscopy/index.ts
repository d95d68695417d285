/** Public API of capillaroscopy/: skin capillary videomicroscopy recordings → perfusion maps, perfused capillaries, density, recruitment. */
export type { DropReason, FrameRecord, PerfusionMaps } from './types.js';
export { fft2d, fft2dRealPair, isPowerOfTwo } from './fft.js';
export {
  phaseWindow,
  hannPatch,
  phaseCorrelate,
  correlationAt,
  spectralCoherence,
  type PhaseWindow,
  type PhaseShift,
} from './phaseCorrelation.js';
export { coarseGrid, coarseWindow, coarseSamples, addShiftedSpectrum, COARSE_MAX_PX, type CoarseGrid } from './coarseWindow.js';
export {
  buildReference,
  registerFrame,
  type RegistrationFrame,
  type RegistrationContext,
  type RegistrationReference,
  type FrameShift,
  type TypicalFit,
} from './frameRegistration.js';
export { coarseBlur } from './coarseBlur.js';
export {
  refinePatch,
  refineShift,
  type RefinePatch,
  type RefinePatchOptions,
  type RefinedShift,
  type RefineShiftOptions,
} from './refineShift.js';
export { createPerfusionStack, DEFAULT_PERFUSION_STACK, type PerfusionStack, type PerfusionStackOptions } from './perfusionStack.js';
export {
  detectCapillaries,
  DEFAULT_DETECT_CAPILLARIES,
  type DetectCapillariesOptions,
  type DetectedCapillary,
  type CapillaryDetection,
} from './detectCapillaries.js';
export {
  recordingMeasures,
  countingField,
  inField,
  DEFAULT_RECORDING_MEASURES,
  type RecordingMeasures,
  type RecordingMeasuresOptions,
  type CountingField,
} from './recordingMeasures.js';
export { analyseRecording, type AnalyseRecordingOptions, type RecordingAnalysis } from './analyseRecording.js';
export { recruitment, CAPILLAROSCOPY_PHASES, type CapillaroscopyPhase, type Recruitment } from './recruitment.js';
export { mapToImage, overlayImage } from './renderMaps.js';
export { recruitmentRows, DENSITY_COLUMN } from './recruitmentTable.js';
export { RECORDING_MEASURE_DOCS, CAPILLAROSCOPY_REFERENCE } from './measureDocs.js';
