import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../src/backend/selectBackend.js';
import { buildUnet } from '../../../src/segment/unet/buildUnet.js';
import { patchSource } from '../../../src/segment/unet/patches.js';
import { trainUnet, learningRateAt, DEFAULT_TRAIN_UNET } from '../../../src/segment/unet/train.js';
import { predictProbability } from '../../../src/segment/unet/infer.js';
import { saveUnetModel, loadUnetModel, saveTrainState, loadTrainState, type UnetMetadata } from '../../../src/segment/unet/checkpoint.js';
import type { PreparedImage } from '../../../src/segment/unet/prepare.js';
import { createRng } from '../../../src/core/rng.js';
import type { Mask2D } from '../../../src/core/image.js';
import { isVesselprintError } from '../../../src/core/errors.js';

/** Bright noisy background with dark straight lines (2 px wide) at random rows/columns. */
function lines(seed: number, n = 48): { image: PreparedImage; truth: Mask2D } {
  const rng = createRng(seed);
  const unit = new Float32Array(n * n);
  const truth = new Uint8Array(n * n);
  for (let k = 0; k < 3; k++) {
    const at = rng.int(2, n - 4);
    const vertical = rng.bernoulli(0.5);
    for (let i = 0; i < n; i++) for (let d = 0; d < 2; d++) truth[vertical ? i * n + at + d : (at + d) * n + i] = 1;
  }
  for (let i = 0; i < n * n; i++) unit[i] = Math.min(1, Math.max(0, (truth[i] ? 0.35 : 0.7) + rng.normal(0, 0.08)));
  const fov = { data: new Uint8Array(n * n).fill(1), width: n, height: n };
  return { image: { width: n, height: n, unit, fov, mean: 0.6, sd: 0.15 }, truth: { data: truth, width: n, height: n } };
}

test('trainUnet learns dark lines (validation AUC > 0.9) and leaks no tensors across epochs', async () => {
  await selectBackend({ backend: 'wasm' });
  const train = [1, 2, 3].map((s) => lines(s));
  const val = [lines(9)];
  const model = buildUnet({ depth: 2, baseFilters: 4, seed: 1 });
  const before = tf.memory().numTensors;
  const seen: number[] = [];
  const r = await trainUnet(
    model,
    train.map((t) => patchSource(t.image, t.truth)),
    val,
    {
      epochs: 3,
      stepsPerEpoch: 8,
      batchSize: 4,
      learningRate: 0.01,
      lrSchedule: 'constant',
      validationTileSize: 32,
      patches: { patchSize: 32 },
    },
    { onEpochEnd: () => void seen.push(tf.memory().numTensors) },
  );
  assert.ok(r.best.valAuc > 0.9, `val AUC ${r.best.valAuc}`);
  assert.equal(r.history.length, 3);
  // Each epoch keeps one copy of the best weights (released at the end): constant count per epoch.
  assert.equal(new Set(seen).size, 1, `tensor counts per epoch: ${seen.join(', ')}`);
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
});

