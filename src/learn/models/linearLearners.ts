/**
 * Learner wrappers of the penalised linear models for cross-validation. A penalty given as
 * `lambdaRatio` is resolved to λ = ratio·λ_max on each training fold (λ_max from that fold only).
 */
import { VesselprintError } from '../../core/errors.js';
import type { Learner } from './types.js';
import { elasticNetPath, linearAlphaMax, linearModel } from './elasticNetLinear.js';
import { lambdaFromC, logisticLambdaMax, logisticModel, penalizedLogisticPath } from './elasticNetLogistic.js';

export interface PenalizedLearnerOptions {
  /** ρ: 1 lasso, 0 ridge. Default 0.5. */
  l1Ratio?: number;
  /** Penalty as a fraction of λ_max of the training fold. Default 0.05. */
  lambdaRatio?: number;
  /** Or an absolute λ (α for regression); overrides lambdaRatio. */
  lambda?: number;
}

/**
 * Elastic-net learner: logistic for classification, linear for regression.
 * @example elasticNetLearner({ l1Ratio: 0.5, lambdaRatio: 0.1 })
 */
export function elasticNetLearner(options: PenalizedLearnerOptions = {}): Learner {
  const rho = options.l1Ratio ?? 0.5;
  return {
    kind: `elasticnet(l1Ratio=${rho},${options.lambda !== undefined ? `lambda=${options.lambda}` : `lambdaRatio=${options.lambdaRatio ?? 0.05}`})`,
    fit(x, y, task) {
      if (task === 'classification') {
        const lam = options.lambda ?? (options.lambdaRatio ?? 0.05) * logisticLambdaMax(x, y, rho);
        const [pt] = penalizedLogisticPath(x, y, [lam], { l1Ratio: rho });
        return logisticModel(pt!.intercept, pt!.coef);
      }
      const a = options.lambda ?? (options.lambdaRatio ?? 0.05) * linearAlphaMax(x, y, rho);
      const [pt] = elasticNetPath(x, y, [a], { l1Ratio: rho });
      return linearModel(pt!.intercept, pt!.coef);
    },
  };
}

/**
 * Logistic regression with scikit-learn's default L2 penalty (C = 1, λ = 1/(C·n)); for a
 * regression outcome, ordinary least squares (α = 0).
 */
export function logisticLearner(options: { C?: number } = {}): Learner {
  const c = options.C ?? 1;
  return {
    kind: `logistic(C=${c})`,
    fit(x, y, task) {
      if (task === 'classification') {
        const [pt] = penalizedLogisticPath(x, y, [lambdaFromC(c, x.nRows)], { l1Ratio: 0 });
        return logisticModel(pt!.intercept, pt!.coef, 'logistic');
      }
      throw new VesselprintError(
        'BAD_ARGUMENT',
        'the logistic model needs a 0/1 outcome; use elasticnet, rf or gbm for a continuous outcome',
        { field: 'model' },
      );
    },
  };
}
