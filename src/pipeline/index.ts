/** Public API of pipeline/: experiment configs, the cohort extraction engine, shards and merge. */
export * from './config.js';
export * from './types.js';
export { runExtraction, type ExtractionOptions, type ExtractionSummary, type FailureRecord } from './runExtraction.js';
export {
  extractCohort,
  manifestWorkItems,
  imageCacheKey,
  EXTRACTOR_VERSION,
  type ExtractCommandOptions,
  type ExtractSummary,
} from './extract.js';
export { mergeShards, type MergeSummary } from './merge.js';
export { parseShard, selectShard, shardPartDir, type Shard } from './shard.js';
export { ResultCache, contentHash } from './cache.js';
export { codeHash } from './codeHash.js';
export { qualityMeasures, qcPass, type QualityMeasures, type QcRule } from './qualityControl.js';
export { featureDictionary } from './dictionary.js';
export { Progress, type ProgressOptions } from './progress.js';
