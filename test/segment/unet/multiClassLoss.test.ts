import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  partialCrossEntropy,
  foregroundDiceLoss,
  multiClassLoss,
  medianFrequencyWeights,
} from '../../../src/segment/unet/multiClassLoss.js';
import { selectBackend } from '../../../src/backend/selectBackend.js';

// Four pixels, 3 classes (background, artery, vein), softmax-like probabilities.
const p = [0.7, 0.2, 0.1, 0.1, 0.6, 0.3, 0.2, 0.3, 0.5, 0.5, 0.25, 0.25];
// pixel 0: background; 1: artery; 2: unknown vessel {artery, vein}; 3: ignored (no class allowed)
const m = [1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0];
const t = (a: number[], c: number): tf.Tensor4D => tf.tensor4d(a, [1, 2, 2, c]);

test('partialCrossEntropy equals the hand-computed weighted −log Σ allowed p, ignoring weight-0 pixels', async () => {
  await selectBackend({ backend: 'wasm' });
  const w = [0.1, 1, 1, 0];
  const expected = -(0.1 * Math.log(0.7) + 1 * Math.log(0.6) + 1 * Math.log(0.3 + 0.5)) / (0.1 + 1 + 1);
  const got = tf.tidy(() => partialCrossEntropy(t(m, 3), t(p, 3), t(w, 1)).dataSync()[0]!);
  assert.ok(Math.abs(got - expected) < 1e-6, `${got} vs ${expected}`);
  // The ignored pixel's probabilities do not matter.
  const p2 = [...p.slice(0, 9), 0.98, 0.01, 0.01];
  const got2 = tf.tidy(() => partialCrossEntropy(t(m, 3), t(p2, 3), t(w, 1)).dataSync()[0]!);
  assert.ok(Math.abs(got2 - expected) < 1e-6);
});

test('partialCrossEntropy with one-hot labels and unit weights is the plain softmax cross-entropy', () => {
  const oneHot = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0];
  const expected = -(Math.log(0.7) + Math.log(0.6) + Math.log(0.5) + Math.log(0.25)) / 4;
  const got = tf.tidy(() => partialCrossEntropy(t(oneHot, 3), t(p, 3), tf.ones([1, 2, 2, 1]) as tf.Tensor4D).dataSync()[0]!);
  assert.ok(Math.abs(got - expected) < 1e-6, `${got} vs ${expected}`);
});

test('foregroundDiceLoss is soft Dice of 1 − p_background against the vessel pixels, over weighted pixels only', () => {
  const w = [0.1, 1, 1, 0];
  // foreground prob: 0.3, 0.9, 0.8 (pixel 3 ignored); truth 0, 1, 1
  const inter = 0.9 + 0.8;
  const expected = 1 - (2 * inter + 1) / (0.3 + 0.9 + 0.8 + 2 + 1);
  const got = tf.tidy(() => foregroundDiceLoss(t(m, 3), t(p, 3), t(w, 1)).dataSync()[0]!);
  assert.ok(Math.abs(got - expected) < 1e-6, `${got} vs ${expected}`);
  const total = tf.tidy(() => multiClassLoss(t(m, 3), t(p, 3), t(w, 1), { ce: 0, dice: 2 }).dataSync()[0]!);
  assert.ok(Math.abs(total - 2 * expected) < 1e-6);
});

test('medianFrequencyWeights: w_c = median(f)/f_c; an empty class is an error', () => {
  const w = medianFrequencyWeights([900, 50, 25]);
  // f = 0.923, 0.0513, 0.0256; median 0.0513
  assert.ok(Math.abs(w[0]! - 50 / 900) < 1e-12 && Math.abs(w[1]! - 1) < 1e-12 && Math.abs(w[2]! - 2) < 1e-12, String(w));
  assert.throws(() => medianFrequencyWeights([10, 0, 3]), /every class needs/);
});
