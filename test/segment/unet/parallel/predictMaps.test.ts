import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../src/backend/selectBackend.js';
import { buildUnet } from '../../../../src/segment/unet/buildUnet.js';
import { predictMaps, predictProbability } from '../../../../src/segment/unet/infer.js';
import { predictMapsParallel } from '../../../../src/segment/unet/parallel/predictParallel.js';
import { tfWorkerPool } from '../../../../src/segment/unet/parallel/tfWorkerPool.js';
import { trainArteryVein } from '../../../../src/segment/unet/trainArteryVein.js';
import type { PreparedImage } from '../../../../src/segment/unet/prepare.js';
import { createRng } from '../../../../src/core/rng.js';
import { isVesselprintError } from '../../../../src/core/errors.js';
import { labelPatchSource, type LabelPatchSource } from '../../../../src/segment/unet/avPatches.js';
import { AV_LABEL, type LabelMap } from '../../../../src/segment/unet/avLabels.js';

function randomImage(w: number, h: number, seed: number): PreparedImage {
  const rng = createRng(seed);
  const unit = new Float32Array(w * h).map(() => rng.uniform());
  const fov = new Uint8Array(w * h).map((_, i) => (i % w > 2 ? 1 : 0));
  return { width: w, height: h, unit, fov: { data: fov, width: w, height: h }, mean: 0.5, sd: 0.3 };
}

/** A pixel-wise 2-input, 3-output "network": softmax(W·x + b) per pixel (one 1x1 convolution). */
const W = [
  [1.5, -0.5, 0.2],
  [-1, 2, 0.7],
]; // W[c_in][k]
const B = [0.1, -0.3, 0.4];
function pixelSoftmaxModel(): tf.LayersModel {
  const input = tf.input({ shape: [null, null, 2] });
  const conv = tf.layers.conv2d({
    filters: 3,
    kernelSize: 1,
    activation: 'softmax',
    weights: [tf.tensor4d(W.flat(), [1, 1, 2, 3]), tf.tensor1d(B)],
  });
  return tf.model({ inputs: input, outputs: conv.apply(input) as tf.SymbolicTensor });
}

after(async () => (await tfWorkerPool(2)).close());

