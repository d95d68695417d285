import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fft2d, fft2dRealPair } from '../../src/capillaroscopy/fft.js';
import { correlationAt, phaseCorrelate, phaseWindow } from '../../src/capillaroscopy/phaseCorrelation.js';
import { refinePatch, refineShift } from '../../src/capillaroscopy/refineShift.js';
import { createRng } from '../../src/core/rng.js';
import { fractalNoise } from '../../src/synth/noise.js';
import { coarseBlur } from '../../src/capillaroscopy/coarseBlur.js';
import { gaussianBlur, maskedGaussianBlur } from '../../src/preprocess/gaussian.js';

test('fft2d(x) equals the brute-force 2-D DFT and the inverse restores x', () => {
  const rows = 4,
    cols = 8,
    rng = createRng(7);
  const xr = Float64Array.from({ length: rows * cols }, () => rng.normal());
  const xi = Float64Array.from({ length: rows * cols }, () => rng.normal());
  const re = xr.slice(),
    im = xi.slice();
  fft2d(re, im, rows, cols);
  for (let kr = 0; kr < rows; kr++) {
    for (let kc = 0; kc < cols; kc++) {
      let sr = 0,
        si = 0;
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) {
          const a = -2 * Math.PI * ((kr * r) / rows + (kc * c) / cols);
          sr += xr[r * cols + c]! * Math.cos(a) - xi[r * cols + c]! * Math.sin(a);
          si += xr[r * cols + c]! * Math.sin(a) + xi[r * cols + c]! * Math.cos(a);
        }
      assert.ok(Math.abs(re[kr * cols + kc]! - sr) < 1e-9 && Math.abs(im[kr * cols + kc]! - si) < 1e-9, `bin ${kr},${kc}`);
    }
  }
  fft2d(re, im, rows, cols, true);
  for (let i = 0; i < re.length; i++) assert.ok(Math.abs(re[i]! / (rows * cols) - xr[i]!) < 1e-12);
  assert.throws(() => fft2d(new Float64Array(12), new Float64Array(12), 3, 4), /powers of two/);
});

test('fft2dRealPair(a, b) equals fft2d of each real array alone', () => {
  const rows = 8,
    cols = 16,
    rng = createRng(5);
  const a = Float64Array.from({ length: rows * cols }, () => rng.normal());
  const b = Float64Array.from({ length: rows * cols }, () => rng.normal());
  const [A, B] = fft2dRealPair(a, b, rows, cols);
  for (const [x, X] of [
    [a, A],
    [b, B],
  ] as const) {
    const re = Float64Array.from(x),
      im = new Float64Array(rows * cols);
    fft2d(re, im, rows, cols);
    for (let i = 0; i < re.length; i++) assert.ok(Math.abs(re[i]! - X.re[i]!) < 1e-9 && Math.abs(im[i]! - X.im[i]!) < 1e-9, `bin ${i}`);
  }
});

/** A smooth random image translated by an exact sub-pixel amount (Fourier shift theorem on a periodic image). */
function shiftedPair(n: number, dRow: number, dCol: number, seed: number): { a: Float64Array; b: Float64Array } {
  const base = fractalNoise(n, n, createRng(seed), { cellPx: 6, octaves: 3 });
  const re = Float64Array.from(base),
    im = new Float64Array(n * n);
  fft2d(re, im, n, n);
  const sr = new Float64Array(n * n),
    si = new Float64Array(n * n);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const fr = (r <= n / 2 ? r : r - n) / n,
        fc = (c <= n / 2 ? c : c - n) / n;
      const ph = -2 * Math.PI * (fr * dRow + fc * dCol),
        i = r * n + c;
      sr[i] = re[i]! * Math.cos(ph) - im[i]! * Math.sin(ph);
      si[i] = re[i]! * Math.sin(ph) + im[i]! * Math.cos(ph);
    }
  fft2d(sr, si, n, n, true);
  return { a: Float64Array.from(base), b: sr.map((v) => v / (n * n)) };
}

