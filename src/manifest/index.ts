/** Public API of manifest/: manifest schema, loading, validation and subject-grouped splits. */
export * from './schema.js';
export type { ManifestProblem, ProblemCode, ProblemSeverity } from './problems.js';
export { formatProblem } from './problems.js';
export { readTable } from './readTable.js';
export type { RawTable } from './readTable.js';
export { loadSchema, inferSchema } from './schemaFile.js';
export type { LoadedSchema } from './schemaFile.js';
export { validateManifest, resolveManifestPath, DEFAULT_VALIDATE_OPTIONS } from './validateManifest.js';
export type { ManifestValidation, ValidateManifestOptions } from './validateManifest.js';
export { loadManifest } from './loadManifest.js';
export { writeManifest } from './writeManifest.js';
export type { ManifestRowInput } from './writeManifest.js';
export { isMissing, parseNumber } from './parseCell.js';
export { subjectKFold, DEFAULT_KFOLD_OPTIONS } from './subjectKFold.js';
export type { Fold, KFoldResult, SubjectKFoldOptions } from './subjectKFold.js';
export { subjectTrainValTest, DEFAULT_TVT_OPTIONS } from './subjectTrainValTest.js';
export type { SubjectTrainValTestOptions, TrainValTestResult } from './subjectTrainValTest.js';
export type { SplitRow } from './subjectStrata.js';
