/**
 * The U-Net on tfjs' webgpu backend (Dawn; in CI Mesa's software Vulkan driver "llvmpipe"):
 * every kernel a training step and tiled inference call agrees with the pure-JS cpu backend
 * (with two documented exceptions: MaxPoolGrad is compared on tie-free input, and
 * ResizeNearestNeighborGrad against the brute-force sum since the cpu kernel is wrong for batches),
 * the U-Net's loss gradients agree with cpu, tiled inference equals wasm, `train-seg` trains,
 * and nothing leaks. Skipped (with the reason) without a WebGPU adapter; fails under CI.
 *
 * node --test runs each test file in its own process, so switching the global tfjs backend
 * here changes no other test file's backend; the CLI check runs in a child process as well.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/backend/selectBackend.js';
import { buildUnet, type UnetOptions } from '../../src/segment/unet/buildUnet.js';
import { foldBatchNorm } from '../../src/segment/unet/foldBatchNorm.js';
import { segLoss } from '../../src/segment/unet/losses.js';
import { predictProbability } from '../../src/segment/unet/infer.js';
import type { PreparedImage } from '../../src/segment/unet/prepare.js';
import { createRng } from '../../src/core/rng.js';
import { recordKernels, replayKernel, relativeError, type KernelCall } from './kernelRecorder.js';
import { requireWebgpu } from './requireWebgpu.js';
import { nearestResizeGrad } from './nearestGradOracle.js';

const TOLERANCE = 1e-4;
const root = join(import.meta.dirname, '..', '..');
/** The default U-Net (batch norm, transposed-conv up-sampling) and the other options' layers (residual, dropout, nearest up-sampling, no batch norm). */
const ARCHS: UnetOptions[] = [
  { depth: 2, baseFilters: 4, seed: 1 },
  { depth: 1, baseFilters: 4, seed: 2, residual: true, dropout: 0.2, upsampling: 'nearest', batchNorm: false },
];
// Lavapipe compiles one shader pipeline per kernel and shape (the cold start dominates the time):
// the shapes here are those of the train-seg check (batches of 4 of 32x32, tiles of 32) so the
// pipelines are shared, in memory and through Mesa's on-disk shader cache.
const BATCH = 4;
const SIDE = 32;
const TILES = { tileSize: 32, overlap: 8, batchSize: 4 };

function batch(seed: number, n: number, side: number): { x: tf.Tensor4D; y: tf.Tensor4D } {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: n * side * side }, () => rng.normal());
  const y = Float32Array.from({ length: n * side * side }, () => (rng.uniform() < 0.2 ? 1 : 0));
  return { x: tf.tensor4d(x, [n, side, side, 1]), y: tf.tensor4d(y, [n, side, side, 1]) };
}

function preparedImage(seed: number, width: number, height: number): PreparedImage {
  const rng = createRng(seed);
  const unit = Float32Array.from({ length: width * height }, () => rng.uniform());
  const fov = { data: Uint8Array.from({ length: width * height }, (_, k) => (k % width > 1 ? 1 : 0)), width, height };
  return { width, height, unit, fov, mean: 0.5, sd: 0.3 };
}

/**
 * A MaxPoolGrad call whose pooled input has no ties. Where a window holds equal maxima (zeros
 * after a ReLU) the gradient may go to any of them: cpu picks the first, webgpu the last — both
 * valid, and the ReLU's zero gradient there makes the U-Net's gradients agree (next test).
 */
function withoutTies(call: KernelCall): KernelCall {
  const input = call.inputs['input']!;
  const data = Float32Array.from(input.data, (v, i) => v + i * 1e-4);
  return { ...call, inputs: { ...call.inputs, input: { ...input, data } } };
}

