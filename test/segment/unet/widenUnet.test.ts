import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildUnet, type UnetOptions } from '../../../src/segment/unet/buildUnet.js';
import { widenUnetWeights } from '../../../src/segment/unet/widenUnet.js';
import { selectBackend } from '../../../src/backend/selectBackend.js';
import { createRng } from '../../../src/core/rng.js';

/** Random batch-norm statistics, so that the copied moving means/variances matter. */
function randomiseBatchNorm(model: tf.LayersModel, seed: number): void {
  const rng = createRng(seed);
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    const c = layer.getWeights()[0]!.shape[0]!;
    const r = (lo: number, hi: number): tf.Tensor => tf.tensor1d(Array.from({ length: c }, () => rng.range(lo, hi)));
    layer.setWeights([r(0.5, 1.5), r(-0.3, 0.3), r(-0.5, 0.5), r(0.3, 2)]);
  }
}

function maxDiff(a: tf.LayersModel, b: tf.LayersModel, x: tf.Tensor4D): number {
  const pa = tf.tidy(() => (a.predict(x) as tf.Tensor).dataSync());
  const pb = tf.tidy(() => (b.predict(x) as tf.Tensor).dataSync());
  let d = 0;
  for (let i = 0; i < pa.length; i++) d = Math.max(d, Math.abs(pa[i]! - pb[i]!));
  return d;
}

for (const arch of [
  { depth: 2, baseFilters: 3, inputChannels: 3, outputChannels: 3 },
  { depth: 2, baseFilters: 2, inputChannels: 1, outputChannels: 1, residual: true, upsampling: 'nearest' },
] as UnetOptions[]) {
  test(`widenUnetWeights(${JSON.stringify(arch)}) → 2x / 3x the filters predicts what the source predicts (noise 0: 1e-5); with noise, close but not equal`, async () => {
    await selectBackend({ backend: 'wasm' });
    const src = buildUnet({ ...arch, seed: 4 });
    randomiseBatchNorm(src, 5);
    const rng = createRng(6);
    const c = arch.inputChannels!;
    const x = tf.tensor4d(
      Array.from({ length: 2 * 16 * 12 * c }, () => rng.normal()),
      [2, 16, 12, c],
    );
    for (const k of [2, 3]) {
      const wide = buildUnet({ ...arch, baseFilters: arch.baseFilters! * k, seed: 7 });
      assert.equal(wide.countParams() > 2 * src.countParams(), true);
      // before: a different function
      assert.ok(maxDiff(src, wide, x) > 1e-3);
      widenUnetWeights(src, wide, { noise: 0 });
      const d = maxDiff(src, wide, x);
      assert.ok(d < 1e-5, `x${k}: max diff ${d}`);
      widenUnetWeights(src, wide, { noise: 0.01, seed: 1 });
      const dn = maxDiff(src, wide, x);
      assert.ok(dn > 1e-7 && dn < 0.05, `x${k} with noise: max diff ${dn}`);
      wide.dispose();
    }
    x.dispose();
    src.dispose();
  });
}

test('widenUnetWeights refuses a filter count that is not a multiple, another depth, or other input channels', async () => {
  await selectBackend({ backend: 'wasm' });
  const src = buildUnet({ depth: 2, baseFilters: 4 });
  const odd = buildUnet({ depth: 2, baseFilters: 6 });
  assert.throws(() => widenUnetWeights(src, odd), /enc0_conv1 has 6 filters, not a multiple of the source's 4/);
  const deeper = buildUnet({ depth: 3, baseFilters: 8 });
  assert.throws(() => widenUnetWeights(src, deeper), /the source has \d+ layers, the target \d+/);
  const rgb = buildUnet({ depth: 2, baseFilters: 8, inputChannels: 3 });
  assert.throws(() => widenUnetWeights(src, rgb), /the input channels differ/);
  for (const m of [src, odd, deeper, rgb]) m.dispose();
});
