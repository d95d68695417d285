import { test } from 'node:test';
import assert from 'node:assert/strict';
import { laplacianOfGaussian } from '../../src/radiomics/filters/log.js';
import { highpass, waveletBand, WAVELET_LOWPASS } from '../../src/radiomics/filters/wavelet.js';
import { mirrorIndex } from '../../src/radiomics/filters/convolve.js';
import { python } from './oracle.js';

const W = 64,
  H = 48;
const image = (f: (r: number, c: number) => number) => Float64Array.from({ length: W * H }, (_, i) => f(Math.floor(i / W), i % W));

test('mirrorIndex repeats the edge sample: … 1 0 | 0 1 2 … n−1 | n−1 n−2 …', () => {
  assert.deepEqual(
    [-3, -2, -1, 0, 4, 5, 6, 7].map((i) => mirrorIndex(i, 5)),
    [2, 1, 0, 0, 4, 4, 3, 2],
  );
});

test('laplacianOfGaussian of a constant image is ~0 and of r² + c² is 4 near the paraboloid centre', () => {
  // The sampled, truncated kernel is not renormalised (IBSI 2 defines the continuous kernel), so a
  // constant leaks a tiny response: < 0.03 % of the intensity at σ = 2 px.
  const z = laplacianOfGaussian(
    image(() => 7),
    W,
    H,
    2,
  );
  assert.ok(
    z.every((v) => Math.abs(v) < 7 * 3e-4),
    `max ${Math.max(...z.map(Math.abs))}`,
  );
  const q = laplacianOfGaussian(
    image((r, c) => (r - 24) ** 2 + (c - 32) ** 2),
    W,
    H,
    1.5,
  );
  // ∇²(x² + y²) = 4; the sampled, 4σ-truncated kernel reproduces it to < 1 % near the
  // paraboloid's centre (far from it the small DC leak is multiplied by the large values)
  for (let r = 19; r <= 29; r++)
    for (let c = 27; c <= 37; c++) assert.ok(Math.abs(q[r * W + c]! - 4) < 0.04, `(${r},${c}) ${q[r * W + c]}`);
});

test('laplacianOfGaussian of a Gaussian blob (sd s) at its centre equals the analytic −2/(2π S⁴), S² = s² + σ²', () => {
  const s = 3,
    sigma = 2,
    cr = 24,
    cc = 32;
  const img = image((r, c) => Math.exp(-((r - cr) ** 2 + (c - cc) ** 2) / (2 * s * s)) / (2 * Math.PI * s * s));
  const out = laplacianOfGaussian(img, W, H, sigma);
  const S2 = s * s + sigma * sigma;
  const expected = -2 / (2 * Math.PI * S2 * S2);
  assert.ok(Math.abs(out[cr * W + cc]! / expected - 1) < 0.01, `${out[cr * W + cc]} vs ${expected}`);
});

test('WAVELET_LOWPASS and highpass equal PyWavelets dec_lo / dec_hi for haar, db2, db3', (t) => {
  const pw = python<Record<string, { lo: number[]; hi: number[] }>>(
    t,
    `
import json, sys, pywt
json.dump({n: {'lo': list(pywt.Wavelet(n).dec_lo), 'hi': list(pywt.Wavelet(n).dec_hi)} for n in ['haar', 'db1', 'db2', 'db3']}, sys.stdout)
`,
    {},
  );
  if (!pw) return;
  for (const name of ['haar', 'db1', 'db2', 'db3'] as const) {
    const lo = WAVELET_LOWPASS[name];
    lo.forEach((v, k) => assert.ok(Math.abs(v - pw[name]!.lo[k]!) < 1e-12, `${name} lo[${k}]`));
    highpass(lo).forEach((v, k) => assert.ok(Math.abs(v - pw[name]!.hi[k]!) < 1e-12, `${name} hi[${k}]`));
  }
});

test('waveletBand: LL of a constant is 2c (Σh = √2 per axis), the detail bands of a constant are 0', () => {
  const c = image(() => 3);
  for (const name of ['haar', 'db2', 'db3'] as const) {
    for (const level of [1, 2]) {
      assert.ok(
        waveletBand(c, W, H, name, level, 'LL').every((v) => Math.abs(v - 6 * 2 ** (level - 1)) < 1e-9),
        `${name} L${level}`,
      );
      for (const band of ['LH', 'HL', 'HH'] as const)
        assert.ok(
          waveletBand(c, W, H, name, level, band).every((v) => Math.abs(v) < 1e-9),
          `${name} ${band}`,
        );
    }
  }
});

test('waveletBand(db2, HL) of a linear ramp along x is 0 away from the border (2 vanishing moments); Haar is not', () => {
  const ramp = image((_r, c) => 2 * c + 1);
  const db2 = waveletBand(ramp, W, H, 'db2', 1, 'HL');
  const haar = waveletBand(ramp, W, H, 'haar', 1, 'HL');
  for (let r = 0; r < H; r++) {
    for (let c = 4; c < W - 4; c++) {
      assert.ok(Math.abs(db2[r * W + c]!) < 1e-9);
      assert.ok(Math.abs(haar[r * W + c]!) > 1);
    }
  }
});

test('waveletBand(haar, level 1, HH) of a checkerboard has magnitude 2 (one sign flip per axis)', () => {
  const cb = image((r, c) => ((r + c) % 2 === 0 ? 1 : -1));
  const hh = waveletBand(cb, W, H, 'haar', 1, 'HH');
  for (let r = 1; r < H - 1; r++) for (let c = 1; c < W - 1; c++) assert.ok(Math.abs(Math.abs(hh[r * W + c]!) - 2) < 1e-12);
});