/** A ResizeNearestNeighborGrad call whose expected output is the brute-force sum (tfjs 4.22's cpu kernel is wrong for batches > 1). */
function withBruteForce(call: KernelCall): KernelCall {
  const dy = call.inputs['dy']!;
  const images = call.inputs['images']!;
  const data = nearestResizeGrad(dy.data, dy.shape, images.shape[1]!, images.shape[2]!, call.attrs['alignCorners'] === true);
  return { ...call, outputs: [{ shape: images.shape, dtype: 'float32', data }] };
}

/** One training step (BCE + Dice + clDice, Adam) and tiled inference (BN folded, flip TTA) per architecture. */
async function unetWorkload(): Promise<void> {
  for (const arch of ARCHS) {
    const model = buildUnet(arch);
    const opt = tf.train.adam(1e-3);
    const { x, y } = batch(3, BATCH, SIDE);
    tf.tidy(() => {
      opt.minimize(() => segLoss(y, model.apply(x, { training: true }) as tf.Tensor4D, { cldice: 0.5, cldiceIterations: 2 }));
    });
    const img = preparedImage(4, 40, 36);
    await predictProbability(model, img, TILES);
    const folded = foldBatchNorm(model, arch);
    await predictProbability(folded, img, { ...TILES, flipTta: true });
    if (folded !== model) folded.dispose();
    for (const t of [x, y]) t.dispose();
    opt.dispose();
    model.dispose();
  }
}

