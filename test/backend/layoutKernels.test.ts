/**
 * vesselprint's wasm Concat and DepthToSpace (layoutKernels.ts) are pure copies: their output must
 * equal the pure-JS cpu backend's bit for bit, on the replaced path and on the fallback path.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/backend/selectBackend.js';
import { registerWasmTrainingKernels } from '../../src/backend/wasmKernels/register.js';
import { createRng } from '../../src/core/rng.js';

const rng = createRng(11);
const data = (shape: number[]): Float32Array => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());

async function on(backend: string, f: () => tf.Tensor): Promise<{ shape: number[]; values: number[] }> {
  await tf.setBackend(backend);
  const t = tf.tidy(f);
  const out = { shape: [...t.shape], values: Array.from(await t.data()) };
  t.dispose();
  return out;
}

before(async () => {
  assert.equal((await selectBackend({ backend: 'wasm' })).active, 'wasm');
  const r = registerWasmTrainingKernels();
  assert.ok(r.replaced.includes('Concat') && r.replaced.includes('DepthToSpace'), `replaced: ${r.replaced.join(', ')}`);
});

test('concat on the last axis (U-Net skip connection, 2 and 3 inputs, float32 and int32) equals the cpu backend exactly', async () => {
  const a = data([2, 5, 7, 8]),
    b = data([2, 5, 7, 3]),
    c = data([2, 5, 7, 1]);
  for (const f of [
    () => tf.concat([tf.tensor4d(a, [2, 5, 7, 8]), tf.tensor4d(b, [2, 5, 7, 3])], 3),
    () => tf.concat([tf.tensor4d(a, [2, 5, 7, 8]), tf.tensor4d(b, [2, 5, 7, 3]), tf.tensor4d(c, [2, 5, 7, 1])], -1),
    () => tf.concat([tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), tf.tensor2d([5, 6], [2, 1], 'int32')], 1),
    () => tf.concat([tf.tensor4d(a, [2, 5, 7, 8]), tf.tensor4d(a, [2, 5, 7, 8])], 1), // other axis: stock kernel
  ]) {
    const cpu = await on('cpu', f);
    const wasm = await on('wasm', f);
    assert.deepEqual(wasm, cpu);
  }
});

test('depthToSpace (block 2 and 3, NHWC) equals the cpu backend exactly and leaks no tensor', async () => {
  for (const [shape, s] of [
    [[2, 3, 4, 8], 2],
    [[1, 2, 2, 18], 3],
    [[4, 16, 16, 32], 2],
  ] as const) {
    const x = data([...shape]);
    const f = () => tf.depthToSpace(tf.tensor4d(x, [...shape] as [number, number, number, number]), s);
    const cpu = await on('cpu', f);
    await tf.setBackend('wasm');
    const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
    const wasm = await on('wasm', f);
    assert.deepEqual([tf.memory().numTensors, tf.engine().backend.numDataIds()], before);
    assert.deepEqual(wasm, cpu);
  }
});

test('conv2dTranspose 2x2 stride 2 through the new DepthToSpace equals the cpu backend (< 1e-5 relative)', async () => {
  const x = data([2, 6, 5, 16]),
    w = data([2, 2, 8, 16]);
  const f = () => tf.conv2dTranspose(tf.tensor4d(x, [2, 6, 5, 16]), tf.tensor4d(w, [2, 2, 8, 16]), [2, 12, 10, 8], 2, 'same');
  const cpu = await on('cpu', f);
  const wasm = await on('wasm', f);
  assert.deepEqual(wasm.shape, cpu.shape);
  const scale = Math.max(...cpu.values.map(Math.abs));
  const err = Math.max(...wasm.values.map((v, i) => Math.abs(v - cpu.values[i]!)));
  assert.ok(err / scale < 1e-5, `rel. err ${err / scale}`);
});
