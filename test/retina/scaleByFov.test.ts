import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readImage } from '../../src/io/readImage.js';
import { toMask } from '../../src/core/image.js';
import { resizeMask } from '../../src/preprocess/resample.js';
import { resizeChannels } from '../../src/segment/unet/resizeImage.js';
import { predictArteryVeinAdapter } from '../../src/retina/predictArteryVeinAdapter.js';
import { analyzeRetina } from '../../src/retina/analyzeRetina.js';
import { synthFundus } from '../../src/synth/fundus.js';
import { createRng } from '../../src/core/rng.js';
import { fovCircle } from '../../src/preprocess/fovCircle.js';

const D = '../shared/data/hrf';

test("predictArteryVein scaleByFov: a synthetic fundus is resampled so that its FOV circle is 1632 px across (the model's training FOV); off → the training factor 2", async () => {
  const s = synthFundus(createRng(3));
  const c = fovCircle(s.fovMask)!;
  assert.ok(c);
  const on = await predictArteryVeinAdapter(s.image, { fov: s.fovMask });
  assert.ok(Math.abs(on.networkDownsample! / ((2 * c.radiusPx) / 1632) - 1) < 0.01, `factor ${on.networkDownsample}`);
  const off = await predictArteryVeinAdapter(s.image, { fov: s.fovMask, scaleByFov: false });
  assert.ok(Math.abs(off.networkDownsample! - 2) < 0.01, `factor ${off.networkDownsample}`);
  // a crop from inside the field has no rim to fit: the training factor
  const inner = { data: new Uint8Array(200 * 200).fill(1), width: 200, height: 200 };
  const rgb = resizeChannels(s.image, 200, 200);
  assert.ok(Math.abs((await predictArteryVeinAdapter(rgb, { fov: inner })).networkDownsample! - 2) < 0.02);
});

test('retina on a half-resolution HRF photograph (08_h, held out) gives the full-resolution CRAE, CRVE and AVR within 3 % (skipped when ../shared/data/hrf is absent)', async (t) => {
  if (!existsSync(`${D}/images/08_h.jpg`)) {
    if (process.env.CI) throw new Error('../shared/data/hrf is required in CI');
    t.skip('../shared/data/hrf not present');
    return;
  }
  const img = await readImage(`${D}/images/08_h.jpg`);
  const fov = toMask(await readImage(`${D}/mask/08_h_mask.png`));
  const full = analyzeRetina(img, await predictArteryVeinAdapter(img, { fov, workers: 2 }), { fov, spacingUm: 5 }).record;
  const w = img.width / 2,
    h = img.height / 2;
  const small = resizeChannels(img, w, h);
  const smallFov = resizeMask(fov, w, h);
  const maps = await predictArteryVeinAdapter(small, { fov: smallFov, workers: 2 });
  assert.equal(maps.networkDownsample, 1); // 1632 px FOV: the network runs at the image's own scale
  const half = analyzeRetina(small, maps, { fov: smallFov, spacingUm: 10 }).record;
  for (const k of ['crae_um', 'crve_um', 'avr']) {
    const a = full[k] as number,
      b = half[k] as number;
    assert.ok(Math.abs(b / a - 1) < 0.03, `${k}: full ${a}, half ${b}`);
  }
});
