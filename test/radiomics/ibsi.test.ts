import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phantom, derived, ref2d, runImage, round3 } from './phantom.js';

const slices = phantom.image.map((img, z) => runImage(img, phantom.mask[z]!));
const tiled = runImage(derived.tiled.image, derived.tiled.mask);

function sameAt3(x: number, ref: number): boolean {
  return Math.abs(round3(x) - ref) <= 1e-9 * Math.max(1, Math.abs(ref));
}

test('extractFromRoi(phantom slice) averaged over the 4 slices matches every official IBSI 2D value to 3 significant figures', () => {
  const failures: string[] = [];
  for (const r of ref2d.features_2d) {
    const vals = slices.map((s) => s.get(r.mirp_csv_tag));
    if (vals.some((v) => v === undefined)) {
      failures.push(`${r.mirp_csv_tag}: not computed`);
      continue;
    }
    const mean = (vals as number[]).reduce((a, b) => a + b, 0) / vals.length;
    if (!sameAt3(mean, r.value)) failures.push(`${r.mirp_csv_tag} (${r.code} ${r.aggregation_code}): got ${mean}, IBSI ${r.value}`);
  }
  assert.equal(ref2d.features_2d.length, 136);
  assert.deepEqual(failures, []);
});

test('extractFromRoi(tiled phantom) matches every official IBSI whole-ROI value (statistics, IH, IVH) to 3 significant figures', () => {
  const failures: string[] = [];
  for (const r of ref2d.whole_roi_features) {
    const v = tiled.get(r.mirp_csv_tag);
    if (v === undefined || !sameAt3(v, r.value)) failures.push(`${r.mirp_csv_tag}: got ${v}, IBSI ${r.value}`);
  }
  assert.equal(ref2d.whole_roi_features.length, 47);
  assert.deepEqual(failures, []);
});

test('extractFromRoi(tiled phantom) reproduces the official IBSI 2.5D values (matrices merged over slices)', () => {
  const failures: string[] = [];
  for (const [tag, info] of Object.entries(derived.tiled.equals_official)) {
    const v = tiled.get(tag);
    if (v === undefined || !sameAt3(v, info.official_value))
      failures.push(`${tag} → ${info.official_tag}: got ${v}, IBSI ${info.official_value}`);
  }
  assert.deepEqual(failures, []);
});

test('extractFromRoi(phantom slice z) matches the unrounded per-slice values of the independent implementation (rel. 1e-9)', () => {
  const failures: string[] = [];
  let compared = 0;
  for (const ps of derived.per_slice) {
    const got = slices[ps.slice]!;
    for (const [tag, want] of Object.entries(ps.features)) {
      const v = got.get(tag);
      if (v === undefined) continue;
      compared++;
      if (!(Math.abs(v - want) <= 1e-9 * Math.max(1, Math.abs(want)))) failures.push(`slice ${ps.slice} ${tag}: got ${v}, want ${want}`);
    }
  }
  assert.ok(compared >= 4 * 136, `only ${compared} per-slice values compared`);
  assert.deepEqual(failures, []);
});
