import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildUnet, type UnetOptions } from '../../../src/segment/unet/buildUnet.js';
import { foldBatchNorm } from '../../../src/segment/unet/foldBatchNorm.js';
import { selectBackend } from '../../../src/backend/selectBackend.js';
import { createRng } from '../../../src/core/rng.js';

for (const arch of [
  { depth: 2, baseFilters: 4 },
  { depth: 2, baseFilters: 3, residual: true, upsampling: 'nearest' },
] as UnetOptions[]) {
  test(`foldBatchNorm(${JSON.stringify(arch)}) predicts what the batch-norm model predicts (1e-5), with fewer layers`, async () => {
    await selectBackend({ backend: 'wasm' });
    const model = buildUnet({ ...arch, seed: 8 });
    const rng = createRng(9);
    for (const layer of model.layers) {
      if (!layer.name.endsWith('_bn')) continue;
      const c = layer.getWeights()[0]!.shape[0]!;
      const r = (lo: number, hi: number): tf.Tensor => tf.tensor1d(Array.from({ length: c }, () => rng.range(lo, hi)));
      layer.setWeights([r(0.5, 1.5), r(-0.3, 0.3), r(-0.5, 0.5), r(0.3, 2)]);
    }
    const folded = foldBatchNorm(model, arch);
    assert.ok(folded.layers.length < model.layers.length);
    const x = tf.tensor4d(
      Array.from({ length: 2 * 16 * 8 }, () => rng.normal()),
      [2, 16, 8, 1],
    );
    const a = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync());
    const b = tf.tidy(() => (folded.predict(x) as tf.Tensor).dataSync());
    let d = 0;
    for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
    assert.ok(d < 1e-5, `max diff ${d}`);
    x.dispose();
    model.dispose();
    folded.dispose();
  });
}
