/**
 * retina/: optic disc, zones B/C, artery/vein-labelled vessel segments, CRAE/CRVE/AVR
 * (Knudtson 2003) and per-type zone-C measures of fundus photographs, built on `vascular/`
 * and the `ArteryVeinMaps` contract of `segment/`. See docs/retina.md.
 */
export * from './types.js';
export { ZONE_RADII, inZone, zoneMask, zoneVisibleFraction, type ZoneName } from './zones.js';
export { detectOpticDisc, DEFAULT_DETECT_OPTIC_DISC, type DetectOpticDiscOptions, type DetectedDisc } from './opticDisc.js';
export { avMapsFromLabels } from './avMapsFromLabels.js';
export { avLabelImage } from './avLabelImage.js';
export {
  labelSegments,
  DEFAULT_LABEL_SEGMENTS,
  type LabelSegmentsOptions,
  type LabelledVessels,
  type ClassVessels,
} from './labelSegments.js';
export { craeCrve, DEFAULT_CRAE_CRVE, type CraeCrveOptions, type CraeCrveResult } from './craeCrve.js';
export { zoneCMeasures, type ZoneCMeasures } from './zoneCMeasures.js';
export { levelWidthPx, DEFAULT_LEVEL_WIDTH, type LevelWidthOptions } from './levelWidth.js';
export { profileWidthPx, DEFAULT_PROFILE_WIDTH, type ProfileWidthOptions } from './profileWidth.js';
export { levelZoneBWidths, profileZoneBWidths, DEFAULT_LEVEL_ZONE_B } from './profileWidths.js';
export {
  analyzeRetina,
  DEFAULT_ANALYZE_RETINA,
  RETINA_ABSENT_REASONS,
  type AnalyzeRetinaOptions,
  type RetinaAnalysis,
} from './analyzeRetina.js';
export { retinaOverlay, DEFAULT_RETINA_OVERLAY, type RetinaOverlayOptions } from './retinaOverlay.js';
export { retinaFromPhotograph, type RetinaFromPhotographOptions, type RetinaFromPhotograph } from './retinaFromPhotograph.js';
export { calibreAgreement, type CalibrePair, type AgreementRow, type AgreementTable } from './calibreAgreement.js';
export {
  predictArteryVeinAdapter,
  requireArteryVeinModel,
  modelArteryFraction,
  modelCalibration,
  modelVesselThreshold,
  type PredictArteryVeinAdapterOptions,
} from './predictArteryVeinAdapter.js';
export { avSegmentGraph, DEFAULT_AV_SEGMENT_GRAPH, type AvSegmentGraph, type AvSegmentGraphOptions } from './avSegmentGraph.js';
export { avSegmentFeatures, AV_SEGMENT_FEATURES, type AvSegmentFeatureRow, type AvSegmentFeaturesOptions } from './avSegmentFeatures.js';
export {
  avJunctionConstraints,
  DEFAULT_AV_JUNCTION_CONSTRAINTS,
  type AvConstraint,
  type AvJunctionConstraints,
  type AvJunctionConstraintsOptions,
} from './avJunctionConstraints.js';
export { avPropagate, DEFAULT_AV_PROPAGATE, type AvPropagateOptions } from './avPropagate.js';
export { fitAvSegmentModel, avSegmentLogit, type AvSegmentModel, type FitAvSegmentModelOptions } from './avSegmentModel.js';
export {
  classifyAvSegments,
  avMapsFromSegments,
  CNN_ONLY_AV_SEGMENT_MODEL,
  DEFAULT_AV_SEGMENT_MODEL,
  DEFAULT_CLASSIFY_AV_SEGMENTS,
  type ClassifyAvSegmentsOptions,
  type AvSegmentClassification,
} from './avSegmentClassifier.js';
export { AV_RELABEL_MODES, avRelabelOption, type AvRelabelMode } from './avSegmentDefaultModel.js';
export { RETINA_FAILURE_DOC, RETINA_FAILURE_FIELD, RETINA_FIELD_DOCS, type RetinaFieldDoc } from './fieldDocs.js';
export { balanceArteryVein, DEFAULT_BALANCE_ARTERY_VEIN, type BalanceArteryVeinOptions, type BalancedArteryVein } from './avBalance.js';
