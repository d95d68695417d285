import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../src/core/rng.js';
import { gradCam, gradientTimesInput, integratedGradients, rankCorrelation } from '../../src/explain/cnn/attribution.js';
import { forwardWithProbe, inputTensor, targetScalar } from '../../src/explain/cnn/forward.js';
import { buildUnet } from '../../src/segment/unet/buildUnet.js';
import type { ModelInput } from '../../src/explain/cnn/types.js';

await tf.setBackend('cpu');

function conv1x1(name: string, inCh: number, weights: number[], activation: 'linear' | 'sigmoid' = 'linear'): tf.layers.Layer {
  return tf.layers.conv2d({
    name,
    filters: weights.length / inCh,
    kernelSize: 1,
    useBias: false,
    activation,
    weights: [tf.tensor4d(weights, [1, 1, inCh, weights.length / inCh])],
  });
}

function image(h: number, w: number, c: number, seed: number): ModelInput {
  const rng = createRng(seed);
  return { data: Float32Array.from({ length: h * w * c }, () => rng.normal()), width: w, height: h, channels: c };
}

function setRandomWeights(model: tf.LayersModel, seed: number): void {
  const rng = createRng(seed);
  model.setWeights(
    model.getWeights().map((w) =>
      tf.tensor(
        Float32Array.from({ length: w.size }, () => rng.normal(0, 0.5)),
        w.shape,
      ),
    ),
  );
}

test('gradientTimesInput() and integratedGradients() of a linear 1×1 conv equal w·x inside the ROI and 0 outside', async () => {
  const m = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [8, 8, 2] }), conv1x1('out', 2, [0.5, -2])] });
  const x = image(8, 8, 2, 1);
  const roi = { data: Uint8Array.from({ length: 64 }, (_, i) => (i % 8 < 3 ? 1 : 0)), width: 8, height: 8 };
  const before = tf.memory().numTensors;
  const gi = await gradientTimesInput(m, x, { roi }),
    ig = await integratedGradients(m, x, { roi, steps: 4 });
  assert.equal(tf.memory().numTensors, before, 'no tensors leak');
  for (let p = 0; p < 64; p++) {
    const want = roi.data[p] ? 0.5 * x.data[2 * p]! - 2 * x.data[2 * p + 1]! : 0;
    assert.ok(Math.abs(gi.data[p]! - want) < 1e-5 && Math.abs(ig.data[p]! - want) < 1e-5, `pixel ${p}`);
  }
});

test('gradCam() of conv(1→2, weights [1, −1]) → conv(2→1, weights [2, 3]) with a 12-pixel ROI of 36 is ReLU(−x/3) (hand-derived)', async () => {
  const m = tf.sequential({
    layers: [tf.layers.inputLayer({ inputShape: [6, 6, 1] }), conv1x1('feat', 1, [1, -1]), conv1x1('out', 2, [2, 3])],
  });
  const x = image(6, 6, 1, 2);
  const roi = { data: Uint8Array.from({ length: 36 }, (_, i) => (i < 12 ? 1 : 0)), width: 6, height: 6 };
  const before = tf.memory().numTensors;
  const cam = await gradCam(m, x, 'feat', { roi });
  assert.equal(tf.memory().numTensors, before);
  for (let p = 0; p < 36; p++) assert.ok(Math.abs(cam.data[p]! - Math.max(0, -x.data[p]! / 3)) < 1e-5);
  await assert.rejects(gradCam(m, x, 'nope'), /no layer "nope"; layers: .*feat, out/);
});

