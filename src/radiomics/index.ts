/**
 * Public API of the radiomics domain: IBSI-compliant 2D radiomics (Zwanenburg et al.,
 * Radiology 2020, doi:10.1148/radiol.2020191145). See docs/radiomics.md.
 */
export type { FamilyId, Aggregation, FeatureRecord, RoiImage, FeatureDef, FamilyDef } from './types.js';
export { FAMILY_IDS } from './types.js';
export { extractRadiomics, extractFromRoi, prepareRoi, DEFAULT_EXTRACT_OPTIONS, type ExtractOptions } from './extract.js';
export { discretize, DEFAULT_DISCRETIZATION, type Discretization, type DiscretizedLevels } from './discretize.js';
export { resegment, type ResegmentOptions, type RoiMasks } from './roi.js';
export { FAMILIES, FEATURE_REGISTRY, getFamily, type RegistryEntry, type RegistryFamily } from './registry.js';
export { featureMaps, DEFAULT_FEATURE_MAP_OPTIONS, type FeatureMapOptions } from './featureMap.js';
export { applyFilter, parseFilter, type FilterSpec } from './filters/applyFilter.js';
export { laplacianOfGaussian } from './filters/log.js';
export { waveletBand, WAVELET_NAMES, WAVELET_BANDS, WAVELET_LOWPASS, type WaveletName, type WaveletBand } from './filters/wavelet.js';
export { parseDiscretization, parseFamilies } from './parseOptions.js';
export { glcmMatrices } from './glcm/cooccurrence.js';
export { marchingSquares } from './morph/contour.js';
