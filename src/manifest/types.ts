/** Types of manifest/ (defined next to their zod schemas in schema.ts, problems.ts and the splitters). */
export type {
  Modality,
  Eye,
  SplitLabel,
  StandardColumn,
  CovariateValue,
  ManifestRow,
  CovariateScope,
  CovariateSpec,
  NumericCovariateSpec,
  CategoricalCovariateSpec,
  ManifestSchema,
} from './schema.js';
export type { ManifestProblem, ProblemCode, ProblemSeverity } from './problems.js';
export type { ManifestValidation, ValidateManifestOptions } from './validateManifest.js';
export type { Fold, KFoldResult, SubjectKFoldOptions } from './subjectKFold.js';
export type { SubjectTrainValTestOptions, TrainValTestResult } from './subjectTrainValTest.js';
export type { SplitRow } from './subjectStrata.js';
