import { createRng } from '../core/rng.js';
import { VesselprintError } from '../core/errors.js';
import { dealFolds } from '../core/dealFolds.js';
import { byStratum, subjectStrata } from './subjectStrata.js';
import type { SplitRow } from './subjectStrata.js';

/** Options of {@link subjectKFold}. */
export interface SubjectKFoldOptions {
  /** Number of folds, ≥ 2 and ≤ number of subjects. Default 5. */
  k?: number;
  /** Seed of the shuffle (createRng). Default 0. */
  seed?: number;
  /** Covariate to stratify by (fixed per subject, e.g. diabetes); default none. */
  stratifyBy?: string;
}
export const DEFAULT_KFOLD_OPTIONS = { k: 5, seed: 0 } as const;

export interface Fold {
  /** 0-based fold index. */
  fold: number;
  trainSubjects: string[];
  testSubjects: string[];
  trainImageIds: string[];
  testImageIds: string[];
}

export interface KFoldResult {
  folds: Fold[];
  /** Subject → the fold in which it is in the test set. */
  subjectFold: Record<string, number>;
}

/**
 * Subject-grouped, stratified k-fold cross-validation: every subject (with all its images) is
 * in the test set of exactly one fold and in the training set of the others, so no subject is
 * ever on both sides of a fold. Algorithm ({@link dealFolds}, the one fold assignment, shared
 * with learn/'s `groupedStratifiedKFold`): subjects are grouped by stratum; each stratum's
 * subjects (sorted by id) are shuffled with a seeded generator; the strata are concatenated and
 * dealt round-robin into the k folds. Hence within every stratum the fold sizes differ by at
 * most one subject, and so do the fold totals. Balance is by subjects, not images.
 * Same rows + same options → same folds, whatever the row order.
 *
 * @throws VesselprintError `BAD_ARGUMENT` for k < 2 or k > number of subjects, or a
 *   stratification covariate that varies within a subject.
 * @example subjectKFold(rows, { k: 5, seed: 42, stratifyBy: 'diabetes' }).folds[0].testSubjects
 */
export function subjectKFold(rows: readonly SplitRow[], options: SubjectKFoldOptions = {}): KFoldResult {
  const k = options.k ?? DEFAULT_KFOLD_OPTIONS.k;
  const seed = options.seed ?? DEFAULT_KFOLD_OPTIONS.seed;
  const { subjects, stratum, images } = subjectStrata(rows, options.stratifyBy);
  if (!Number.isInteger(k) || k < 2 || k > subjects.length) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `subjectKFold: k must be an integer from 2 to the number of subjects (${subjects.length}), got ${k}`,
      { field: 'k' },
    );
  }
  const rng = createRng(seed).fork('subjectKFold');
  const subjectFold: Record<string, number> = Object.fromEntries(dealFolds(byStratum(subjects, stratum), k, rng));
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const testSubjects = subjects.filter((s) => subjectFold[s] === f);
    const trainSubjects = subjects.filter((s) => subjectFold[s] !== f);
    folds.push({
      fold: f,
      trainSubjects,
      testSubjects,
      trainImageIds: trainSubjects.flatMap((s) => images.get(s)!),
      testImageIds: testSubjects.flatMap((s) => images.get(s)!),
    });
  }
  return { folds, subjectFold };
}
