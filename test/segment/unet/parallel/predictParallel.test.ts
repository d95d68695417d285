import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../src/backend/selectBackend.js';
import { buildUnet } from '../../../../src/segment/unet/buildUnet.js';
import { predictProbability } from '../../../../src/segment/unet/infer.js';
import { predictProbabilityParallel } from '../../../../src/segment/unet/parallel/predictParallel.js';
import { tfWorkerPool } from '../../../../src/segment/unet/parallel/tfWorkerPool.js';
import type { PreparedImage } from '../../../../src/segment/unet/prepare.js';
import { createRng } from '../../../../src/core/rng.js';

function randomImage(w: number, h: number): PreparedImage {
  const rng = createRng(5);
  const unit = new Float32Array(w * h).map(() => rng.uniform());
  const fov = new Uint8Array(w * h).map((_, i) => (Math.floor(i / w) > 3 ? 1 : 0));
  return { width: w, height: h, unit, fov: { data: fov, width: w, height: h }, mean: 0.5, sd: 0.3 };
}

after(async () => (await tfWorkerPool(2)).close());

test('predictProbabilityParallel(model, img, { workers: 2 }) equals predictProbability (≤ 1e-5), with and without flip TTA, and leaks no tensors', async () => {
  await selectBackend({ backend: 'wasm' });
  const model = buildUnet({ depth: 2, baseFilters: 4, seed: 3 });
  const img = randomImage(70, 53);
  const before = tf.memory().numTensors;
  for (const flipTta of [false, true]) {
    const opts = { tileSize: 16, overlap: 4, batchSize: 3, flipTta };
    const one = (await predictProbability(model, img, opts)).data;
    let calls = 0;
    const two = (await predictProbabilityParallel(model, img, { ...opts, workers: 2, onProgress: () => calls++ })).data;
    assert.equal(two.length, one.length);
    let maxDiff = 0;
    for (let k = 0; k < one.length; k++) maxDiff = Math.max(maxDiff, Math.abs(one[k]! - two[k]!));
    assert.ok(maxDiff <= 1e-5, `max |Δ| = ${maxDiff}`);
    assert.ok(calls > 1, 'progress reported per batch');
    assert.ok(
      one.some((v) => v > 0.01),
      'a non-trivial map',
    );
  }
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
});
