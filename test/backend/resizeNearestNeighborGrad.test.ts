/**
 * ResizeNearestNeighborGrad (the gradient of nearest up-sampling) on the cpu and wasm backends
 * after vesselprint's fix, against the brute-force sum: tfjs 4.22's own kernels are wrong for a
 * batch of more than one image.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/backend/selectBackend.js';
import { createRng } from '../../src/core/rng.js';
import { nearestResizeGrad } from './nearestGradOracle.js';
import { relativeError } from './kernelRecorder.js';

const CASES: Array<{ images: [number, number, number, number]; size: [number, number]; alignCorners: boolean }> = [
  { images: [2, 4, 4, 1], size: [8, 8], alignCorners: false },
  { images: [3, 8, 8, 8], size: [16, 16], alignCorners: false },
  { images: [2, 3, 5, 2], size: [7, 9], alignCorners: false },
  { images: [2, 4, 3, 3], size: [7, 5], alignCorners: true },
  { images: [1, 4, 4, 2], size: [8, 8], alignCorners: false },
];

for (const backend of ['wasm', 'cpu'] as const) {
  test(`ResizeNearestNeighborGrad on ${backend} (vesselprint's batch-folding fix) equals the brute-force sum for batches of 1–3 images, integer and fractional scales, aligned corners`, async () => {
    await selectBackend({ backend });
    const rng = createRng(11);
    const before = tf.memory().numTensors;
    for (const c of CASES) {
      const [b, h, w, ch] = c.images;
      const dyShape = [b, c.size[0], c.size[1], ch];
      const dyData = Float32Array.from({ length: dyShape.reduce((p, q) => p * q) }, () => rng.normal());
      const want = nearestResizeGrad(dyData, dyShape, h, w, c.alignCorners);
      const got = tf.tidy(() => {
        const images = tf.zeros(c.images);
        const dy = tf.tensor4d(dyData, dyShape as [number, number, number, number]);
        return (
          tf
            .engine()
            .runKernel(
              'ResizeNearestNeighborGrad',
              { images, dy },
              { alignCorners: c.alignCorners, halfPixelCenters: false, size: c.size },
            ) as tf.Tensor
        ).dataSync();
      });
      assert.ok(relativeError(got, want) < 1e-6, `${JSON.stringify(c)}: relative error ${relativeError(got, want)}`);
    }
    assert.equal(tf.memory().numTensors, before);
  });
}
