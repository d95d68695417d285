import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthFundus, synthDiscRadiusFraction } from '../../src/synth/fundus.js';
import { createRng } from '../../src/core/rng.js';
import { writeImage } from '../../src/io/writeImage.js';
import { oneImageItem, processorConfig } from '../helpers/processorConfig.js';
import { createProcessor } from '../../src/pipeline/imageProcessor.js';
import { featureDictionary } from '../../src/pipeline/dictionary.js';
import { isVesselprintError } from '../../src/core/errors.js';

test('extract with retina.enabled and avSource "manual" adds retina.* columns equal to the documented fields; "model" runs the shipped artery/vein CNN', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-retina-extract-'));
  try {
    const s = synthFundus(createRng(11));
    await writeImage(join(dir, 'img.png'), s.image);
    await writeImage(join(dir, 'av.png'), { data: s.avLabel, width: s.image.width, height: s.image.height, channels: 1 });
    const v = new Uint8Array(s.vesselMask.data.length).map((_, i) => (s.vesselMask.data[i] ? 255 : 0));
    await writeImage(join(dir, 'ves.png'), { data: v, width: s.image.width, height: s.image.height, channels: 1 });
    const item = oneImageItem(dir, {
      image_path: 'img.png',
      av_mask_path: 'av.png',
      vessel_mask_path: 'ves.png',
      pixel_spacing_um: String(s.spacingUm),
      modality: 'fundus',
    });
    const base = { segmentation: { method: 'manual' }, fingerprint: { enabled: false } };
    const row = await createProcessor(processorConfig({ ...base, retina: { enabled: true, avSource: 'manual' } }))(item);
    for (const k of ['disc_row', 'disc_col', 'disc_radius_px', 'crae_um', 'crve_um', 'avr', 'n_arterioles_zone_b', 'n_venules_zone_b'])
      assert.equal(typeof row[`retina.${k}`], 'number', k);
    assert.ok(Math.abs((row['retina.avr'] as number) - (row['retina.crae_um'] as number) / (row['retina.crve_um'] as number)) < 1e-12);
    // Manual labels are never re-balanced.
    assert.equal(row['retina.av_balance_shift'], null);
    // Label maps keep the mask width; retina.widthMethod "level" measures them at ½ (border to border).
    assert.equal(row['retina.width_level'], null);
    const lv = await createProcessor(processorConfig({ ...base, retina: { enabled: true, avSource: 'manual', widthMethod: 'level' } }))(
      item,
    );
    assert.equal(lv['retina.width_level'], 0.5);
    assert.ok(Math.abs((lv['retina.crae_um'] as number) / (row['retina.crae_um'] as number) - 1) < 0.1);
    assert.throws(() => processorConfig({ ...base, retina: { enabled: true, widthMethod: 'edge' } }), /widthMethod/);
    // retina.discRadiusFraction: the synthetic camera's disc/field ratio reads the generator's disc radius
    const cam = await createProcessor(
      processorConfig({ ...base, retina: { enabled: true, avSource: 'manual', discRadiusFraction: synthDiscRadiusFraction() } }),
    )(item);
    assert.ok(Math.abs((cam['retina.disc_radius_px'] as number) / s.disc.radius - 1) < 0.03, `R ${String(cam['retina.disc_radius_px'])}`);
    assert.ok(Math.abs((row['retina.disc_radius_px'] as number) / s.disc.radius - 0.081 / synthDiscRadiusFraction()) < 0.03);
    assert.throws(() => processorConfig({ ...base, retina: { enabled: true, discRadiusFraction: 0.8 } }), /discRadiusFraction/);
    // the manifest's eye against the side of the field the disc lies on (the synthetic photograph is a right eye)
    assert.equal(row['retina.eye_mismatch'], null);
    assert.ok((row['retina.disc_offset_fov'] as number) > 0.4);
    const manual = processorConfig({ ...base, retina: { enabled: true, avSource: 'manual' } });
    assert.equal((await createProcessor(manual)({ ...item, row: { ...item.row, eye: 'OD' } }))['retina.eye_mismatch'], 0);
    assert.equal((await createProcessor(manual)({ ...item, row: { ...item.row, eye: 'OS' } }))['retina.eye_mismatch'], 1);
    const auto = await createProcessor(processorConfig({ ...base, retina: { enabled: true } }))(item);
    for (const k of ['disc_row', 'disc_col', 'disc_radius_px', 'n_arterioles_zone_b', 'n_venules_zone_b'])
      assert.equal(typeof auto[`retina.${k}`], 'number', `model: ${k}`);
    // The shipped model's image-level A/V prior is applied (retina.avBalance defaults to true).
    assert.equal(typeof auto['retina.av_balance_shift'], 'number');
    // ... and its calibrated width level.
    assert.equal(auto['retina.width_level'], 0.9);
    // ... at its training field of view: this manifest gives no FOV mask, so the retina block
    // estimates it from the photograph, and the synthetic fundus (FOV ≈ 530 px) is enlarged for the CNN
    assert.ok((auto['retina.cnn_downsample'] as number) < 0.5, `cnn_downsample ${String(auto['retina.cnn_downsample'])}`);
    assert.equal(row['retina.cnn_downsample'], null);
    // with the synthetic camera's disc fraction the CNN sees the retina at its training size (1.71x less enlarged)
    const camCnn = await createProcessor(
      processorConfig({ ...base, retina: { enabled: true, discRadiusFraction: synthDiscRadiusFraction() } }),
    )(item);
    const ratio = (camCnn['retina.cnn_downsample'] as number) / (auto['retina.cnn_downsample'] as number);
    assert.ok(Math.abs(ratio - synthDiscRadiusFraction() / 0.081) < 0.01, `cnn_downsample ratio ${ratio}`);
    assert.ok(Math.abs((camCnn['retina.disc_radius_px'] as number) / s.disc.radius - 1) < 0.03);
    // every retina.* column is in the data dictionary with a unit, and the dictionary names no other
    const dict = featureDictionary().filter((d) => d.name.startsWith('retina.'));
    assert.deepEqual(
      dict.map((d) => d.name).sort(),
      Object.keys(auto)
        .filter((k) => k.startsWith('retina.'))
        .sort(),
    );
    assert.ok(dict.every((d) => (d.unit !== '' || d.name === 'retina.failure_reason') && d.definition.length > 20));
    assert.equal(auto['retina.failure_reason'], null);
    assert.equal(row['retina.failure_reason'], null);
    // A bad model folder is the run's problem: the row fails (extract checks the folder before the first image).
    await assert.rejects(
      createProcessor(processorConfig({ ...base, retina: { enabled: true, modelDir: join(dir, 'nowhere') } }))(item),
      (e) => isVesselprintError(e, 'FILE_NOT_FOUND'),
    );
    const off = await createProcessor(processorConfig(base))(item);
    assert.equal(
      Object.keys(off).some((k) => k.startsWith('retina.')),
      false,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