test('integratedGradients() completeness: Σ IG → y(x) − y(0) as steps grow (nonlinear conv net)', async () => {
  const m = tf.sequential({
    layers: [
      tf.layers.inputLayer({ inputShape: [10, 10, 1] }),
      tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.conv2d({ filters: 1, kernelSize: 1, activation: 'sigmoid' }),
    ],
  });
  setRandomWeights(m, 3);
  const x = image(10, 10, 1, 4);
  const y = (d: Float32Array): number =>
    tf.tidy(() => targetScalar(forwardWithProbe(m, inputTensor({ ...x, data: d })).output, {}).dataSync()[0]!);
  const gap = y(x.data) - y(new Float32Array(100));
  const err = async (steps: number): Promise<number> =>
    Math.abs((await integratedGradients(m, x, { steps })).data.reduce((a, b) => a + b, 0) - gap);
  const e2 = await err(2),
    e64 = await err(64);
  assert.ok(e64 < 0.01 * Math.abs(gap) && e64 < e2, `gap ${gap}, errors ${e2} → ${e64}`);
});

test('sanity check (Adebayo et al. 2018): randomising the weights of a trained net changes the Grad-CAM and IG maps (Spearman ρ with the trained map < 0.5)', async () => {
  const size = 16;
  const rng = createRng(5);
  const xs: number[] = [],
    ys: number[] = [];
  for (let n = 0; n < 16; n++) {
    // bright vertical "vessel" on noise; target = the vessel
    const col = rng.int(2, size - 3);
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) {
        const v = Math.abs(c - col) <= 1 ? 1 : 0;
        xs.push(v + 0.3 * rng.normal());
        ys.push(v);
      }
  }
  const m = tf.sequential({
    layers: [
      tf.layers.inputLayer({ inputShape: [size, size, 1] }),
      tf.layers.conv2d({ name: 'feat', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.conv2d({ name: 'out', filters: 1, kernelSize: 1, activation: 'sigmoid' }),
    ],
  });
  setRandomWeights(m, 6);
  m.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
  const X = tf.tensor4d(xs, [16, size, size, 1]),
    Y = tf.tensor4d(ys, [16, size, size, 1]);
  await m.fit(X, Y, { epochs: 40, batchSize: 16, shuffle: false, verbose: 0 });
  X.dispose();
  Y.dispose();
  const x = { data: Float32Array.from(xs.slice(0, size * size)), width: size, height: size, channels: 1 };
  const trained = { cam: await gradCam(m, x, 'feat'), ig: await integratedGradients(m, x, { steps: 16 }) };
  // the trained maps follow the vessel: higher inside it than outside
  const vessel = Float32Array.from(ys.slice(0, size * size));
  assert.ok(rankCorrelation(trained.cam.data, vessel) > 0.5, `trained Grad-CAM vs vessel ρ = ${rankCorrelation(trained.cam.data, vessel)}`);
  setRandomWeights(m, 99);
  const rhoCam = rankCorrelation(trained.cam.data, (await gradCam(m, x, 'feat')).data);
  const rhoIg = rankCorrelation(trained.ig.data, (await integratedGradients(m, x, { steps: 16 })).data);
  // signed ρ: IG of the randomised net is strongly anti-correlated here (IG stays input-driven, as Adebayo et al. found for gradient⊙input-type maps)
  assert.ok(rhoCam < 0.5 && rhoIg < 0.5, `ρ(Grad-CAM) = ${rhoCam}, ρ(IG) = ${rhoIg}`);
});

test('gradCam() runs on the project U-Net (buildUnet, depth 2) with a ROI, returns an input-sized non-negative map and leaks no tensors', async () => {
  const unet = buildUnet({ depth: 2, baseFilters: 4, seed: 0 });
  const conv = unet.layers.filter((l) => l.getClassName() === 'Conv2D').map((l) => l.name);
  const layer = conv[Math.floor(conv.length / 2)]!;
  const x = image(32, 32, 1, 7);
  const roi = { data: Uint8Array.from({ length: 32 * 32 }, (_, i) => (i % 32 > 16 ? 1 : 0)), width: 32, height: 32 };
  const before = tf.memory().numTensors;
  const cam = await gradCam(unet, x, layer, { roi });
  assert.equal(tf.memory().numTensors, before);
  assert.equal(cam.data.length, 32 * 32);
  assert.ok(cam.data.every((v) => v >= 0 && Number.isFinite(v)));
  unet.dispose();
});