test('phaseCorrelate(ref, moved) recovers integer and sub-pixel translations within 0.05 px', () => {
  for (const [dr, dc, seed] of [
    [3, -5, 1],
    [0.5, 0.25, 2],
    [-2.3, 1.7, 3],
    [6.8, -0.4, 4],
  ] as const) {
    const { a, b } = shiftedPair(128, dr, dc, seed);
    const s = phaseCorrelate(phaseWindow(a, 128, 0, 0, 128), phaseWindow(b, 128, 0, 0, 128));
    assert.ok(
      Math.abs(s.dRow - dr) < 0.05 && Math.abs(s.dCol - dc) < 0.05,
      `(${dr}, ${dc}) → (${s.dRow.toFixed(3)}, ${s.dCol.toFixed(3)})`,
    );
    assert.ok(s.peak > 0.5);
  }
});

test('refineShift(frame, ref, start) converges from a 1-px-off start to the true sub-pixel shift (< 0.02 px)', () => {
  const n = 128;
  const { a, b } = shiftedPair(n, 1.35, -0.6, 9);
  // frame = b scaled to grey levels and gain 0.9 (flicker); reference = a (the patch at the frame's centre region)
  const frame = Float32Array.from(b, (v) => 0.9 * (120 + 30 * v));
  const m = 16,
    size = 64;
  const ref = new Float64Array(size * size);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) ref[r * size + c] = 120 + 30 * a[(r + m) * n + c + m]!;
  const out = refineShift(frame, n, n, 1, 0, refinePatch(ref, size, size, m, m), 0.4, 0.4, 1 / 0.9);
  assert.ok(Math.abs(out.dRow - 1.35) < 0.02 && Math.abs(out.dCol + 0.6) < 0.02, `→ (${out.dRow.toFixed(3)}, ${out.dCol.toFixed(3)})`);
  assert.ok(out.cost < 1.5, `cost ${out.cost} grey levels (bilinear interpolation error only)`);
});

test('coarseBlur(x, σ 12) agrees with the full-resolution gaussianBlur within 0.3 % of the signal range, 2σ inside the border, also with a mask (normalised convolution)', () => {
  const w = 256,
    h = 192,
    img = fractalNoise(w, h, createRng(3), { cellPx: 20, octaves: 3 });
  for (let i = 0; i < img.length; i++) img[i] = 100 + 50 * img[i]!;
  const full = gaussianBlur(img, w, h, 12),
    fast = coarseBlur(img, w, h, 12);
  const mask = Uint8Array.from({ length: w * h }, (_, i) => (i % w > 100 && i % w < 120 ? 0 : 1));
  const fullM = maskedGaussianBlur(img, mask, w, h, 12),
    fastM = coarseBlur(img, w, h, 12, mask);
  let worst = 0,
    worstM = 0;
  // 2σ away from the border (reflection there differs between the grids)
  for (let r = 24; r < h - 24; r++)
    for (let c = 24; c < w - 24; c++) {
      const i = r * w + c;
      worst = Math.max(worst, Math.abs(full[i]! - fast[i]!));
      worstM = Math.max(worstM, Math.abs(fullM[i]! - fastM[i]!));
    }
  assert.ok(worst < 0.3 && worstM < 0.3, `max |Δ| ${worst.toFixed(3)} / masked ${worstM.toFixed(3)} grey levels on a 100-level range`);
});

test('correlationAt(ref, moved, shift) equals the phase-correlation surface at whole-pixel shifts and its peak at the found shift', () => {
  const { a, b } = shiftedPair(64, 3, -2, 6);
  const A = phaseWindow(a, 64, 0, 0, 64),
    B = phaseWindow(b, 64, 0, 0, 64);
  const s = phaseCorrelate(A, B);
  // at the integer peak the direct sum is the inverse-FFT value; near the sub-pixel peak it is at least as high
  assert.ok(Math.abs(correlationAt(A, B, 3, -2) - s.peak) < 1e-9, `${correlationAt(A, B, 3, -2)} vs ${s.peak}`);
  assert.ok(correlationAt(A, B, s.dRow, s.dCol) >= correlationAt(A, B, 3, -2) - 1e-9);
  assert.ok(correlationAt(A, B, 10, 10) < 0.1 * s.peak, 'far from the shift the surface is low');
});
