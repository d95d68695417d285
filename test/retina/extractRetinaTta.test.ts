import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthFundus } from '../../src/synth/fundus.js';
import { createRng } from '../../src/core/rng.js';
import { writeImage } from '../../src/io/writeImage.js';
import { oneImageItem, processorConfig } from '../helpers/processorConfig.js';
import { createProcessor } from '../../src/pipeline/imageProcessor.js';
import { retinaFromPhotograph } from '../../src/retina/retinaFromPhotograph.js';
import { estimateFov } from '../../src/preprocess/fov.js';

test('extract retina.tta runs the artery/vein CNN over four flips: the same record as retinaFromPhotograph with flipTta, not the one without', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-retina-tta-'));
  try {
    const s = synthFundus(createRng(3));
    await writeImage(join(dir, 'img.png'), s.image);
    const item = oneImageItem(dir, { image_path: 'img.png', pixel_spacing_um: String(s.spacingUm), modality: 'fundus' });
    const run = (tta: boolean) =>
      createProcessor(
        processorConfig({
          segmentation: { method: 'frangi' },
          fingerprint: { enabled: false },
          // the training factor (no enlargement to the training FOV) keeps the CNN small here
          retina: { enabled: true, scaleByFov: false, tta },
        }),
      )(item);
    const [plain, flipped] = [await run(false), await run(true)];
    const direct = await retinaFromPhotograph(s.image, {
      fov: estimateFov(s.image),
      spacingUm: s.spacingUm,
      cnn: { scaleByFov: false, flipTta: true },
    });
    assert.equal(flipped['retina.av_balance_shift'], direct.record.av_balance_shift);
    assert.equal(flipped['retina.n_segments'], direct.record.n_segments);
    assert.notEqual(flipped['retina.av_balance_shift'], plain['retina.av_balance_shift']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
