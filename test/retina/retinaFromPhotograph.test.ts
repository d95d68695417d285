import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retinaFromPhotograph } from '../../src/retina/retinaFromPhotograph.js';
import { synthFundus } from '../../src/synth/fundus.js';
import { createRng } from '../../src/core/rng.js';
import { isVesselprintError } from '../../src/core/errors.js';

test('retinaFromPhotograph: a photograph coarser than the CNN grid is analysed enlarged; the record is given back in its own pixels and spacing', async () => {
  const s = synthFundus(createRng(5));
  const disc = { row: s.disc.row, col: s.disc.col, radiusPx: s.disc.radius };
  const r = await retinaFromPhotograph(s.image, { fov: s.fovMask, spacingUm: s.spacingUm, disc, cnn: { workers: 2 } });
  // the synthetic field (≈ 530 px) is a third of the CNN's 1632 px: enlarged ×3
  assert.equal(r.upsample, 3);
  assert.equal(r.record['analysis_upsample'], 3);
  assert.equal(r.image.width, 3 * s.image.width);
  assert.ok(Math.abs((r.record['cnn_downsample'] as number) - 1 / 3) < 0.03, `cnn_downsample ${String(r.record['cnn_downsample'])}`);
  // a given disc goes in and comes back in the photograph's pixels; the spacing is the photograph's
  assert.ok(Math.abs((r.record['disc_row'] as number) - disc.row) < 1e-9);
  assert.ok(Math.abs((r.record['disc_col'] as number) - disc.col) < 1e-9);
  assert.ok(Math.abs((r.record['disc_radius_px'] as number) - disc.radiusPx) < 1e-9);
  assert.equal(r.record['pixel_spacing_um'], s.spacingUm);
  // µm widths do not depend on the grid they were measured on: the analysed disc is 3x larger in px
  assert.ok(Math.abs(r.analysis.disc.radiusPx - 3 * disc.radiusPx) < 1e-9);
  assert.equal(typeof r.record['crae_um'], 'number');
  const plain = await retinaFromPhotograph(s.image, {
    fov: s.fovMask,
    spacingUm: s.spacingUm,
    disc,
    analysisUpsample: 1,
    cnn: { workers: 2 },
  });
  assert.equal(plain.upsample, 1);
  assert.equal(plain.image, s.image);
  await assert.rejects(retinaFromPhotograph(s.image, { fov: s.fovMask, analysisUpsample: 1.5 }), (e) =>
    isVesselprintError(e, 'BAD_ARGUMENT'),
  );
});

test('retinaFromPhotograph refuses a photograph that would need more than maxAnalysisUpsample (default 4): a 64 px wide fundus', async () => {
  const s = synthFundus(createRng(4), { width: 64, height: 64 });
  await assert.rejects(
    retinaFromPhotograph(s.image, { fov: s.fovMask }),
    (e: unknown) => isVesselprintError(e) && e.code === 'BAD_ARGUMENT' && /too coarse .* enlarging \d+x \(at most 4x\)/.test(e.message),
  );
});
