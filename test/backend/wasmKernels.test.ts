/**
 * Every kernel vesselprint adds to or replaces in the wasm backend is checked against the pure-JS
 * cpu backend's own kernels/gradients on random inputs: max |wasm − cpu| / max |cpu| < 1e-4.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/backend/selectBackend.js';
import { createRng } from '../../src/core/rng.js';

const rng = createRng(7);
function randn(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal();
  return a;
}
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i]! - b[i]!));
    n = Math.max(n, Math.abs(b[i]!));
  }
  return m / n;
}
type Fn = (...t: tf.Tensor[]) => tf.Tensor;
/** Gradients of sum(f(inputs) · r) w.r.t. every input, on one backend, as plain arrays. */
async function grads(backend: string, f: Fn, shapes: number[][], data: Float32Array[], r: Float32Array): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const xs = shapes.map((s, i) => tf.tensor(data[i]!, s));
    const g = tf.grads((...t: tf.Tensor[]) => tf.sum(tf.mul(f(...t), tf.tensor(r, f(...xs).shape))));
    return g(xs).map((t) => t.dataSync() as Float32Array);
  });
}
async function forward(backend: string, f: Fn, shapes: number[][], data: Float32Array[]): Promise<Float32Array> {
  await tf.setBackend(backend);
  return tf.tidy(() => f(...shapes.map((s, i) => tf.tensor(data[i]!, s))).dataSync() as Float32Array);
}
async function compare(label: string, f: Fn, shapes: number[][]): Promise<void> {
  const data = shapes.map((s) => randn(s.reduce((a, b) => a * b, 1)));
  const yw = await forward('wasm', f, shapes, data);
  const yc = await forward('cpu', f, shapes, data);
  assert.ok(relErr(yw, yc) < 1e-4, `${label}: forward rel. err ${relErr(yw, yc)}`);
  const r = randn(yc.length);
  const gw = await grads('wasm', f, shapes, data, r);
  const gc = await grads('cpu', f, shapes, data, r);
  gc.forEach((g, i) => {
    const e = relErr(gw[i]!, g);
    assert.ok(e < 1e-4, `${label}: gradient of input ${i} rel. err ${e}`);
  });
}

before(async () => {
  const r = await selectBackend({ backend: 'wasm' });
  assert.equal(r.active, 'wasm');
});

test('wasm registry now has Conv2DBackpropFilter (stock tfjs-backend-wasm 4.22 lacks it)', () => {
  assert.ok(tf.getKernel('Conv2DBackpropFilter', 'wasm') !== undefined);
});

const convCases: Array<[string, number[], number[], number, 'same' | 'valid']> = [
  ['3x3 same stride 1', [2, 9, 7, 3], [3, 3, 3, 4], 1, 'same'],
  ['3x3 same stride 2 (odd size)', [2, 9, 8, 3], [3, 3, 3, 5], 2, 'same'],
  ['3x2 valid stride 2', [3, 9, 8, 2], [3, 2, 2, 4], 2, 'valid'],
  ['5x5 valid stride 3 (unused border rows)', [1, 11, 10, 2], [5, 5, 2, 3], 3, 'valid'],
  ['1x1 stride 1', [4, 6, 6, 5], [1, 1, 5, 2], 1, 'same'],
  ['U-Net size: 3x3 same, 8x32x32x16 → 16', [8, 32, 32, 16], [3, 3, 16, 16], 1, 'same'],
];
for (const [label, xs, ws, s, pad] of convCases) {
  test(`conv2d ${label}: wasm input and filter gradients equal cpu's (rel. err < 1e-4)`, async () => {
    await compare(label, (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, s, pad), [xs, ws]);
  });
}

test('conv2dTranspose 2x2 stride 2 (U-Net up-sampling): forward and gradients equal cpu', async () => {
  await compare('conv2dTranspose', (x, w) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [2, 6, 10, 3], 2, 'same'), [
    [2, 3, 5, 4],
    [2, 2, 3, 4],
  ]);
});

test('conv2dTranspose 3x3 stride 2 (falls back to the stock kernel): forward and gradients equal cpu', async () => {
  await compare('conv2dTranspose 3x3', (x, w) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [1, 8, 8, 2], 2, 'same'), [
    [1, 4, 4, 3],
    [3, 3, 2, 3],
  ]);
});

test('batchNorm with batch moments (training mode): gradients of x, gamma, beta equal cpu', async () => {
  await compare(
    'batchNorm',
    (x, g, b) => {
      const m = tf.moments(x, [0, 1, 2]);
      return tf.batchNorm(x, m.mean, m.variance, b, g, 1e-3);
    },
    [[4, 5, 6, 3], [3], [3]],
  );
});

test('the kernels leak neither tensors nor backend buffers', async () => {
  await tf.setBackend('wasm');
  const backend = tf.engine().backend;
  const tensors0 = tf.memory().numTensors;
  const x = tf.tensor(randn(2 * 8 * 8 * 3), [2, 8, 8, 3]) as tf.Tensor4D;
  const w = tf.tensor(randn(3 * 3 * 3 * 4), [3, 3, 3, 4]) as tf.Tensor4D;
  const u = tf.tensor(randn(2 * 4 * 4 * 4), [2, 4, 4, 4]) as tf.Tensor4D;
  const k = tf.tensor(randn(2 * 2 * 3 * 4), [2, 2, 3, 4]) as tf.Tensor4D;
  const buffers0 = backend.numDataIds();
  for (let i = 0; i < 5; i++) {
    tf.tidy(() => {
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, [2, 1], 'same').sum())([x, w]);
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [2, 8, 8, 3], 2, 'same').sum())([
        u,
        k,
      ]);
    });
  }
  assert.equal(backend.numDataIds(), buffers0);
  for (const t of [x, w, u, k]) t.dispose();
  assert.equal(tf.memory().numTensors, tensors0);
});
