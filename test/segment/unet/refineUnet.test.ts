import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildUnet, DEFAULT_UNET, type UnetOptions } from '../../../src/segment/unet/buildUnet.js';
import { buildUnetFrom, widenUnetWeights } from '../../../src/segment/unet/widenUnet.js';
import { foldBatchNorm } from '../../../src/segment/unet/foldBatchNorm.js';
import { loadUnetModel, saveUnetModel, type UnetMetadata } from '../../../src/segment/unet/checkpoint.js';
import { selectBackend } from '../../../src/backend/selectBackend.js';
import { createRng } from '../../../src/core/rng.js';
import { RefineLogits } from '../../../src/segment/unet/refineLogits.js';

function randomise(model: tf.LayersModel, seed: number, prefix = ''): void {
  const rng = createRng(seed);
  for (const layer of model.layers) {
    if (!layer.name.startsWith(prefix)) continue;
    const ws = layer.getWeights();
    if (ws.length === 0) continue;
    if (layer.getClassName() === 'BatchNormalization') {
      const c = ws[0]!.shape[0]!;
      const r = (lo: number, hi: number): tf.Tensor => tf.tensor1d(Array.from({ length: c }, () => rng.range(lo, hi)));
      layer.setWeights([r(0.5, 1.5), r(-0.3, 0.3), r(-0.5, 0.5), r(0.3, 2)]);
    } else
      layer.setWeights(
        ws.map((w) =>
          tf.tensor(
            Array.from({ length: w.size }, () => 0.3 * rng.normal()),
            w.shape,
          ),
        ),
      );
  }
}

function predict(m: tf.LayersModel, x: tf.Tensor4D): Float32Array {
  return tf.tidy(() => (m.predict(x) as tf.Tensor).dataSync() as Float32Array);
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

function input(c: number, seed: number): tf.Tensor4D {
  const rng = createRng(seed);
  return tf.tensor4d(
    Array.from({ length: 2 * 16 * 12 * c }, () => rng.normal()),
    [2, 16, 12, c],
  );
}

test('RefineLogits: a zero correction gives back p (softmax and sigmoid); a correction moves the logits by exactly z', async () => {
  await selectBackend({ backend: 'wasm' });
  const layer = new RefineLogits();
  const p = tf.tensor4d([0.2, 0.3, 0.5, 0.7, 0.1, 0.2], [1, 1, 2, 3]);
  const same = tf.tidy(() => (layer.apply([p, tf.zerosLike(p)]) as tf.Tensor).dataSync());
  assert.ok(maxDiff(same as Float32Array, p.dataSync() as Float32Array) < 1e-6);
  // z = log 2 on class 0: odds of class 0 against the others double
  const z = tf.tensor4d([Math.log(2), 0, 0, Math.log(2), 0, 0], [1, 1, 2, 3]);
  const q = tf.tidy(() => (layer.apply([p, z]) as tf.Tensor).dataSync());
  assert.ok(Math.abs(q[0]! / q[1]! - (2 * 0.2) / 0.3) < 1e-5);
  assert.ok(Math.abs(q[3]! / q[5]! - (2 * 0.7) / 0.2) < 1e-5);
  const p1 = tf.tensor4d([0.25, 0.9], [1, 1, 2, 1]);
  const r = tf.tidy(() => (layer.apply([p1, tf.fill([1, 1, 2, 1], Math.log(3))]) as tf.Tensor).dataSync());
  // odds 1/3 → 1, 9 → 27
  assert.ok(Math.abs(r[0]! - 0.5) < 1e-5 && Math.abs(r[1]! - 27 / 28) < 1e-5);
  tf.dispose([p, z, p1]);
});

for (const arch of [
  { depth: 2, baseFilters: 3, inputChannels: 3, outputChannels: 3 },
  { depth: 2, baseFilters: 2, inputChannels: 1, outputChannels: 1, residual: true, upsampling: 'nearest' },
] as UnetOptions[]) {
  test(`refined U-Net ${JSON.stringify(arch)}: built from a plain model it predicts what that model predicts; folded, saved and loaded it predicts the same; widened 2x it is the same function`, async () => {
    await selectBackend({ backend: 'wasm' });
    const dir = mkdtempSync(join(tmpdir(), 'vp-refine-'));
    try {
      const plainArch = { ...DEFAULT_UNET, ...arch, seed: 3 } as Required<UnetOptions>;
      const plain = buildUnet(plainArch);
      randomise(plain, 5);
      const meta = (a: Required<UnetOptions>): UnetMetadata =>
        ({ format: 'vesselprint-unet', formatVersion: 1, architecture: a }) as UnetMetadata;
      await saveUnetModel(join(dir, 'plain'), plain, meta(plainArch));
      const x = input(arch.inputChannels!, 6);
      const p0 = predict(plain, x);

      const refArch = { ...plainArch, refine: true };
      const cascade = await buildUnetFrom(refArch, join(dir, 'plain'), 1);
      assert.ok(cascade.countParams() > 1.9 * plain.countParams());
      assert.ok(cascade.layers.some((l) => l.name === 'r_head') && cascade.layers.some((l) => l.name === 'refine'));
      // noise 0.01 is added to widened copies only; same width: no copies, so the same function
      assert.ok(maxDiff(predict(cascade, x), p0) < 1e-5, 'cascade at start = the plain model');

      // a second stage that has learned something changes the output
      randomise(cascade, 9, 'r_');
      const pc = predict(cascade, x);
      assert.ok(maxDiff(pc, p0) > 1e-3);

      const folded = foldBatchNorm(cascade, refArch);
      assert.ok(maxDiff(predict(folded, x), pc) < 1e-4, 'folded cascade');
      await saveUnetModel(join(dir, 'cascade'), cascade, meta(refArch));
      const loaded = await loadUnetModel(join(dir, 'cascade'));
      assert.ok(maxDiff(predict(loaded.model, x), pc) < 1e-6, 'saved and loaded');

      const wide = buildUnet({ ...refArch, baseFilters: refArch.baseFilters * 2, seed: 8 });
      widenUnetWeights(cascade, wide, { noise: 0 });
      const dw = maxDiff(predict(wide, x), pc);
      assert.ok(dw < 1e-4, `widened cascade: max diff ${dw}`);
      tf.dispose([x]);
      [plain, cascade, folded, loaded.model, wide].forEach((m) => m.dispose());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
