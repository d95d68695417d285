import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildUnet } from '../../../src/segment/unet/buildUnet.js';
import { selectBackend } from '../../../src/backend/selectBackend.js';
import { isVesselprintError } from '../../../src/core/errors.js';

/** Parameter count of the plain U-Net, counted by hand from its definition. */
function expectedParams(depth: number, f: number, bn: boolean, cin = 1): number {
  const conv = (i: number, o: number, k: number, bias: boolean): number => i * o * k * k + (bias ? o : 0);
  const bnp = (c: number): number => (bn ? 4 * c : 0); // gamma, beta, moving mean, moving variance
  const block = (i: number, o: number): number => conv(i, o, 3, !bn) + bnp(o) + conv(o, o, 3, !bn) + bnp(o);
  let n = 0;
  let c = cin;
  for (let l = 0; l < depth; l++) {
    n += block(c, f * 2 ** l);
    c = f * 2 ** l;
  }
  n += block(c, f * 2 ** depth);
  c = f * 2 ** depth;
  for (let l = depth - 1; l >= 0; l--) {
    const o = f * 2 ** l;
    n += conv(c, o, 2, true); // 2x2 transposed conv
    n += block(2 * o, o);
    c = o;
  }
  return n + conv(c, 1, 1, true);
}

test('buildUnet({depth: 3, baseFilters: 16}) has the hand-counted number of parameters', async () => {
  await selectBackend({ backend: 'wasm' });
  const m = buildUnet({ depth: 3, baseFilters: 16 });
  assert.equal(m.countParams(), expectedParams(3, 16, true));
  const m2 = buildUnet({ depth: 2, baseFilters: 4, batchNorm: false });
  assert.equal(m2.countParams(), expectedParams(2, 4, false));
  m.dispose();
  m2.dispose();
});

test('buildUnet output has the input size and values in (0, 1), for any multiple of 2^depth', async () => {
  await selectBackend({ backend: 'wasm' });
  const m = buildUnet({ depth: 2, baseFilters: 4, residual: true, dropout: 0.3, upsampling: 'nearest' });
  const before = tf.memory().numTensors;
  for (const [h, w] of [
    [16, 16],
    [24, 40],
  ] as const) {
    const out = tf.tidy(() => m.predict(tf.ones([2, h, w, 1])) as tf.Tensor);
    assert.deepEqual(out.shape, [2, h, w, 1]);
    const d = out.dataSync();
    assert.ok(d.every((v) => v > 0 && v < 1));
    out.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
  m.dispose();
});

test('buildUnet is deterministic for a seed and differs across seeds', async () => {
  await selectBackend({ backend: 'wasm' });
  const w = (seed: number): Float32Array => {
    const m = buildUnet({ depth: 1, baseFilters: 2, seed });
    const d = m.getWeights()[0]!.dataSync() as Float32Array;
    m.dispose();
    return d;
  };
  assert.deepEqual(w(5), w(5));
  assert.notDeepEqual(w(5), w(6));
});

test('buildUnet rejects bad options with BAD_ARGUMENT naming the field', () => {
  assert.throws(
    () => buildUnet({ depth: 0 }),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT') && e.field === 'depth',
  );
  assert.throws(
    () => buildUnet({ dropout: 1 }),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT') && e.field === 'dropout',
  );
});
