import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { bceLoss, softDiceLoss, softClDiceLoss, segLoss, softSkeleton } from '../../../src/segment/unet/losses.js';
import { selectBackend } from '../../../src/backend/selectBackend.js';

const y = [1, 0, 1, 1];
const p = [0.9, 0.2, 0.6, 0.3];
const t4 = (a: number[]): tf.Tensor4D => tf.tensor4d(a, [1, 2, 2, 1]);

test('bceLoss equals the hand-computed mean of −[y log p + (1 − y) log(1 − p)]', async () => {
  await selectBackend({ backend: 'wasm' });
  const expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6) + Math.log(0.3)) / 4;
  const got = tf.tidy(() => bceLoss(t4(y), t4(p)).dataSync()[0]!);
  assert.ok(Math.abs(got - expected) < 1e-6, `${got} vs ${expected}`);
});

test('softDiceLoss equals 1 − (2Σpy + 1)/(Σp + Σy + 1), and is 0 for a perfect prediction', () => {
  const inter = 0.9 + 0.6 + 0.3;
  const expected = 1 - (2 * inter + 1) / (2.0 + 3 + 1);
  const got = tf.tidy(() => softDiceLoss(t4(y), t4(p)).dataSync()[0]!);
  assert.ok(Math.abs(got - expected) < 1e-6);
  assert.ok(Math.abs(tf.tidy(() => softDiceLoss(t4(y), t4(y)).dataSync()[0]!)) < 1e-7);
});

test('softSkeleton of a 3-px-wide bar keeps its centre line; clDice of a perfect prediction is 0', () => {
  const bar = new Float32Array(9 * 9);
  for (let r = 3; r <= 5; r++) for (let c = 1; c <= 7; c++) bar[r * 9 + c] = 1;
  const sk = tf.tidy(() => softSkeleton(tf.tensor4d(bar, [1, 9, 9, 1]), 3).dataSync());
  assert.ok(sk[4 * 9 + 4]! > 0.99, 'centre pixel on the skeleton');
  assert.ok(sk[3 * 9 + 4]! < 0.01 && sk[5 * 9 + 4]! < 0.01, 'edge pixels not on the skeleton');
  assert.ok(
    Math.abs(tf.tidy(() => softClDiceLoss(tf.tensor4d(bar, [1, 9, 9, 1]), tf.tensor4d(bar, [1, 9, 9, 1]), 3).dataSync()[0]!)) < 1e-6,
  );
});

test('segLoss is the weighted sum of its parts and leaks no tensors', () => {
  const before = tf.memory().numTensors;
  const [a, b, s] = tf.tidy(() => [
    bceLoss(t4(y), t4(p)).dataSync()[0]!,
    softDiceLoss(t4(y), t4(p)).dataSync()[0]!,
    segLoss(t4(y), t4(p), { bce: 2, dice: 0.5 }).dataSync()[0]!,
  ]);
  assert.ok(Math.abs(s! - (2 * a! + 0.5 * b!)) < 1e-6);
  assert.equal(tf.memory().numTensors, before);
});