test('webgpu: every kernel of a U-Net training step and tiled inference (forward, gradient, Adam) agrees with the cpu backend (relative error < 1e-4) and leaks no tensors', async (t) => {
  const adapter = await requireWebgpu(t);
  if (adapter === undefined) return;
  t.diagnostic(`adapter: ${adapter}`);
  await selectBackend({ backend: 'webgpu' });
  await tf.setBackend('cpu');
  const recordedCalls = await recordKernels(unetWorkload);
  // One call per kernel, attributes and input ranks (lavapipe compiles a pipeline per shape; the
  // next test runs the whole U-Net, every shape, against cpu).
  const signature = (c: KernelCall): string =>
    `${c.kernel} ${JSON.stringify(c.attrs)} ${Object.entries(c.inputs)
      .map(([n, i]) => `${n}:${i.dtype}/${i.shape.length}`)
      .join(' ')}`;
  const calls = [...new Map(recordedCalls.map((c) => [signature(c), c] as const)).values()];
  await tf.setBackend('webgpu');
  const before = tf.memory().numTensors;
  const failures: string[] = [];
  const worst = new Map<string, number>();
  for (const recorded of calls) {
    const call =
      recorded.kernel === 'MaxPoolGrad'
        ? withoutTies(recorded)
        : recorded.kernel === 'ResizeNearestNeighborGrad'
          ? withBruteForce(recorded)
          : recorded;
    try {
      if (call !== recorded && call.kernel === 'MaxPoolGrad') {
        await tf.setBackend('cpu');
        call.outputs = await replayKernel(call);
        await tf.setBackend('webgpu');
      }
      const outs = await replayKernel(call);
      let err = outs.length === call.outputs.length ? 0 : Infinity;
      outs.forEach((o, i) => {
        const want = call.outputs[i]!;
        err = Math.max(err, o.shape.join() === want.shape.join() ? relativeError(o.data, want.data) : Infinity);
      });
      worst.set(call.kernel, Math.max(worst.get(call.kernel) ?? 0, err));
      if (!(err < TOLERANCE)) failures.push(`${call.key}: relative error ${err}`);
    } catch (e) {
      failures.push(`${call.key}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  t.diagnostic(
    `${calls.length} calls (of ${recordedCalls.length} distinct shapes) of ${worst.size} kernels; worst relative error per kernel: ${[...worst].map(([k, e]) => `${k} ${e.toExponential(1)}`).join(', ')}`,
  );
  for (const k of ['Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPool', 'MaxPoolGrad', 'FusedConv2D'])
    assert.ok(worst.has(k), `the recording holds ${k}`);
  assert.deepEqual(failures, []);
  assert.equal(tf.memory().numTensors, before, 'no tensor leaks on webgpu');
});

test('webgpu: the U-Net loss and the gradient of every weight agree with the cpu backend (relative error < 1e-4)', async (t) => {
  if ((await requireWebgpu(t)) === undefined) return;
  await selectBackend({ backend: 'webgpu' });
  const run = async (backend: string): Promise<Float32Array[]> => {
    await tf.setBackend(backend);
    const model = buildUnet(ARCHS[0]!);
    const { x, y } = batch(5, BATCH, SIDE);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => segLoss(y, model.apply(x, { training: true }) as tf.Tensor4D), vars);
    const out = [Float32Array.from(await value.data())];
    for (const v of vars) out.push(Float32Array.from(await grads[v.name]!.data()));
    tf.dispose([value, ...Object.values(grads), x, y]);
    model.dispose();
    return out;
  };
  const cpu = await run('cpu');
  const before = tf.memory().numTensors;
  const gpu = await run('webgpu');
  assert.equal(tf.memory().numTensors, before);
  assert.equal(gpu.length, cpu.length);
  cpu.forEach((c, i) =>
    assert.ok(relativeError(gpu[i]!, c) < TOLERANCE, `${i === 0 ? 'loss' : `gradient ${i}`}: relative error ${relativeError(gpu[i]!, c)}`),
  );
});

test('webgpu: tiled inference (predictProbability, overlapping tiles, flip TTA) equals the wasm result within 1e-4 and leaks no tensors', async (t) => {
  if ((await requireWebgpu(t)) === undefined) return;
  await selectBackend({ backend: 'webgpu' });
  await selectBackend({ backend: 'wasm' });
  const model = buildUnet(ARCHS[0]!);
  const img = preparedImage(6, 40, 36);
  const opts = { ...TILES, flipTta: true };
  const wasm = (await predictProbability(model, img, opts)).data;
  await tf.setBackend('webgpu');
  const before = tf.memory().numTensors;
  const gpu = (await predictProbability(model, img, opts)).data;
  assert.equal(tf.memory().numTensors, before);
  let maxDiff = 0;
  for (let k = 0; k < wasm.length; k++) maxDiff = Math.max(maxDiff, Math.abs(gpu[k]! - wasm[k]!));
  assert.ok(maxDiff < TOLERANCE, `max |webgpu − wasm| = ${maxDiff}`);
  model.dispose();
});

test('webgpu: `vesselprint train-seg --backend webgpu` on a small synthetic config trains (mean loss of the last epoch < first) in a child process', async (t) => {
  if ((await requireWebgpu(t)) === undefined) return;
  const dir = mkdtempSync(join(tmpdir(), 'vp-webgpu-'));
  try {
    const config = {
      name: 'webgpu-smoke',
      seed: 3,
      data: { source: 'synthetic', train: 2, validation: 1, test: 0, width: 64, height: 64 },
      model: { depth: 2, baseFilters: 4 },
      training: {
        epochs: 3,
        stepsPerEpoch: 4,
        batchSize: 4,
        patchSize: 32,
        learningRate: 0.01,
        lrSchedule: 'constant',
        validationTileSize: 32,
      },
      inference: { tileSize: 32, overlap: 8 },
      output: join(dir, 'out'),
    };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin', 'vesselprint.mjs'), 'train-seg', join(dir, 'config.json'), '--backend', 'webgpu', '--quiet'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, MLFLOW_TRACKING_URI: join(dir, 'mlruns') },
        timeout: 120_000,
      },
    );
    assert.equal(r.status, 0, `train-seg failed:\n${r.stderr}`);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as {
      backend: string;
      epochs: Array<{ loss: number }>;
    };
    assert.equal(report.backend, 'webgpu');
    const losses = report.epochs.map((e) => e.loss);
    t.diagnostic(`epoch losses on webgpu: ${losses.map((l) => l.toFixed(4)).join(' → ')}`);
    assert.equal(losses.length, 3);
    assert.ok(losses.every(Number.isFinite) && losses[2]! < losses[0]!, `losses ${losses.join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
