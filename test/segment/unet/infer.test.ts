import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { predictProbability, tileOrigins, thresholdProbability } from '../../../src/segment/unet/infer.js';
import type { PreparedImage } from '../../../src/segment/unet/prepare.js';
import { selectBackend } from '../../../src/backend/selectBackend.js';
import { createRng } from '../../../src/core/rng.js';

/** A pixel-wise "network": p = sigmoid(2·x + 0.5) (one 1x1 convolution). */
function pixelModel(): tf.LayersModel {
  const input = tf.input({ shape: [null, null, 1] });
  const conv = tf.layers.conv2d({
    filters: 1,
    kernelSize: 1,
    activation: 'sigmoid',
    weights: [tf.tensor4d([2], [1, 1, 1, 1]), tf.tensor1d([0.5])],
  });
  return tf.model({ inputs: input, outputs: conv.apply(input) as tf.SymbolicTensor });
}

function randomImage(w: number, h: number): PreparedImage {
  const rng = createRng(11);
  const unit = new Float32Array(w * h).map(() => rng.uniform());
  const fov = new Uint8Array(w * h).map((_, i) => (i % w > 2 ? 1 : 0));
  return { width: w, height: h, unit, fov: { data: fov, width: w, height: h }, mean: 0.5, sd: 0.3 };
}

test('tileOrigins covers [0, n) with the last tile flush to the edge', () => {
  assert.deepEqual(tileOrigins(100, 32, 8), [0, 24, 48, 68]);
  assert.deepEqual(tileOrigins(20, 32, 8), [0]);
  assert.deepEqual(tileOrigins(32, 32, 8), [0]);
});

test('predictProbability: blending over overlapping tiles reproduces a pixel-wise model exactly (with and without flip TTA)', async () => {
  await selectBackend({ backend: 'wasm' });
  const model = pixelModel();
  const img = randomImage(75, 53);
  const before = tf.memory().numTensors;
  for (const flipTta of [false, true]) {
    const p = await predictProbability(model, img, { tileSize: 32, overlap: 12, batchSize: 3, flipTta });
    for (let k = 0; k < 75 * 53; k++) {
      const x = img.fov.data[k] ? (img.unit[k]! - 0.5) / 0.3 : 0;
      const expected = img.fov.data[k] ? 1 / (1 + Math.exp(-(2 * x + 0.5))) : 0;
      assert.ok(Math.abs(p.data[k]! - expected) < 1e-5, `pixel ${k}: ${p.data[k]} vs ${expected}`);
    }
  }
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
});

test('predictProbability of an image smaller than one tile pads and crops back', async () => {
  await selectBackend({ backend: 'wasm' });
  const model = pixelModel();
  const img = randomImage(10, 7);
  const p = await predictProbability(model, img, { tileSize: 16, overlap: 4 });
  assert.equal(p.data.length, 70);
  const x = (img.unit[5]! - 0.5) / 0.3;
  assert.ok(Math.abs(p.data[5]! - 1 / (1 + Math.exp(-(2 * x + 0.5)))) < 1e-5);
  model.dispose();
});

test('thresholdProbability keeps pixels ≥ threshold inside the FOV', () => {
  const m = thresholdProbability({ data: new Float32Array([0.2, 0.5, 0.9, 0.7]), width: 2, height: 2, channels: 1 }, 0.5, {
    data: new Uint8Array([1, 1, 1, 0]),
    width: 2,
    height: 2,
  });
  assert.deepEqual([...m.data], [0, 1, 1, 0]);
});
