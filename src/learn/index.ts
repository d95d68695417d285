/**
 * learn/: prediction (preprocessing inside folds, feature reduction, penalised linear models,
 * trees/forests/boosting as explicit node arrays, grouped stratified CV, nested CV, metrics) and
 * association statistics (OLS/logistic with covariate adjustment, robust SE, FDR).
 * Everything here is pure; the CLI (`vesselprint model|associate`) does I/O and MLflow logging.
 * User guide: docs/learn.md.
 */
export * from './types.js';
// association statistics
export { parseFormula, formulaOf } from './stats/formula.js';
export type { Formula, FormulaTerm } from './stats/formula.js';
export { buildDesign } from './stats/designMatrix.js';
export type { DesignMatrix, DesignOptions, MissingPolicy } from './stats/designMatrix.js';
export { olsFit } from './stats/ols.js';
export type { OlsOptions } from './stats/ols.js';
export { logisticFit } from './stats/logistic.js';
export type { LogisticOptions } from './stats/logistic.js';
export type { CovType, RegressionFit } from './stats/regressionTypes.js';
export { associate, tidy } from './stats/associate.js';
export type { AssociateOptions, AssociationResult, Family, TidyCoefficient } from './stats/associate.js';
export { exposureWide } from './stats/exposureWide.js';
export type { ExposureWideOptions, ExposureWideResult, ExposureWideRow, ForestPoint } from './stats/exposureWide.js';
export { benjaminiHochberg, bonferroni, holm } from './stats/multipleTesting.js';
// clustered rows, survival, effect modification, splines (issue 17)
export { clusterIndex, clusterCovariance, clusterMeat } from './stats/cluster.js';
export type { ClusterIndex } from './stats/cluster.js';
export { geeFit, DEFAULT_GEE_OPTIONS } from './stats/gee.js';
export type { GeeFit, GeeOptions } from './stats/gee.js';
export { contrast, waldTest } from './stats/contrast.js';
export type { CoefCov, Estimate } from './stats/contrast.js';
export { interactionReport } from './stats/effectModification.js';
export type { InteractionReport, ModifierSummary, StratumEstimate } from './stats/effectModification.js';
export { rcsKnots, rcsBasis, rcsNames, RCS_KNOT_QUANTILES } from './stats/rcs.js';
export { splineDoseResponse } from './stats/doseResponse.js';
export type { DoseResponse, DoseResponsePoint, DoseResponseOptions } from './stats/doseResponse.js';
export { coxFit, coxPartialLikelihood, coxResiduals, strataOrder, DEFAULT_COX_OPTIONS } from './survival/cox.js';
export { coxOnDesign } from './survival/coxOnDesign.js';
export type { CoxOnDesignOptions } from './survival/coxOnDesign.js';
export type { CoxFit, CoxOptions, CoxTies } from './survival/cox.js';
export { coxPhTest } from './survival/phTest.js';
export type { PhTestRow } from './survival/phTest.js';
export { kaplanMeier, survivalAt, numberAtRisk } from './survival/kaplanMeier.js';
export type { KaplanMeierCurve, KaplanMeierOptions } from './survival/kaplanMeier.js';
export { harrellC, DEFAULT_CONCORDANCE_OPTIONS } from './survival/concordance.js';
export type { Concordance, ConcordanceOptions } from './survival/concordance.js';
// repeatability (issue 17)
export { twoWayAnova, iccWithCi, DEFAULT_ICC_OPTIONS } from './stats/icc.js';
export type { TwoWayAnova, IccOptions, IccResult } from './stats/icc.js';
export { blandAltman, DEFAULT_BLAND_ALTMAN_OPTIONS } from './stats/blandAltman.js';
export type { BlandAltmanOptions, BlandAltmanResult } from './stats/blandAltman.js';
export { repeatability } from './stats/repeatability.js';
export type { RepeatabilityOptions, RepeatabilityResult, RepeatabilityRow } from './stats/repeatability.js';
// metrics
export {
  rocAuc,
  averagePrecision,
  DEFAULT_RANKING_OPTIONS,
  ONE_CLASS_POLICIES,
  type OneClassPolicy,
  type RankingOptions,
} from './metrics/ranking.js';
export { midranks } from './metrics/midranks.js';
export { aucDelongCi, delongCovariance, delongTest } from './metrics/delong.js';
export type { AucCi, DelongTest } from './metrics/delong.js';
export { aucBootstrapCi } from './metrics/bootstrap.js';
export type { BootstrapCi, BootstrapOptions } from './metrics/bootstrap.js';
export { brierScore, calibration, atThreshold } from './metrics/classification.js';
export type { Calibration, ThresholdMetrics } from './metrics/classification.js';
export { r2Score, meanAbsoluteError, rootMeanSquaredError } from './metrics/regression.js';
export { quantileSorted } from '../core/quantile.js';
// preprocessing and selection
export { fitPreprocessor, transform } from './preprocess/preprocessor.js';
export type { PreprocessSpec, PreprocessState } from './preprocess/preprocessor.js';
export {
  nearZeroVariance,
  correlationFilter,
  correlationMatrix,
  icc,
  stabilityFilter,
  univariateFilter,
  l1Selection,
} from './select/filters.js';
export type { IccForm } from './select/filters.js';
export { selectingLearner, selectColumns } from './select/selectingLearner.js';
export type { Selector } from './select/selectingLearner.js';
// models
export type { FittedModel, Learner } from './models/types.js';
export { elasticNetPath, linearAlphaMax, alphaGrid, linearModel } from './models/elasticNetLinear.js';
export { penalizedLogisticPath, logisticLambdaMax, lambdaFromC, logisticModel } from './models/elasticNetLogistic.js';
export { elasticNetLearner, logisticLearner } from './models/linearLearners.js';
export { fitDecisionTree, fitRandomForest, randomForestLearner, decisionTreeLearner } from './models/forest.js';
export type { ForestOptions, TreeOptions } from './models/forest.js';
export { fitGradientBoosting, gradientBoostingLearner } from './models/gradientBoosting.js';
export type { BoostingOptions } from './models/gradientBoosting.js';
export { predictTree, leafIndex, treeDepth, validateTree } from './models/tree.js';
export type { TreeArrays } from './models/tree.js';
export { ensembleRaw, ensembleModel } from './models/treeEnsemble.js';
export type { TreeEnsemble } from './models/treeEnsemble.js';
export { binFeatures } from './models/binning.js';
// cross-validation
export { groupedStratifiedKFold, groupedHoldout } from './cv/splits.js';
export type { Fold, SplitOptions } from './cv/splits.js';
export { crossValidate, inferTask } from './cv/crossValidate.js';
export type { CrossValidateOptions, CrossValidateResult, FoldResult, Preprocessing } from './cv/crossValidate.js';
export { nestedCrossValidate } from './cv/nested.js';
export { compareModels } from './cv/compareModels.js';
export type { CompareResult } from './cv/compareModels.js';
export type { NestedOptions, NestedResult } from './cv/nested.js';
export { foldMetrics, summarize } from './cv/evaluate.js';
// analyses behind the CLI
export { modelConfigSchema, associateConfigSchema, MODEL_NAMES } from './analysis/config.js';
export type { ModelConfig, AssociateConfig, ModelName } from './analysis/config.js';
export { runModel, learnerFor, defaultFeatures } from './analysis/runModel.js';
export type { ModelReport } from './analysis/runModel.js';
export { runAssociate, runExposureWide, formulaOfConfig, exposuresOf } from './analysis/runAssociate.js';
export type { AssociateReport } from './analysis/runAssociate.js';
