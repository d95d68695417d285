import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import type { Rng } from '../../src/core/rng.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { subjectKFold } from '../../src/manifest/subjectKFold.js';
import { subjectTrainValTest } from '../../src/manifest/subjectTrainValTest.js';
import type { SplitRow } from '../../src/manifest/subjectStrata.js';

/** A random manifest: 2-60 subjects with 1-6 images each, a subject-level stratum (some missing), rows shuffled. */
function randomManifest(rng: Rng): { rows: SplitRow[]; subjectOfImage: Map<string, string>; stratumOf: Map<string, string> } {
  const nSubjects = rng.int(2, 60);
  const nStrata = rng.int(1, 4);
  const weights = Array.from({ length: nStrata }, () => rng.range(0.1, 1));
  const rows: SplitRow[] = [];
  const subjectOfImage = new Map<string, string>();
  const stratumOf = new Map<string, string>();
  for (let s = 0; s < nSubjects; s++) {
    const sid = `S${String(rng.int(0, 99999)).padStart(5, '0')}_${s}`;
    let u = rng.uniform() * weights.reduce((a, b) => a + b, 0);
    let level = 0;
    while (u > weights[level]! && level < nStrata - 1) u -= weights[level++]!;
    const value = rng.bernoulli(0.05) ? null : String(level);
    stratumOf.set(sid, value ?? 'NA');
    for (let i = rng.int(1, 6); i > 0; i--) {
      const id = `${sid}_img${i}`;
      rows.push({ subject_id: sid, image_id: id, covariates: { diabetes: value } });
      subjectOfImage.set(id, sid);
    }
  }
  rng.shuffleInPlace(rows);
  return { rows, subjectOfImage, stratumOf };
}

const countBy = <T>(xs: T[], key: (x: T) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
};

test('subjectKFold over 300 random manifests: no subject on both sides, each subject tested once, strata balanced within ±1', () => {
  const rng = createRng(2024);
  for (let trial = 0; trial < 300; trial++) {
    const { rows, subjectOfImage, stratumOf } = randomManifest(rng);
    const nSubjects = stratumOf.size;
    const k = rng.int(2, Math.min(10, nSubjects));
    const { folds, subjectFold } = subjectKFold(rows, { k, seed: trial, stratifyBy: 'diabetes' });
    assert.equal(folds.length, k);
    const testedImages: string[] = [];
    for (const f of folds) {
      const trainSubj = new Set(f.trainImageIds.map((id) => subjectOfImage.get(id)!));
      const testSubj = new Set(f.testImageIds.map((id) => subjectOfImage.get(id)!));
      for (const s of testSubj) assert.ok(!trainSubj.has(s), `trial ${trial} fold ${f.fold}: subject ${s} on both sides`);
      assert.equal(f.trainImageIds.length + f.testImageIds.length, rows.length);
      assert.deepEqual(new Set(f.testSubjects), testSubj);
      testedImages.push(...f.testImageIds);
    }
    assert.equal(testedImages.length, rows.length, 'every image tested exactly once');
    assert.equal(new Set(testedImages).size, rows.length);
    for (const [s, f] of Object.entries(subjectFold)) assert.ok(folds[f]!.testSubjects.includes(s));
    // balance: per stratum and in total, fold sizes (subjects) differ by at most 1
    const sizes = folds.map((f) => f.testSubjects.length);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `trial ${trial}: fold sizes ${sizes}`);
    for (const stratum of new Set(stratumOf.values())) {
      const per = folds.map((f) => f.testSubjects.filter((s) => stratumOf.get(s) === stratum).length);
      assert.ok(Math.max(...per) - Math.min(...per) <= 1, `trial ${trial} stratum ${stratum}: ${per}`);
    }
  }
});

test('subjectKFold(rows, seed) is deterministic, ignores row order, and another seed gives other folds', () => {
  const { rows } = randomManifest(createRng(5));
  const a = subjectKFold(rows, { k: 3, seed: 11 });
  const shuffled = createRng(6).shuffleInPlace([...rows]);
  assert.deepEqual(subjectKFold(shuffled, { k: 3, seed: 11 }).subjectFold, a.subjectFold);
  const others = [12, 13, 14].map((seed) => subjectKFold(rows, { k: 3, seed }).subjectFold);
  assert.ok(others.some((o) => JSON.stringify(o) !== JSON.stringify(a.subjectFold)));
});

test('subjectTrainValTest over 300 random manifests: each subject in exactly one set, counts as specified, strata spread in proportion', () => {
  const rng = createRng(77);
  for (let trial = 0; trial < 300; trial++) {
    const { rows, subjectOfImage, stratumOf } = randomManifest(rng);
    const fractions = [
      { train: 0.7, val: 0.15, test: 0.15 },
      { train: 0.6, val: 0.2, test: 0.2 },
      { train: 0.8, val: 0, test: 0.2 },
    ][trial % 3]!;
    const r = subjectTrainValTest(rows, { seed: trial, fractions, stratifyBy: 'diabetes' });
    const n = stratumOf.size;
    const sets = (['train', 'val', 'test'] as const).map((l) => new Set(r.imageIds[l].map((id) => subjectOfImage.get(id)!)));
    for (let i = 0; i < 3; i++)
      for (let j = i + 1; j < 3; j++) for (const s of sets[i]!) assert.ok(!sets[j]!.has(s), `trial ${trial}: subject ${s} in two sets`);
    assert.equal(r.imageIds.train.length + r.imageIds.val.length + r.imageIds.test.length, rows.length);
    assert.equal(r.subjects.train.length, Math.round(n * fractions.train));
    assert.equal(r.subjects.val.length, Math.min(n - Math.round(n * fractions.train), Math.round(n * fractions.val)));
    const strataSizes = countBy([...stratumOf.keys()], (s) => stratumOf.get(s)!);
    const trainPer = countBy(r.subjects.train, (s) => stratumOf.get(s)!);
    for (const [stratum, size] of strataSizes) {
      const got = trainPer.get(stratum) ?? 0;
      assert.ok(Math.abs(got - size * fractions.train) <= 2, `trial ${trial} stratum ${stratum}: ${got} of ${size} in train`);
    }
  }
});

test('splits refuse k out of range, fractions not summing to 1, and a stratification covariate that varies within a subject', () => {
  const rows: SplitRow[] = [
    { subject_id: 'A', image_id: 'a1', covariates: { dm: '1' } },
    { subject_id: 'A', image_id: 'a2', covariates: { dm: '0' } },
    { subject_id: 'B', image_id: 'b1', covariates: { dm: '0' } },
  ];
  assert.throws(
    () => subjectKFold(rows, { k: 3 }),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /k must be/.test(e.message),
  );
  assert.throws(
    () => subjectKFold(rows, { k: 2, stratifyBy: 'dm' }),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /subject A/.test(e.message),
  );
  assert.throws(
    () => subjectTrainValTest(rows, { fractions: { train: 0.5, val: 0.2, test: 0.2 } }),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT'),
  );
  assert.throws(
    () => subjectKFold([], {}),
    (e) => isVesselprintError(e, 'EMPTY_INPUT'),
  );
});
