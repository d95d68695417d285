/**
 * Config schemas (zod) of the two analyses behind `vesselprint model` and
 * `vesselprint associate`. A config is a JSON or YAML object; CLI flags fill the same fields.
 */
import { z } from 'zod';

export const MODEL_NAMES = ['logistic', 'elasticnet', 'rf', 'gbm', 'tree'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export const modelConfigSchema = z
  .object({
    /** Feature table (CSV). */
    table: z.string().min(1),
    /** Outcome column (with `family: cox` the event column is used). */
    outcome: z.string().min(1),
    /** Subject id column (rows of a subject stay in one fold). */
    group: z.string().min(1).optional(),
    /** Numeric feature columns; default every numeric column except outcome, group, `id`/`*_id` columns and `exclude`. */
    features: z.array(z.string()).optional(),
    /** Categorical columns (one-hot inside the folds). */
    categorical: z.array(z.string()).default([]),
    exclude: z.array(z.string()).default([]),
    model: z.enum(MODEL_NAMES).default('rf'),
    task: z.enum(['classification', 'regression']).optional(),
    cv: z
      .object({ k: z.number().int().min(2).default(5), repeats: z.number().int().min(1).default(1) })
      .strict()
      .default({ k: 5, repeats: 1 }),
    seed: z.number().int().default(0),
    preprocess: z
      .object({
        impute: z.enum(['median', 'mean', 'none']).default('median'),
        winsorize: z.tuple([z.number(), z.number()]).nullable().default(null),
        standardize: z.boolean().default(true),
      })
      .strict()
      .default({ impute: 'median', winsorize: null, standardize: true }),
    /** Model hyperparameters (see docs/learn.md): nTrees, maxDepth, nRounds, learningRate, l1Ratio, lambdaRatios, C. */
    params: z.record(z.string(), z.union([z.number(), z.array(z.number())])).default({}),
    thresholds: z.array(z.number().min(0).max(1)).default([0.5]),
    /** Fraction of subjects held out as a test set (grouped, stratified); CV then runs on the rest. */
    holdout: z.number().gt(0).lt(1).optional(),
    /** Baseline feature columns (e.g. covariates only): the same learner is cross-validated on them with the same folds and the AUCs are compared by DeLong's test. */
    baseline: z.array(z.string()).optional(),
    /** `cox`: cross-validated Cox model scored by Harrell's C (needs `time`, `event`; `model` is ignored). */
    family: z.enum(['cox']).optional(),
    time: z.string().min(1).optional(),
    event: z.string().min(1).optional(),
    experiment: z.string().default('vesselprint-model'),
  })
  .strict();
export type ModelConfig = z.infer<typeof modelConfigSchema>;

export const associateConfigSchema = z
  .object({
    table: z.string().min(1),
    /** Outcome column (Cox: optional, the event column is used). */
    outcome: z.string().min(1).optional(),
    /** One exposure (single result) or several (exposure-wide table with FDR). With `formula`, taken from it. */
    exposures: z.array(z.string().min(1)).min(1).optional(),
    /** General model, e.g. `sbp ~ vd*sex + rcs(age, 4)` (first term = exposure); replaces outcome/exposures/covariates/interaction. */
    formula: z.string().min(1).optional(),
    /** Exposure × this column (adds p_interaction and per-level estimates). */
    interaction: z.string().min(1).optional(),
    /** Subject id column: cluster-robust SE, or GEE with `gee`. */
    cluster: z.string().min(1).optional(),
    gee: z.boolean().default(false),
    /** Cox: time, event (0/1), ties, strata. */
    time: z.string().min(1).optional(),
    event: z.string().min(1).optional(),
    ties: z.enum(['breslow', 'efron']).default('efron'),
    strata: z.string().min(1).optional(),
    covariates: z.array(z.string()).default([]),
    categorical: z.array(z.string()).default([]),
    family: z.enum(['gaussian', 'binomial', 'cox']).default('gaussian'),
    standardize: z.boolean().default(false),
    covType: z.enum(['nonrobust', 'HC0', 'HC3']).default('nonrobust'),
    missing: z.enum(['complete-case', 'error']).default('complete-case'),
    level: z.number().gt(0).lt(1).default(0.95),
    experiment: z.string().default('vesselprint-associate'),
  })
  .strict()
  .refine((c) => c.formula !== undefined || (c.exposures !== undefined && (c.outcome !== undefined || c.family === 'cox')), {
    message: 'give outcome and exposure(s), or a formula',
    path: ['exposures'],
  })
  .refine((c) => c.family !== 'cox' || (c.time !== undefined && c.event !== undefined), {
    message: 'family "cox" needs time and event columns',
    path: ['time'],
  })
  .refine((c) => !c.gee || c.cluster !== undefined, { message: 'gee needs a cluster (subject id) column', path: ['cluster'] });
export type AssociateConfig = z.infer<typeof associateConfigSchema>;
