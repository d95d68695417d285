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
import type { Mask2D } from '../../src/core/image.js';

const png = (m: Mask2D) => ({ data: m.data.map((v) => (v ? 255 : 0)), width: m.width, height: m.height, channels: 1 });

test('extract with manual vessel masks: without FOV mask a fundus photograph gets the estimated FOV (densities per FOV area, as with the true FOV mask), a skin image the whole frame; meta.fov_source says which', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-fov-source-'));
  try {
    const s = synthFundus(createRng(5));
    await writeImage(join(dir, 'img.png'), s.image);
    await writeImage(join(dir, 'ves.png'), png(s.vesselMask));
    await writeImage(join(dir, 'fov.png'), png(s.fovMask));
    const { width, height } = s.image;
    await writeImage(join(dir, 'all.png'), png({ data: new Uint8Array(width * height).fill(1), width, height }));
    const cfg = processorConfig({ segmentation: { method: 'manual' } });
    const run = (extra: Record<string, string>) =>
      createProcessor(cfg)(
        oneImageItem(dir, {
          image_path: 'img.png',
          vessel_mask_path: 'ves.png',
          pixel_spacing_um: String(s.spacingUm),
          modality: 'fundus',
          ...extra,
        }),
      );
    const est = await run({});
    const truthFov = await run({ fov_mask_path: 'fov.png' });
    const frame = await run({ fov_mask_path: 'all.png' });
    const skin = await run({ modality: 'skin' });
    assert.equal(est['meta.fov_source'], 'estimated');
    assert.equal(truthFov['meta.fov_source'], 'mask');
    assert.equal(skin['meta.fov_source'], 'whole image');
    const k = 'vascular.vessel_area_fraction';
    const [e, t, f] = [est[k], truthFov[k], frame[k]] as number[];
    // The synthetic FOV disc covers ~60 % of the frame: per frame the fraction is far lower.
    assert.ok(f! < 0.8 * t!, `per frame ${f} vs per FOV ${t}`);
    // estimateFov is eroded by a few px: within 5 % of the true FOV's value.
    assert.ok(Math.abs(e! / t! - 1) < 0.05, `estimated ${e} vs true FOV ${t}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
