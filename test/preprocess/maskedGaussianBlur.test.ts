import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { maskedGaussianBlur, gaussianBlur } from '../../src/preprocess/gaussian.js';

const W = 61,
  H = 47;
const rng = createRng(3);
const data = Float32Array.from({ length: W * H }, () => rng.uniform() * 100);
// a disc-shaped field of view with empty rows and columns around it
const disc = Uint8Array.from({ length: W * H }, (_, i) => ((Math.floor(i / W) - 23) ** 2 + ((i % W) - 30) ** 2 <= 18 ** 2 ? 1 : 0));

test('maskedGaussianBlur(insideOnly) equals the full computation bit for bit inside the mask and is 0 outside', () => {
  const full = maskedGaussianBlur(data, disc, W, H, 4);
  const inside = maskedGaussianBlur(data, disc, W, H, 4, { insideOnly: true });
  for (let i = 0; i < W * H; i++)
    assert.ok(disc[i] ? Object.is(inside[i], full[i]) : inside[i] === 0, `pixel ${i}: ${inside[i]} vs ${full[i]}`);
});

test('maskedGaussianBlur() with a mask covering everything equals gaussianBlur(); a constant image stays constant', () => {
  const ones = new Uint8Array(W * H).fill(1);
  assert.deepEqual(maskedGaussianBlur(data, ones, W, H, 3), gaussianBlur(data, W, H, 3));
  const c = new Float32Array(W * H).fill(0.7);
  for (const v of gaussianBlur(c, W, H, 5)) assert.equal(v, Math.fround(0.7));
});

test('gaussianBlur() equals a brute-force separable sum (same order of operations) exactly, reflect borders', () => {
  const sigma = 2.2;
  const R = Math.ceil(4 * sigma);
  const w: number[] = [];
  for (let k = 0; k <= R; k++) w.push(Math.exp((-k * k) / (2 * sigma * sigma)));
  const sum = w.reduce((a, b, k) => a + (k === 0 ? b : 2 * b), 0);
  const wn = w.map((v) => v / sum);
  const refl = (i: number, n: number): number => {
    const p = 2 * n;
    let j = i % p;
    if (j < 0) j += p;
    return j < n ? j : p - 1 - j;
  };
  const pass = (src: Float32Array, width: number, height: number): Float32Array => {
    const out = new Float32Array(width * height);
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        let a = wn[0]! * src[r * width + c]!;
        for (let k = 1; k <= R; k++) a += wn[k]! * (src[r * width + refl(c - k, width)]! + src[r * width + refl(c + k, width)]!);
        out[r * width + c] = a;
      }
    }
    return out;
  };
  const tr = (src: Float32Array, width: number, height: number): Float32Array =>
    Float32Array.from({ length: width * height }, (_, i) => src[(i % height) * width + Math.floor(i / height)]!);
  const expected = tr(pass(tr(pass(data, W, H), W, H), H, W), H, W);
  assert.deepEqual(gaussianBlur(data, W, H, sigma), expected);
});
