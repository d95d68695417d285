import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthFundus } from '../../src/synth/fundus.js';
import { createRng } from '../../src/core/rng.js';
import type { ArteryVeinMaps } from '../../src/segment/arteryVeinMaps.js';
import { analyzeRetina } from '../../src/retina/analyzeRetina.js';
import { avLabelImage } from '../../src/retina/avLabelImage.js';
import { avMapsFromSegments, classifyAvSegments, CNN_ONLY_AV_SEGMENT_MODEL } from '../../src/retina/avSegmentClassifier.js';

/** CNN-like maps from the synthetic labels: p(true type) 0.7, every 7th vessel pixel flipped, crossings 0.5/0.5. */
function noisyMaps(s: ReturnType<typeof synthFundus>): ArteryVeinMaps {
  const n = s.avLabel.length;
  const artery = new Float32Array(n),
    vein = new Float32Array(n),
    vessel = new Float32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const l = s.avLabel[i]!;
    if (l === 3) {
      artery[i] = vein[i] = 0.5;
      vessel[i] = 1;
      continue;
    }
    if (l !== 1 && l !== 2) continue;
    const a = (l === 1) !== (k++ % 7 === 0) ? 0.7 : 0.3;
    artery[i] = a;
    vein[i] = 1 - a;
    vessel[i] = 1;
  }
  return { width: s.image.width, height: s.image.height, artery, vein, vessel };
}

test('analyzeRetina avSegmentClassifier: avMaps are the relabelled maps (so av.png shows what the segments were labelled from), record.av_relabel names the mode; the class masks follow the relabelled maps', () => {
  const s = synthFundus(createRng(21));
  const maps = noisyMaps(s);
  const fov = s.fovMask;
  const disc = { row: s.disc.row, col: s.disc.col, radiusPx: s.disc.radius };
  const plain = analyzeRetina(s.image, maps, { fov, disc });
  assert.equal(plain.record.av_relabel, 'none');
  assert.equal(plain.avMaps, maps);
  const prop = analyzeRetina(s.image, maps, { fov, disc, avSegmentClassifier: { model: CNN_ONLY_AV_SEGMENT_MODEL } });
  assert.equal(prop.record.av_relabel, 'propagation');
  const expected = avMapsFromSegments(maps, classifyAvSegments(s.image, fov, maps, prop.vesselMask, { model: CNN_ONLY_AV_SEGMENT_MODEL }));
  assert.deepEqual(prop.avMaps.artery, expected.artery);
  assert.equal(analyzeRetina(s.image, maps, { fov, disc, avSegmentClassifier: true }).record.av_relabel, 'classifier');
  // the artery class mask the calibres are measured on is the relabelled maps' artery side (+ ambiguous pixels)
  const am = prop.vessels.artery.mask.data;
  let n = 0;
  for (let i = 0; i < am.length; i++)
    if (am[i]) {
      n++;
      const pa = prop.avMaps.artery[i]!,
        pv = prop.avMaps.vein[i]!;
      // artery side, or ambiguous (labelSegments' default margin 0.2: in both class masks)
      assert.ok(pa >= pv || Math.abs(pa - pv) < 0.2 * (pa + pv), `pixel ${i}: ${pa} vs ${pv}`);
    }
  assert.ok(n > 1000);
  // and the relabelling changed labels (the maps carry one wrong pixel in seven)
  const changed = avLabelImage(prop.avMaps, prop.vesselMask).data.filter(
    (v, i) => v !== avLabelImage(plain.avMaps, plain.vesselMask).data[i],
  ).length;
  assert.ok(changed > 100, `${changed} labels changed`);
});
