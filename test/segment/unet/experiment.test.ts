import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseUnetExperiment, trainUnetOptionsOf } from '../../../src/segment/unet/experimentConfig.js';
import { runUnetExperiment } from '../../../src/segment/unet/runExperiment.js';
import { segmentUnet } from '../../../src/segment/unet/segmentUnet.js';
import { syntheticSubjects } from '../../../src/segment/unet/syntheticData.js';
import { isVesselprintError } from '../../../src/core/errors.js';

const base = { name: 't', data: { source: 'synthetic', train: 2, validation: 1, test: 1, width: 96, height: 96 }, output: 'x' };

test('parseUnetExperiment fills defaults and rejects unknown keys and bad sizes, naming the field', () => {
  const c = parseUnetExperiment(base);
  assert.equal(c.training.batchSize, 8);
  assert.equal(c.preprocess.claheClip, 2);
  assert.throws(
    () => parseUnetExperiment({ ...base, training: { epoch: 3 } }),
    (e) => isVesselprintError(e, 'CONFIG_INVALID') && e.field === 'training',
  );
  assert.throws(
    () => parseUnetExperiment({ ...base, training: { patchSize: 60 } }),
    (e) => isVesselprintError(e, 'CONFIG_INVALID') && e.field === 'training.patchSize',
  );
  assert.throws(
    () => parseUnetExperiment({ ...base, data: { source: 'synthetic', train: 0, validation: 1 } }),
    (e) => isVesselprintError(e, 'CONFIG_INVALID') && e.field === 'data.train',
  );
});

test('runUnetExperiment writes best/, last/ and report.json; resume continues after the saved epoch; evaluateOnly re-scores best/; segmentUnet uses the model', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-exp-'));
  try {
    const cfg = (epochs: number) =>
      parseUnetExperiment({
        ...base,
        seed: 4,
        backend: 'wasm',
        model: { depth: 2, baseFilters: 4 },
        training: { epochs, stepsPerEpoch: 2, batchSize: 2, patchSize: 32, validationTileSize: 32 },
        inference: { tileSize: 32, overlap: 8 },
        output: dir,
      });
    const r1 = await runUnetExperiment(cfg(1));
    for (const f of ['best/model.json', 'best/weights.bin', 'best/metadata.json', 'last/state.json', 'last/optimizer.bin', 'report.json'])
      assert.ok(existsSync(join(dir, f)), f);
    assert.equal(r1.epochs.length, 1);
    assert.deepEqual(r1.test.map((t) => t.method).sort(), ['frangi', 'unet']);
    const r2 = await runUnetExperiment(cfg(2), { resume: true });
    assert.deepEqual(
      r2.epochs.map((e) => e.epoch),
      [1],
    );
    const r3 = await runUnetExperiment(cfg(2), { evaluateOnly: true });
    assert.equal(r3.epochs.length, 0);
    assert.ok(existsSync(join(dir, 'report-test.json')));
    assert.deepEqual(r3.test, r2.test);
    const meta = JSON.parse(readFileSync(join(dir, 'best', 'metadata.json'), 'utf8')) as {
      trainingDataHash: string;
      versions: { tfjs: string };
    };
    assert.match(meta.trainingDataHash, /^[0-9a-f]{64}$/);
    const s = syntheticSubjects(99, 0, 1, { width: 80, height: 72 })[0]!;
    const seg = await segmentUnet(s.image, join(dir, 'best'), { fov: s.fov, tileSize: 32 });
    assert.equal(seg.probability.data.length, 80 * 72);
    assert.ok(seg.mask.data.every((v, i) => v === (seg.probability.data[i]! >= seg.threshold && s.fov.data[i] ? 1 : 0)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('segmentUnet without a model folder uses the shipped HRF model (downsample 2, probabilities back at full size)', async () => {
  const { DEFAULT_UNET_MODEL_DIR } = await import('../../../src/segment/unet/segmentUnet.js');
  assert.ok(existsSync(join(DEFAULT_UNET_MODEL_DIR, 'weights.bin')));
  const s = syntheticSubjects(5, 0, 1, { width: 160, height: 144 })[0]!;
  const r = await segmentUnet(s.image, undefined, { fov: s.fov });
  assert.equal(r.metadata.notes?.['downsample'], '2');
  assert.equal(r.probability.width, 160);
  assert.equal(r.probability.height, 144);
  assert.ok(r.probability.data.every((v, i) => (s.fov.data[i] ? v >= 0 && v <= 1 : v === 0)));
  await assert.rejects(segmentUnet(s.image, '/nonexistent-vp-model'), (e) => isVesselprintError(e, 'FILE_NOT_FOUND'));
});

test('trainUnetOptionsOf(experiment) passes every training field of the config to trainUnet (derived from the schema, not copied by hand)', () => {
  const c = parseUnetExperiment({
    ...base,
    seed: 5,
    training: { epochs: 3, patchSize: 32, vesselFraction: 0.3, augment: false, monitor: 'dice' },
  });
  const o = trainUnetOptionsOf(c);
  const { patchSize, vesselFraction, augment, ...rest } = c.training;
  for (const [k, v] of Object.entries(rest)) assert.deepEqual((o as Record<string, unknown>)[k], v, k);
  assert.deepEqual(o.patches, { patchSize, vesselFraction, augment });
  assert.equal(o.seed, 5);
  assert.equal(o.epochs, 3);
  assert.equal(o.monitor, 'dice');
});
