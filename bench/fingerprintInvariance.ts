/**
 * Resolution invariance of the fingerprint (issue 19): the HRF manual vessel mask (and FOV) of
 * one or more images, downsampled ×2 and ×4 (`downsampleMask`, spacing ×2, ×4), fingerprinted
 * with the physical (µm) parameters ("after") and with the former pixel constants ("before":
 * σ 1/2 px, step 3 px, tortuosity segments ≥ 20 px, boxes from 2 px). Prints the relative change
 * of every registry feature against full resolution, and the registry tolerance.
 *
 * Usage: npm run bench -- fingerprintInvariance [IDS=06_h] [SPACING_UM=4]
 */
import { existsSync } from 'node:fs';
import { readImage } from '../src/io/readImage.js';
import { toMask, type Mask2D } from '../src/core/image.js';
import { computeFingerprint, type FingerprintOptions } from '../src/vascular/fingerprint.js';
import { downsampleMask } from '../src/vascular/resample.js';
import { FINGERPRINT_FEATURES } from '../src/vascular/registry.js';
import { arteryVeinLabels, downsampleLabels } from '../test/vascular/hrf.js';

const ids = (process.argv[3] ?? '06_h').split(',');
const spacing = Number(process.argv[4] ?? 4);
const D = '../shared/data/hrf';
if (!existsSync(`${D}/manual1/${ids[0]}.png`)) {
  console.error(`${D} not present`);
  process.exit(2);
}
const LEGACY: FingerprintOptions = {
  segments: { smoothingSigmaPx: 1, angleSmoothingSigmaPx: 2, angleStepPx: 3 },
  tortuosityMinLengthPx: 20,
  fractal: { minBoxPx: 2 },
};
const rel = (a: number | null | undefined, b: number | null | undefined): string =>
  a == null || b == null ? 'n/a' : b === 0 ? (a === 0 ? '0' : 'inf') : `${(((a - b) / Math.abs(b)) * 100).toFixed(1)} %`;

for (const id of ids) {
  const mask = toMask(await readImage(`${D}/manual1/${id}.png`));
  const fov = toMask(await readImage(`${D}/mask/${id}_mask.png`));
  const avImg = await readImage(`${D}/av/${id}_AVmanual.png`);
  const av = arteryVeinLabels(avImg);
  const at = (k: number, legacy: boolean): Record<string, number | null> => {
    const m: Mask2D = k === 1 ? mask : downsampleMask(mask, k);
    const f: Mask2D = k === 1 ? fov : downsampleMask(fov, k);
    const t0 = performance.now();
    const labels = k === 1 ? av : downsampleLabels(av, mask.width, mask.height, k);
    const out = computeFingerprint(m, { spacingUm: spacing * k, fov: f, regions: false, arteryVein: labels, ...(legacy ? LEGACY : {}) });
    console.error(`${id} ×${k} ${legacy ? 'before' : 'after'}: ${(performance.now() - t0).toFixed(0)} ms`);
    return out;
  };
  const runs = { before: [at(1, true), at(2, true), at(4, true)], after: [at(1, false), at(2, false), at(4, false)] };
  console.log(`\n${id} (${mask.width}×${mask.height}, ${spacing} µm/px assumed): relative change against full resolution\n`);
  console.log('| feature | full (after) | before ×2 | before ×4 | after ×2 | after ×4 | tolerance ×2 / ×4 |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const f of FINGERPRINT_FEATURES) {
    if (!(f.key in runs.after[0]!)) continue;
    const tol = 'notInvariant' in f.invariance ? 'not invariant' : `${f.invariance.x2 * 100} % / ${f.invariance.x4 * 100} %`;
    const full = runs.after[0]![f.key];
    console.log(
      `| \`${f.key}\` | ${full == null ? 'null' : full.toPrecision(4)} | ${rel(runs.before[1]![f.key], runs.before[0]![f.key])} | ${rel(runs.before[2]![f.key], runs.before[0]![f.key])} | ${rel(runs.after[1]![f.key], full)} | ${rel(runs.after[2]![f.key], full)} | ${tol} |`,
    );
  }
}
