import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { selectBackend } from '../../../../src/backend/selectBackend.js';
import { buildUnet } from '../../../../src/segment/unet/buildUnet.js';
import { patchSource } from '../../../../src/segment/unet/patches.js';
import { trainUnet } from '../../../../src/segment/unet/train.js';
import { tfWorkerPool } from '../../../../src/segment/unet/parallel/tfWorkerPool.js';
import type { PreparedImage } from '../../../../src/segment/unet/prepare.js';
import type { Mask2D } from '../../../../src/core/image.js';
import { createRng } from '../../../../src/core/rng.js';

/** Noisy bright field with a dark cross (the truth). */
function cross(seed: number, n = 32): { image: PreparedImage; truth: Mask2D } {
  const rng = createRng(seed);
  const truth = new Uint8Array(n * n);
  const at = rng.int(4, n - 6);
  for (let i = 0; i < n; i++) for (let d = 0; d < 2; d++) truth[i * n + at + d] = truth[(at + d) * n + i] = 1;
  const unit = Float32Array.from(truth, (t) => Math.min(1, Math.max(0, (t ? 0.35 : 0.7) + rng.normal(0, 0.08))));
  return {
    image: { width: n, height: n, unit, fov: { data: new Uint8Array(n * n).fill(1), width: n, height: n }, mean: 0.6, sd: 0.15 },
    truth: { data: truth, width: n, height: n },
  };
}

after(async () => (await tfWorkerPool(2)).close());

test('trainUnet({ dataParallel }): 1 and 2 workers (2 shards) give the same losses and weights for the same seed', async () => {
  await selectBackend({ backend: 'wasm' });
  const data = [1, 2].map((s) => cross(s));
  const val = [cross(5)];
  const run = async (workers: number): Promise<{ losses: number[]; weights: Float32Array[] }> => {
    const model = buildUnet({ depth: 2, baseFilters: 4, seed: 2 });
    const r = await trainUnet(
      model,
      data.map((d) => patchSource(d.image, d.truth)),
      val,
      {
        epochs: 2,
        stepsPerEpoch: 2,
        batchSize: 4,
        learningRate: 0.01,
        lrSchedule: 'constant',
        validationTileSize: 16,
        patches: { patchSize: 16 },
        seed: 3,
        dataParallel: { workers, shards: 2 },
      },
    );
    const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
    model.dispose();
    return { losses: r.history.map((h) => h.loss), weights };
  };
  const one = await run(1);
  const two = await run(2);
  assert.deepEqual(
    two.losses.map((l) => l.toFixed(6)),
    one.losses.map((l) => l.toFixed(6)),
  );
  let d = 0;
  one.weights.forEach((w, i) => w.forEach((v, k) => (d = Math.max(d, Math.abs(v - two.weights[i]![k]!)))));
  assert.ok(d <= 1e-5, `max |Δweight| = ${d}`);
});
