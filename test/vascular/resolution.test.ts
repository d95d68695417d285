import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { computeFingerprint, type Fingerprint, type FingerprintOptions } from '../../src/vascular/fingerprint.js';
import { downsampleMask } from '../../src/vascular/resample.js';
import { FINGERPRINT_FEATURES } from '../../src/vascular/registry.js';
import { readImage } from '../../src/io/readImage.js';
import { toMask, type Mask2D } from '../../src/core/image.js';
import { arteryVeinLabels, downsampleLabels } from './hrf.js';
import { drawPolyline, sinusoidPoints, maskFrom } from './shapes.js';

/** Every registry feature with a tolerance, present and non-zero at full resolution, within its tolerance at ×2 and ×4. */
function checkInvariance(full: Fingerprint, coarse: Record<2 | 4, Fingerprint>, what: string, only?: (key: string) => boolean): number {
  const bad: string[] = [];
  let checked = 0;
  for (const f of FINGERPRINT_FEATURES) {
    if ('notInvariant' in f.invariance || (only && !only(f.key))) continue;
    const ref = full[f.key];
    if (ref === undefined || ref === null || ref === 0) continue;
    checked++;
    for (const k of [2, 4] as const) {
      const v = coarse[k][f.key];
      const tol = k === 2 ? f.invariance.x2 : f.invariance.x4;
      const rel = v === null || v === undefined ? Infinity : Math.abs(v - ref) / Math.abs(ref);
      if (rel > tol) bad.push(`${f.key} ×${k}: ${v} vs ${ref} (${(rel * 100).toFixed(1)} % > ${tol * 100} %)`);
    }
  }
  assert.deepEqual(bad, [], `${what}: outside the registry tolerance`);
  return checked;
}

test('computeFingerprint of sinusoidal vessels downsampled ×2 and ×4 (spacing ×2, ×4) stays within the registry tolerances', () => {
  const m = maskFrom(1600, 960, () => false);
  const curves: [number, number, number][] = [
    [120, 40, 320],
    [360, 25, 200],
    [600, 60, 480],
    [840, 15, 160],
  ];
  for (const [row, amp, lambda] of curves) drawPolyline(m, sinusoidPoints(row, 80, amp, lambda, 1440), 6);
  const opts: FingerprintOptions = { spacingUm: 5, regions: false };
  const full = computeFingerprint(m, opts);
  const at = (k: 2 | 4): Fingerprint => computeFingerprint(downsampleMask(m, k), { ...opts, spacingUm: 5 * k });
  // shape features: tortuosity, inflections, fractal dimensions, widths, length
  const n = checkInvariance(full, { 2: at(2), 4: at(4) }, 'sinusoids', (k) =>
    /tortuosity|inflection|fractal|width|length|area_fraction|diameter/.test(k),
  );
  assert.ok(n >= 10, `only ${n} features checked`);
});

test('computeFingerprint of the HRF 06_h manual mask downsampled ×2 and ×4 stays within the registry tolerances (skipped without ../shared/data/hrf, fails in CI)', async (t) => {
  const D = '../shared/data/hrf';
  if (!existsSync(`${D}/manual1/06_h.png`)) {
    if (process.env.CI) throw new Error(`${D} is missing (required in CI)`);
    t.skip(`${D} not present: HRF resolution-invariance check skipped`);
    return;
  }
  const mask = toMask(await readImage(`${D}/manual1/06_h.png`));
  const fov = toMask(await readImage(`${D}/mask/06_h_mask.png`));
  const av = arteryVeinLabels(await readImage(`${D}/av/06_h_AVmanual.png`));
  // 4 µm/px: a 45° field of ≈ 13 mm across ≈ 3300 px (HRF publishes no spacing)
  const opts: FingerprintOptions = { spacingUm: 4, regions: false };
  const at = (k: 1 | 2 | 4): Fingerprint => {
    const m: Mask2D = k === 1 ? mask : downsampleMask(mask, k);
    return computeFingerprint(m, {
      ...opts,
      spacingUm: 4 * k,
      fov: k === 1 ? fov : downsampleMask(fov, k),
      arteryVein: k === 1 ? av : downsampleLabels(av, mask.width, mask.height, k),
    });
  };
  const n = checkInvariance(at(1), { 2: at(2), 4: at(4) }, 'HRF 06_h');
  assert.ok(n >= 25, `only ${n} features checked`);
});
