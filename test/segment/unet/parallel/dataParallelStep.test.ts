import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../src/backend/selectBackend.js';
import { buildUnet } from '../../../../src/segment/unet/buildUnet.js';
import { segLoss } from '../../../../src/segment/unet/losses.js';
import { dataParallelStep, type FlatBatch } from '../../../../src/segment/unet/parallel/dataParallelStep.js';
import { tfWorkerPool } from '../../../../src/segment/unet/parallel/tfWorkerPool.js';
import { createRng } from '../../../../src/core/rng.js';

const B = 4;
const P = 16;
const ARCH = { depth: 2, baseFilters: 4, batchNorm: true, seed: 7 };

function batches(n: number): FlatBatch[] {
  const rng = createRng(21);
  return Array.from({ length: n }, () => ({
    x: new Float32Array(B * P * P).map(() => rng.normal()),
    xShape: [B, P, P, 1],
    y: new Float32Array(B * P * P).map(() => (rng.uniform() < 0.2 ? 1 : 0)),
    yShape: [B, P, P, 1],
  }));
}

function maxWeightDiff(a: tf.LayersModel, b: tf.LayersModel): number {
  let d = 0;
  a.weights.forEach((w, i) => {
    const x = w.read().dataSync();
    const y = b.weights[i]!.read().dataSync();
    for (let k = 0; k < x.length; k++) d = Math.max(d, Math.abs(x[k]! - y[k]!));
  });
  return d;
}

after(async () => (await tfWorkerPool(2)).close());

test('dataParallelStep with 1 shard equals optimizer.minimize(segLoss) on the whole batch (≤ 1e-5 after 3 Adam steps)', async () => {
  await selectBackend({ backend: 'wasm' });
  const a = buildUnet(ARCH);
  const ref = buildUnet(ARCH);
  const optA = tf.train.adam(1e-2);
  const optR = tf.train.adam(1e-2);
  const counts: number[] = [];
  for (const bt of batches(3)) {
    await dataParallelStep(a, optA, bt, { workers: 1, shards: 1 }, {}, 0);
    counts.push(tf.memory().numTensors);
    tf.tidy(() => {
      optR.minimize(() =>
        segLoss(tf.tensor4d(bt.y, [B, P, P, 1]), ref.apply(tf.tensor4d(bt.x, [B, P, P, 1]), { training: true }) as tf.Tensor4D),
      );
    });
  }
  const d = maxWeightDiff(a, ref);
  assert.ok(d <= 1e-5, `max |Δweight| = ${d}`);
  const fresh = buildUnet(ARCH);
  assert.ok(maxWeightDiff(a, fresh) > 1e-3, 'the steps changed the weights');
  fresh.dispose();
  // After the first step (which creates Adam's slots), a step adds no tensors; the reference's slots arrive in between, hence the difference of counts.
  assert.equal(counts[2]! - counts[1]!, 0, `tensor count grew: ${counts.join(', ')}`);
  optA.dispose();
  optR.dispose();
  a.dispose();
  ref.dispose();
});

test('dataParallelStep: 1 worker and 2 worker threads give the same weights and batch-norm moving statistics (2 shards, 3 steps, ≤ 1e-5)', async () => {
  await selectBackend({ backend: 'wasm' });
  const one = buildUnet(ARCH);
  const two = buildUnet(ARCH);
  const o1 = tf.train.adam(1e-2);
  const o2 = tf.train.adam(1e-2);
  const losses: Array<[number, number]> = [];
  for (const [i, bt] of batches(3).entries()) {
    const l1 = await dataParallelStep(one, o1, { ...bt, x: bt.x.slice(), y: bt.y.slice() }, { workers: 1, shards: 2 }, {}, i * 2);
    const l2 = await dataParallelStep(two, o2, { ...bt, x: bt.x.slice(), y: bt.y.slice() }, { workers: 2, shards: 2 }, {}, i * 2);
    losses.push([l1, l2]);
  }
  for (const [l1, l2] of losses) assert.ok(Math.abs(l1 - l2) <= 1e-6, `losses ${l1} vs ${l2}`);
  const d = maxWeightDiff(one, two);
  assert.ok(d <= 1e-5, `max |Δweight| = ${d}`);
  const moving = one.nonTrainableWeights[0]!.read().dataSync();
  assert.ok(
    moving.some((v) => v !== 0),
    'moving means were updated',
  );
  o1.dispose();
  o2.dispose();
  one.dispose();
  two.dispose();
});

test('dataParallelStep rejects a shard count that does not divide the batch', async () => {
  const m = buildUnet(ARCH);
  const opt = tf.train.adam(1e-2);
  await assert.rejects(
    dataParallelStep(m, opt, batches(1)[0]!, { workers: 1, shards: 3 }, {}, 0),
    /shards must be a positive integer dividing the batch size 4/,
  );
  opt.dispose();
  m.dispose();
});