test('saveUnetModel → loadUnetModel gives identical predictions; train state round-trips', async () => {
  await selectBackend({ backend: 'wasm' });
  const dir = mkdtempSync(join(tmpdir(), 'vp-unet-'));
  try {
    const model = buildUnet({ depth: 2, baseFilters: 4, seed: 2, dropout: 0.2 });
    const { image } = lines(5, 32);
    // eslint-disable-next-line no-restricted-syntax -- the save/load round trip reads only these fields; a partial record stands in for the metadata.
    const meta = { format: 'vesselprint-unet', formatVersion: 1, threshold: 0.4 } as unknown as UnetMetadata;
    await saveUnetModel(dir, model, meta);
    const loaded = await loadUnetModel(dir);
    const a = (await predictProbability(model, image, { tileSize: 16, overlap: 4 })).data;
    const b = (await predictProbability(loaded.model, image, { tileSize: 16, overlap: 4 })).data;
    assert.deepEqual(b, a);
    assert.equal(loaded.metadata.threshold, 0.4);
    // optimizer slots
    const opt = tf.train.adam(0.01);
    const x = tf.ones([1, 16, 16, 1]);
    opt.minimize(() => tf.mean(model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar);
    const state = { epoch: 4, bestEpoch: 3, bestScore: 0.9, epochsWithoutImprovement: 1, history: [] };
    await saveTrainState(dir, opt, state);
    const opt2 = tf.train.adam(0.01);
    assert.deepEqual(await loadTrainState(dir, opt2), state);
    const w1 = await opt.getWeights();
    const w2 = await opt2.getWeights();
    assert.equal(w2.length, w1.length);
    w1.forEach((w, i) => assert.deepEqual(w2[i]!.tensor.dataSync(), w.tensor.dataSync()));
    for (const t of [x, ...w1.map((w) => w.tensor), ...w2.map((w) => w.tensor)]) t.dispose();
    opt.dispose();
    opt2.dispose();
    model.dispose();
    loaded.model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loadUnetModel names the missing file', async () => {
  await assert.rejects(loadUnetModel('/nonexistent-vp'), (e) => isVesselprintError(e, 'FILE_NOT_FOUND') && /model\.json/.test(e.message));
  assert.equal(existsSync('/nonexistent-vp'), false);
});

test('learningRateAt: cosine goes from the initial to the minimum rate; step halves', () => {
  const o = { ...DEFAULT_TRAIN_UNET, learningRate: 1e-3, minLearningRate: 1e-5, epochs: 11, stepEvery: 5 };
  assert.equal(learningRateAt(0, { ...o, lrSchedule: 'cosine' }), 1e-3);
  assert.ok(Math.abs(learningRateAt(10, { ...o, lrSchedule: 'cosine' }) - 1e-5) < 1e-12);
  assert.ok(Math.abs(learningRateAt(5, { ...o, lrSchedule: 'cosine' }) - (1e-5 + 0.5 * (1e-3 - 1e-5))) < 1e-12);
  assert.equal(learningRateAt(7, { ...o, lrSchedule: 'step' }), 5e-4);
});

test("trainUnet after a resume without improvement ends with the best epoch's weights (resume.bestWeights) and record, not the last epoch's", async () => {
  await selectBackend({ backend: 'wasm' });
  const train = [lines(1)];
  const val = [lines(9)];
  const model = buildUnet({ depth: 2, baseFilters: 4, seed: 1 });
  const bestModel = buildUnet({ depth: 2, baseFilters: 4, seed: 7 }); // stands for the checkpoint's best/ weights
  const bestWeights = bestModel.getWeights();
  // the checkpoint's best epoch 0 had validation AUC 1, which no later epoch can exceed
  const rec0 = {
    epoch: 0,
    loss: 0.5,
    learningRate: 0.01,
    valAuc: 1,
    valDice: 0.9,
    valThreshold: 0.5,
    valDiceAtThreshold: 0.9,
    msPerStep: 1,
    seconds: 1,
  };
  const state = () => ({ epoch: 0, bestEpoch: 0, bestScore: 1, epochsWithoutImprovement: 0, history: [{ ...rec0 }] });
  const opts = {
    epochs: 2,
    stepsPerEpoch: 2,
    batchSize: 2,
    learningRate: 0.01,
    lrSchedule: 'constant' as const,
    monitor: 'auc' as const,
    validationTileSize: 32,
    patches: { patchSize: 32 },
  };
  const optimizer = tf.train.adam(0.01);
  const r = await trainUnet(
    model,
    train.map((t) => patchSource(t.image, t.truth)),
    val,
    opts,
    {},
    { state: state(), optimizer, bestWeights },
  );
  assert.equal(r.history.length, 1);
  assert.equal(r.best.epoch, 0);
  assert.equal(r.best.valAuc, 1);
  model.getWeights().forEach((w, i) => assert.deepEqual(w.dataSync(), bestWeights[i]!.dataSync(), `weight ${i}`));
  await assert.rejects(
    trainUnet(
      model,
      train.map((t) => patchSource(t.image, t.truth)),
      val,
      opts,
      {},
      { state: state(), optimizer },
    ),
    /needs resume\.bestWeights/,
  );
  optimizer.dispose();
  bestModel.dispose();
  model.dispose();
});
