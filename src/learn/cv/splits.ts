/**
 * Subject-grouped, stratified k-fold splits (repeated) and a grouped hold-out split. All rows of a
 * subject (group) land in the same fold, so no subject is in both training and test. The folds
 * come from `dealFolds` (core/dealFolds.ts, the one subject-grouped fold assignment, shared with
 * the manifest's `subjectKFold`): within each stratum the groups are shuffled with a seeded
 * generator and dealt round-robin, so per stratum and in total the folds differ by at most one
 * subject (balance by subjects, not rows). A group's stratum is its outcome if all its
 * rows agree, else its majority (classification); regression is stratified by outcome quartile of
 * the group mean (or not at all with `stratify: false`).
 */
import { createRng } from '../../core/rng.js';
import { VesselprintError } from '../../core/errors.js';
import { dealFolds } from '../../core/dealFolds.js';

export interface Fold {
  repeat: number;
  fold: number;
  train: number[];
  test: number[];
}

export interface SplitOptions {
  /** Number of folds k. Default 5. */
  k?: number;
  /** Repeats (each with a fresh shuffle). Default 1. */
  repeats?: number;
  seed?: number;
  /** Stratify by outcome. Default true. */
  stratify?: boolean;
}

/** Strata labels per group from outcomes y (0/1 → class; otherwise quartile of the group mean). */
function groupStrata(groups: string[], y: ArrayLike<number>, members: Map<string, number[]>, stratify: boolean): Map<string, number> {
  const out = new Map<string, number>();
  if (!stratify) {
    for (const g of groups) out.set(g, 0);
    return out;
  }
  let binary = true;
  for (let i = 0; i < y.length; i++)
    if (y[i] !== 0 && y[i] !== 1) {
      binary = false;
      break;
    }
  const means = groups.map((g) => {
    const m = members.get(g)!;
    return m.reduce((a, i) => a + y[i]!, 0) / m.length;
  });
  if (binary) {
    groups.forEach((g, k) => out.set(g, means[k]! >= 0.5 ? 1 : 0));
    return out;
  }
  const sorted = [...means].sort((a, b) => a - b);
  const q = [0.25, 0.5, 0.75].map((p) => sorted[Math.floor(p * (sorted.length - 1))]!);
  groups.forEach((g, k) => out.set(g, q.filter((t) => means[k]! > t).length));
  return out;
}

/**
 * Grouped stratified k-fold, repeated.
 * @param y outcome per row (for stratification)
 * @param groups subject id per row (default: every row its own subject)
 * @throws VesselprintError BAD_ARGUMENT when there are fewer groups than folds.
 * @example groupedStratifiedKFold(y, subjectIds, { k: 5, repeats: 10, seed: 1 }).length // 50
 */
export function groupedStratifiedKFold(y: ArrayLike<number>, groups?: readonly (string | number)[], options: SplitOptions = {}): Fold[] {
  const k = options.k ?? 5,
    repeats = options.repeats ?? 1;
  const n = y.length;
  if (groups && groups.length !== n) throw new VesselprintError('SHAPE_MISMATCH', `${n} outcomes but ${groups.length} group ids`);
  const members = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groups ? String(groups[i]) : `#${i}`;
    const m = members.get(g);
    if (m) m.push(i);
    else members.set(g, [i]);
  }
  const names = [...members.keys()].sort();
  if (!(Number.isInteger(k) && k >= 2)) throw new VesselprintError('BAD_ARGUMENT', `k must be an integer ≥ 2, got ${k}`, { field: 'k' });
  if (names.length < k) throw new VesselprintError('BAD_ARGUMENT', `only ${names.length} subjects for ${k} folds`, { field: 'k' });
  const strata = groupStrata(names, y, members, options.stratify ?? true);
  // subjects grouped by stratum (strata ascending, names sorted within) for the one fold dealer
  const byStratum = new Map<number, string[]>();
  for (const g of names) byStratum.set(strata.get(g)!, [...(byStratum.get(strata.get(g)!) ?? []), g]);
  const grouped = [...byStratum.entries()].sort((a, b) => a[0] - b[0]).map(([s, gs]) => [String(s), gs] as const);
  const rng = createRng(options.seed ?? 0);
  const folds: Fold[] = [];
  for (let r = 0; r < repeats; r++) {
    const foldOf = dealFolds(grouped, k, rng.fork(`repeat-${r}`));
    const assign: number[][] = Array.from({ length: k }, () => []);
    for (const g of names) assign[foldOf.get(g)!]!.push(...members.get(g)!);
    for (let f = 0; f < k; f++) {
      const test = assign[f]!.sort((a, b) => a - b);
      const inTest = new Uint8Array(n);
      for (const i of test) inTest[i] = 1;
      const train: number[] = [];
      for (let i = 0; i < n; i++) if (!inTest[i]) train.push(i);
      folds.push({ repeat: r, fold: f, train, test });
    }
  }
  return folds;
}

/**
 * Grouped, stratified hold-out split: about `testFraction` of the subjects go to the test set.
 * @example groupedHoldout(y, ids, { testFraction: 0.2, seed: 1 }).test
 */
export function groupedHoldout(
  y: ArrayLike<number>,
  groups?: readonly (string | number)[],
  options: { testFraction?: number; seed?: number; stratify?: boolean } = {},
): { train: number[]; test: number[] } {
  const fr = options.testFraction ?? 0.2;
  if (!(fr > 0 && fr < 1))
    throw new VesselprintError('BAD_ARGUMENT', `testFraction must be in (0, 1), got ${fr}`, { field: 'testFraction' });
  const k = Math.max(2, Math.round(1 / fr));
  const f = groupedStratifiedKFold(y, groups, {
    k,
    seed: options.seed ?? 0,
    ...(options.stratify !== undefined ? { stratify: options.stratify } : {}),
  })[0]!;
  return { train: f.train, test: f.test };
}
