/** Public API of explain/: SHAP values (exact, tree, linear, kernel), interactions, CNN attribution. */
export type { ShapExplanation, ShapInteractions, OutputScale, CoalitionValue } from './types.js';
export { exactShapley, exactShapleyInteractions } from './exactShapley.js';
export { treePathValue, ensemblePathValue, interventionalValue } from './valueFunctions.js';
export { treeShap, treeShapInteractions, ensembleScale, type TreeShapOptions } from './treeShap.js';
export { linearShap, type LinearModelParams } from './linearShap.js';
export { kernelShap, type KernelShapOptions } from './kernelShap.js';
export {
  explainTable,
  explanationJson,
  EXPLAIN_MODELS,
  type ExplainModel,
  type ExplainTableOptions,
  type TableExplanation,
} from './explainTable.js';
export { gradCam, gradientTimesInput, integratedGradients, rankCorrelation, type IntegratedGradientsOptions } from './cnn/attribution.js';
export { forwardWithProbe } from './cnn/forward.js';
export type { AttributionMap, ModelInput, TargetOptions } from './cnn/types.js';
export { localCalibreMap, skeletonNodes, type CalibreMap } from './featureMaps.js';
