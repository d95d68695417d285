/**
 * vascular/: the microvascular fingerprint — architecture features of a binary vessel mask
 * (retinal vessels, skin capillaries). Pure functions; see docs/fingerprint.md.
 */
export * from './types.js';
export { skeletonize, DEFAULT_SKELETONIZE, type SkeletonizeOptions } from './skeletonize.js';
export { distanceTransform } from './distanceTransform.js';
export { pruneSpurs, pruneSpursWithGraph, DEFAULT_PRUNE_SPURS, type PruneSpursOptions } from './pruneSpurs.js';
export { vesselGraph } from './vesselGraph.js';
export { pathToPolyline, smoothPolyline, polylineLength, chordLength, resamplePolyline, type Polyline } from './centerline.js';
export { tortuosity, DEFAULT_TORTUOSITY, type TortuosityOptions, type TortuosityResult } from './tortuosity.js';
export { localWidthPx, segmentWidths, type SegmentWidths } from './calibre.js';
export { measureSegments, DEFAULT_SEGMENT_MEASURES, type SegmentMeasure, type SegmentMeasureOptions } from './segmentMeasures.js';
export { fractalDimension, DEFAULT_FRACTAL, type FractalDimensionOptions, type FractalDimensionResult } from './fractalDimension.js';
export { multifractal, DEFAULT_MULTIFRACTAL, type MultifractalOptions, type MultifractalResult } from './multifractal.js';
export { branching, murrayExponent, DEFAULT_BRANCHING, type Bifurcation, type BranchingOptions } from './branching.js';
export { capillaries, DEFAULT_CAPILLARIES, type Capillary, type CapillaryOptions, type CapillaryResult } from './capillaries.js';
export { zoneBMask, zoneCMask, quadrantMasks, QUADRANTS, type OpticDisc, type QuadrantName } from './regions.js';
export { knudtson } from './knudtson.js';
export { hubbard } from './hubbard.js';
export { downsampleMask } from './resample.js';
export {
  resolveScale,
  DEFAULT_SCALE_FUNDUS,
  DEFAULT_SCALE_SKIN,
  PIXEL_SCALE_DEFAULTS,
  type ScaleOptions,
  type ResolvedScale,
} from './scale.js';
export {
  FINGERPRINT_GROUPS,
  FINGERPRINT_FEATURES,
  FINGERPRINT_COLUMN_PREFIX,
  fingerprintFeature,
  fingerprintColumn,
  invarianceText,
  unitNeedsSpacing,
} from './registry.js';
export type { FingerprintFeature, FeatureGroup, FeatureGroupId, Invariance } from './featureTypes.js';
export {
  computeFingerprint,
  analyzeVessels,
  DEFAULT_FINGERPRINT,
  FINGERPRINT_ABSENT_REASONS,
  type Fingerprint,
  type FingerprintOptions,
  type VesselAnalysis,
} from './fingerprint.js';
export type { Modality } from '../core/modality.js';
