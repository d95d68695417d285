import { VesselprintError } from '../core/errors.js';
import { matrix } from '../learn/types.js';
import { penalizedLogisticPath, lambdaFromC } from '../learn/models/elasticNetLogistic.js';
import { AV_SEGMENT_FEATURES } from './avSegmentFeatures.js';

/** A logistic model of "artery" on standardised segment features. */
export interface AvSegmentModel {
  /** Feature names, in the order of `coef` (must equal {@link AV_SEGMENT_FEATURES}). */
  features: readonly string[];
  /** Standardisation: z = (x − mean) / sd per feature. */
  mean: readonly number[];
  sd: readonly number[];
  intercept: number;
  coef: readonly number[];
  /** Where the coefficients came from (images, protocol). */
  source: string;
  /**
   * Weight of a segment's own log-odds against its neighbours' in the graph propagation of
   * `classifyAvSegments` (unary uᵢ = evidenceScale · logit · length factor; the couplings stay as
   * `avJunctionConstraints` gives them). Chosen with the model on its fitting images
   * (`bench avclassify --calibrate-scale`). Default 1.
   */
  evidenceScale?: number;
}

/** Options of {@link fitAvSegmentModel}. */
export interface FitAvSegmentModelOptions {
  /** Inverse ridge strength (scikit-learn's C, L2 penalty). Default 1. */
  c?: number;
  /** Provenance stored in the model. Default 'fitAvSegmentModel'. */
  source?: string;
}

/**
 * Fits the per-segment logistic model (L2-penalised, on standardised features) with the one
 * logistic solver of `learn/` (`penalizedLogisticPath`, glmnet parameterisation, l1Ratio 0).
 * @param x feature rows (order of {@link AV_SEGMENT_FEATURES})
 * @param y 1 artery, 0 vein
 * @throws VesselprintError BAD_ARGUMENT for an empty or one-class training set, SHAPE_MISMATCH for rows of another width
 * @example fitAvSegmentModel(rows.map((r) => r.x), truth).coef[0] > 0 // the CNN's artery logit raises P(artery)
 */
export function fitAvSegmentModel(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: FitAvSegmentModelOptions = {},
): AvSegmentModel {
  const p = AV_SEGMENT_FEATURES.length;
  const n = x.length;
  if (n === 0 || y.length !== n)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `fitAvSegmentModel: ${n} feature rows and ${y.length} labels (need the same, at least one)`,
      { field: 'y' },
    );
  if (!y.includes(0) || !y.includes(1))
    throw new VesselprintError('BAD_ARGUMENT', 'fitAvSegmentModel: the training segments must hold both arteries (1) and veins (0)', {
      field: 'y',
    });
  const mean = new Array<number>(p).fill(0),
    sd = new Array<number>(p).fill(0);
  for (const r of x) {
    if (r.length !== p)
      throw new VesselprintError(
        'SHAPE_MISMATCH',
        `fitAvSegmentModel: a row has ${r.length} features, expected ${p} (${AV_SEGMENT_FEATURES.join(', ')})`,
        { field: 'x' },
      );
    for (let j = 0; j < p; j++) mean[j]! += r[j]! / n;
  }
  for (const r of x) for (let j = 0; j < p; j++) sd[j]! += (r[j]! - mean[j]!) ** 2 / Math.max(1, n - 1);
  for (let j = 0; j < p; j++) sd[j] = Math.sqrt(sd[j]!) || 1;
  const data = new Float64Array(n * p);
  x.forEach((r, i) => {
    for (let j = 0; j < p; j++) data[i * p + j] = (r[j]! - mean[j]!) / sd[j]!;
  });
  const [fit] = penalizedLogisticPath(matrix(data, n, p), Float64Array.from(y), [lambdaFromC(options.c ?? 1, n)], { l1Ratio: 0 });
  return {
    features: [...AV_SEGMENT_FEATURES],
    mean,
    sd,
    intercept: fit!.intercept,
    coef: [...fit!.coef],
    source: options.source ?? 'fitAvSegmentModel',
  };
}

/**
 * Log-odds of "artery" for one feature row: intercept + Σ coefⱼ·(xⱼ − meanⱼ)/sdⱼ.
 * @throws VesselprintError BAD_ARGUMENT when the model's features are not {@link AV_SEGMENT_FEATURES}
 */
export function avSegmentLogit(model: AvSegmentModel, x: readonly number[]): number {
  if (model.features.length !== AV_SEGMENT_FEATURES.length || model.features.some((f, j) => f !== AV_SEGMENT_FEATURES[j])) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `artery/vein segment model uses features [${model.features.join(', ')}], expected [${AV_SEGMENT_FEATURES.join(', ')}]`,
      { field: 'model.features' },
    );
  }
  let t = model.intercept;
  for (let j = 0; j < x.length; j++) t += (model.coef[j]! * (x[j]! - model.mean[j]!)) / model.sd[j]!;
  return t;
}
