import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featureMaps } from '../../src/radiomics/featureMap.js';
import { extractFromRoi, prepareRoi } from '../../src/radiomics/extract.js';
import type { RoiImage } from '../../src/radiomics/types.js';
import { syntheticVessels } from './synthetic.js';

const W = 40,
  H = 36;
const img = syntheticVessels(W, H, 5);
const roi = prepareRoi(img.values, W, H, img.mask, { discretization: { method: 'fbn', bins: 16 } });
const ids = [
  'glcm.contrast.BTW3',
  'glcm.joint_entropy.SUJT',
  'glrlm.run_entropy.BTW3',
  'glszm.zone_size_entropy',
  'gldzm.zone_distance_entropy',
  'ngtdm.coarseness',
  'ngldm.dependence_count_entropy',
  'stat.mean',
  'ih.entropy',
];

/** Brute force: crop the window by hand, keep the global grey levels, run the normal extractor. */
function windowFeature(r: number, c: number, radius: number, id: string): number {
  const w = 2 * radius + 1;
  const win: RoiImage = {
    width: w,
    height: w,
    values: new Float64Array(w * w),
    levels: new Int32Array(w * w),
    ng: roi.ng,
    intensityMask: new Uint8Array(w * w),
    morphMask: new Uint8Array(w * w),
  };
  for (let dr = -radius; dr <= radius; dr++) {
    for (let dc = -radius; dc <= radius; dc++) {
      const rr = r + dr,
        cc = c + dc;
      if (rr < 0 || cc < 0 || rr >= H || cc >= W) continue;
      const k = (dr + radius) * w + dc + radius,
        q = rr * W + cc;
      win.values[k] = roi.values[q]!;
      win.levels[k] = roi.levels[q]!;
      win.intensityMask[k] = roi.intensityMask[q]!;
      win.morphMask[k] = roi.morphMask[q]!;
    }
  }
  const fam = id.split('.')[0] as 'glcm';
  const recs = extractFromRoi(win, [fam]);
  const [, name, aggr] = id.split('.');
  return recs.find((x) => x.name === name && (aggr === undefined || x.aggregation === aggr))!.value;
}

test('featureMaps(roi, radius 2) equals the extractor run on each hand-cropped window (9 features, every 3rd row and 2nd column)', () => {
  const maps = featureMaps(roi, { features: ids, radius: 2, minPixels: 1 });
  let compared = 0;
  for (const id of ids) {
    const m = maps.get(id)!;
    for (let r = 0; r < H; r += 3) {
      for (let c = 0; c < W; c += 2) {
        const p = r * W + c;
        if (roi.intensityMask[p] === 0) {
          assert.ok(Number.isNaN(m[p]!));
          continue;
        }
        const want = windowFeature(r, c, 2, id);
        const got = m[p]!;
        assert.ok(
          (Number.isNaN(want) && Number.isNaN(got)) || Math.abs(got - want) <= 1e-5 * Math.max(1, Math.abs(want)),
          `${id} at (${r},${c}): ${got} vs ${want}`,
        );
        compared++;
      }
    }
  }
  assert.ok(compared > 200);
});

test('featureMaps rejects unknown feature ids and bad radii', () => {
  assert.throws(() => featureMaps(roi, { features: ['glcm.contrast'] }), /unknown feature id/);
  assert.throws(() => featureMaps(roi, { features: ['stat.mean'], radius: 0 }), /radius/);
});
