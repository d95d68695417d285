import { createRng } from '../core/rng.js';
import { VesselprintError } from '../core/errors.js';
import type { SplitLabel } from './schema.js';
import { byStratum, subjectStrata } from './subjectStrata.js';
import type { SplitRow } from './subjectStrata.js';

/** Options of {@link subjectTrainValTest}. */
export interface SubjectTrainValTestOptions {
  /** Fractions of subjects for train / val / test; non-negative, summing to 1. Default 0.7 / 0.15 / 0.15. */
  fractions?: { train: number; val: number; test: number };
  /** Seed of the shuffle (createRng). Default 0. */
  seed?: number;
  /** Covariate to stratify by (fixed per subject); default none. */
  stratifyBy?: string;
}
export const DEFAULT_TVT_OPTIONS = { fractions: { train: 0.7, val: 0.15, test: 0.15 }, seed: 0 } as const;

export interface TrainValTestResult {
  subjectSplit: Record<string, SplitLabel>;
  imageSplit: Record<string, SplitLabel>;
  subjects: Record<SplitLabel, string[]>;
  imageIds: Record<SplitLabel, string[]>;
}

/**
 * Subject-grouped, stratified train / validation / test split: each subject and all its images
 * go to exactly one set. Counts: n_train = round(N × train), n_val = round(N × val), n_test =
 * the rest (N = subjects). Stratification by systematic sampling: within each stratum the
 * subjects are shuffled (seeded) and subject j of n gets the position (j + 0.5) / n; all
 * subjects are then ordered by position (ties in a seeded random order) and cut into train, val
 * and test in that order, so every stratum is spread over the three sets in proportion.
 *
 * @throws VesselprintError `BAD_ARGUMENT` for fractions that are negative or do not sum to 1.
 * @example subjectTrainValTest(rows, { seed: 1, stratifyBy: 'sex' }).subjectSplit['S001'] // 'train'
 */
export function subjectTrainValTest(rows: readonly SplitRow[], options: SubjectTrainValTestOptions = {}): TrainValTestResult {
  const fr = options.fractions ?? DEFAULT_TVT_OPTIONS.fractions;
  const seed = options.seed ?? DEFAULT_TVT_OPTIONS.seed;
  const sum = fr.train + fr.val + fr.test;
  if (![fr.train, fr.val, fr.test].every((f) => Number.isFinite(f) && f >= 0) || Math.abs(sum - 1) > 1e-9) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `subjectTrainValTest: fractions must be non-negative and sum to 1, got ${fr.train} / ${fr.val} / ${fr.test}`,
      { field: 'fractions' },
    );
  }
  const { subjects, stratum, images } = subjectStrata(rows, options.stratifyBy);
  const rng = createRng(seed).fork('subjectTrainValTest');
  const placed: Array<{ s: string; pos: number; tie: number }> = [];
  for (const [, group] of byStratum(subjects, stratum)) {
    rng.shuffleInPlace(group);
    group.forEach((s, j) => placed.push({ s, pos: (j + 0.5) / group.length, tie: rng.uniform() }));
  }
  placed.sort((a, b) => a.pos - b.pos || a.tie - b.tie);
  const n = placed.length;
  const nTrain = Math.round(n * fr.train);
  const nVal = Math.min(n - nTrain, Math.round(n * fr.val));
  const subjectSplit: Record<string, SplitLabel> = {};
  placed.forEach((p, i) => {
    subjectSplit[p.s] = i < nTrain ? 'train' : i < nTrain + nVal ? 'val' : 'test';
  });
  const out: TrainValTestResult = {
    subjectSplit,
    imageSplit: {},
    subjects: { train: [], val: [], test: [] },
    imageIds: { train: [], val: [], test: [] },
  };
  for (const s of subjects) {
    const label = subjectSplit[s]!;
    out.subjects[label].push(s);
    for (const id of images.get(s)!) {
      out.imageIds[label].push(id);
      out.imageSplit[id] = label;
    }
  }
  return out;
}