test('predictMaps(model, [c0, c1]) of a pixel-wise 2-in/3-out softmax model equals the softmax computed by hand at every pixel (overlapping tiles, flip TTA); 0 outside the FOV', async () => {
  await selectBackend({ backend: 'wasm' });
  const model = pixelSoftmaxModel();
  const chans = [randomImage(45, 38, 1), randomImage(45, 38, 2)];
  const before = tf.memory().numTensors;
  for (const flipTta of [false, true]) {
    const maps = await predictMaps(model, chans, { tileSize: 16, overlap: 6, batchSize: 3, flipTta });
    assert.equal(maps.length, 3);
    for (let px = 0; px < 45 * 38; px++) {
      const inside = chans[0]!.fov.data[px] !== 0;
      const x = chans.map((c) => (inside ? (c.unit[px]! - 0.5) / 0.3 : 0));
      const z = [0, 1, 2].map((k) => B[k]! + x[0]! * W[0]![k]! + x[1]! * W[1]![k]!);
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e[0]! + e[1]! + e[2]!;
      for (let k = 0; k < 3; k++) {
        const want = inside ? e[k]! / s : 0;
        assert.ok(Math.abs(maps[k]![px]! - want) < 1e-5, `pixel ${px} class ${k}: ${maps[k]![px]} vs ${want}`);
      }
    }
  }
  assert.equal(tf.memory().numTensors, before);
  await assert.rejects(predictProbability(model, chans[0]!), (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /one-output/.test(e.message));
  model.dispose();
});

for (const refine of [false, true])
  test(`predictMapsParallel(model, channels, { workers: 2 }) of a 2-in/3-out U-Net${refine ? ' cascade (refine)' : ''} equals predictMaps (≤ 1e-5)`, async () => {
    await selectBackend({ backend: 'wasm' });
    const model = buildUnet({ depth: 2, baseFilters: 4, inputChannels: 2, outputChannels: 3, seed: 4, refine });
    if (refine) {
      // the second stage's head starts at zero: give it weights, so that the workers must run both stages
      const head = model.getLayer('r_head');
      const rng = createRng(5);
      head.setWeights(
        head.getWeights().map((w) =>
          tf.tensor(
            Array.from({ length: w.size }, () => rng.normal()),
            w.shape,
          ),
        ),
      );
    }
    const chans = [randomImage(60, 41, 3), randomImage(60, 41, 4)];
    const opts = { tileSize: 16, overlap: 4, batchSize: 2 };
    const one = await predictMaps(model, chans, opts);
    const two = await predictMapsParallel(model, chans, { ...opts, workers: 2 });
    assert.equal(two.length, 3);
    let maxDiff = 0;
    for (let k = 0; k < 3; k++)
      for (let px = 0; px < one[k]!.length; px++) maxDiff = Math.max(maxDiff, Math.abs(one[k]![px]! - two[k]![px]!));
    assert.ok(maxDiff <= 1e-5, `max |Δ| = ${maxDiff}`);
    model.dispose();
  });

/** A 32x32 image whose labels hold an artery row, a vein column and an unknown (crossing) pixel. */
function labelledSource(seed: number): {
  source: LabelPatchSource;
  val: { channels: PreparedImage[]; labels: LabelMap; fov: PreparedImage['fov'] };
} {
  const img = randomImage(32, 32, seed);
  const data = new Uint8Array(32 * 32);
  for (let c = 3; c < 32; c++) data[10 * 32 + c] = AV_LABEL.artery;
  for (let r = 0; r < 32; r++) data[r * 32 + 20] = AV_LABEL.vein;
  data[10 * 32 + 20] = AV_LABEL.unknown;
  const labels: LabelMap = { data, width: 32, height: 32 };
  return {
    source: labelPatchSource([img, randomImage(32, 32, seed + 7)], labels),
    val: { channels: [img, randomImage(32, 32, seed + 7)], labels, fov: img.fov },
  };
}

test('trainArteryVein data-parallel: 1 shard equals the one-thread step, and 1 and 2 worker threads (2 shards) give the same losses and weights (≤ 1e-5)', async () => {
  await selectBackend({ backend: 'wasm' });
  const data = [labelledSource(5), labelledSource(9)];
  const run = async (par: { workers?: number; shards?: number }): Promise<{ losses: number[]; weights: Float32Array[] }> => {
    const model = buildUnet({ depth: 2, baseFilters: 4, inputChannels: 2, outputChannels: 3, seed: 1 });
    const r = await trainArteryVein(
      model,
      data.map((d) => d.source),
      [data[0]!.val],
      {
        ...par,
        epochs: 1,
        stepsPerEpoch: 3,
        batchSize: 4,
        learningRate: 0.01,
        classWeights: [0.2, 1, 1],
        patches: { patchSize: 16, vesselFraction: 0.5, augment: false },
        validationTileSize: 32,
      },
    );
    const weights = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
    model.dispose();
    return { losses: r.history.map((h) => h.loss), weights };
  };
  const maxDiff = (a: Float32Array[], b: Float32Array[]): number =>
    Math.max(...a.map((w, i) => Math.max(...w.map((v, k) => Math.abs(v - b[i]![k]!)))));
  const plain = await run({});
  const oneShard = await run({ shards: 1, workers: 1 });
  assert.ok(Math.abs(plain.losses[0]! - oneShard.losses[0]!) <= 1e-5, `loss ${plain.losses[0]} vs ${oneShard.losses[0]}`);
  assert.ok(
    maxDiff(plain.weights, oneShard.weights) <= 1e-5,
    `1 shard vs one thread: max |Δw| = ${maxDiff(plain.weights, oneShard.weights)}`,
  );
  const w1 = await run({ shards: 2, workers: 1 });
  const w2 = await run({ shards: 2, workers: 2 });
  assert.ok(Math.abs(w1.losses[0]! - w2.losses[0]!) <= 1e-5);
  assert.ok(maxDiff(w1.weights, w2.weights) <= 1e-5, `1 vs 2 workers: max |Δw| = ${maxDiff(w1.weights, w2.weights)}`);
  assert.ok(maxDiff(plain.weights, w1.weights) > 1e-7, '2 shards (ghost batch norm) differ from 1: the test would see a lost shard');
});
