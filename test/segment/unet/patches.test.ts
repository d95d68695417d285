import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPatch, drawAugmentation, NO_AUGMENT, type AugmentDraw } from '../../../src/segment/unet/augment.js';
import { patchSource, samplePatchBatch } from '../../../src/segment/unet/patches.js';
import type { PreparedImage } from '../../../src/segment/unet/prepare.js';
import { createRng } from '../../../src/core/rng.js';
import type { Mask2D } from '../../../src/core/image.js';

const W = 20;
const H = 16;
/** unit[r, c] = (r·W + c)/(W·H): every pixel distinct. */
function ramp(): { img: PreparedImage; truth: Mask2D } {
  const unit = new Float32Array(W * H);
  for (let i = 0; i < W * H; i++) unit[i] = i / (W * H);
  const fov = { data: new Uint8Array(W * H).fill(1), width: W, height: H };
  const truth = { data: new Uint8Array(W * H), width: W, height: H };
  for (let r = 0; r < H; r++) truth.data[r * W + 7] = 1; // a vertical "vessel" at column 7
  return { img: { width: W, height: H, unit, fov, mean: 0.5, sd: 0.25 }, truth };
}
const id: AugmentDraw = { flipRows: false, flipCols: false, angle: 0, scale: 1, gamma: 1, contrast: 1, brightness: 0 };
const std = (v: number): number => (v - 0.5) / 0.25;

test('extractPatch without augmentation is the plain standardised crop', () => {
  const { img, truth } = ramp();
  // 4x4 patch, centre (5.5, 6.5) → rows 4..7, cols 5..8
  const p = extractPatch(img, truth, 5.5, 6.5, 4, id);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      assert.ok(Math.abs(p.x[i * 4 + j]! - std(img.unit[(4 + i) * W + 5 + j]!)) < 1e-6);
      assert.equal(p.y[i * 4 + j], 5 + j === 7 ? 1 : 0);
    }
  }
});

test('extractPatch with flips and 90° rotation equals the crop flipped/rotated', () => {
  const { img, truth } = ramp();
  const base = extractPatch(img, truth, 5.5, 6.5, 4, id).x;
  const at = (i: number, j: number): number => base[i * 4 + j]!;
  const fr = extractPatch(img, truth, 5.5, 6.5, 4, { ...id, flipRows: true }).x;
  const fc = extractPatch(img, truth, 5.5, 6.5, 4, { ...id, flipCols: true }).x;
  const r90 = extractPatch(img, truth, 5.5, 6.5, 4, { ...id, angle: Math.PI / 2 }).x;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      assert.ok(Math.abs(fr[i * 4 + j]! - at(3 - i, j)) < 1e-5);
      assert.ok(Math.abs(fc[i * 4 + j]! - at(i, 3 - j)) < 1e-5);
      // source = centre + R(90°)(u, v) = (row − v, col + u): output (i, j) reads crop (3 − j, i)
      assert.ok(Math.abs(r90[i * 4 + j]! - at(3 - j, i)) < 1e-5, `r90 at ${i},${j}`);
    }
  }
});

test('extractPatch applies gamma, contrast and brightness on the [0, 1] image before standardising', () => {
  const { img, truth } = ramp();
  const p = extractPatch(img, truth, 5.5, 6.5, 4, { ...id, gamma: 2, contrast: 1.5, brightness: 0.1 }).x;
  const v = img.unit[4 * W + 5]!;
  const expected = std((v * v - 0.5) * 1.5 + 0.5 + 0.1);
  assert.ok(Math.abs(p[0]! - expected) < 1e-5);
});

test('extractPatch outside the image or FOV gives input 0 and label 0', () => {
  const { img, truth } = ramp();
  const p = extractPatch(img, truth, 0, 0, 4, id); // rows −1.5..: partly outside
  assert.equal(p.x[0], 0);
  assert.equal(p.y[0], 0);
});

test('samplePatchBatch with vesselFraction 1 centres every patch on a vessel pixel; same seed → same batch', () => {
  const { img, truth } = ramp();
  const src = patchSource(img, truth);
  assert.equal(src.vessel.length, H);
  const a = samplePatchBatch([src], 6, createRng(1), { patchSize: 5, vesselFraction: 1, augment: false });
  for (let k = 0; k < 6; k++) assert.equal(a.y[k * 25 + 12], 1, `patch ${k} centre`);
  const b = samplePatchBatch([src], 6, createRng(1), { patchSize: 5, vesselFraction: 1, augment: false });
  assert.deepEqual(a.x, b.x);
  const c = samplePatchBatch([src], 6, createRng(2), { patchSize: 5, vesselFraction: 1 });
  assert.notDeepEqual(a.x, c.x);
});

test('drawAugmentation stays inside the configured ranges and NO_AUGMENT is the identity', () => {
  const rng = createRng(3);
  for (let i = 0; i < 200; i++) {
    const d = drawAugmentation(rng, {
      maxRotationDeg: 10,
      scale: [0.9, 1.1],
      gamma: [0.8, 1.25],
      contrast: [0.9, 1.1],
      brightness: 0.05,
      rot90: false,
    });
    assert.ok(Math.abs(d.angle) <= (10 * Math.PI) / 180 + 1e-12);
    assert.ok(d.scale >= 0.9 && d.scale <= 1.1 && d.gamma >= 0.8 && d.gamma <= 1.25);
    assert.ok(Math.abs(d.brightness) <= 0.05);
  }
  assert.deepEqual(drawAugmentation(rng, NO_AUGMENT), id);
});
