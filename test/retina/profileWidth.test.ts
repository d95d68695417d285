import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileWidthPx } from '../../src/retina/profileWidth.js';
import type { Image2D } from '../../src/core/image.js';

const N = 101;
/** A straight dark vessel through the image centre at `angle` (rad): 200 − 120·f(distance to the line) on a background gradient along the columns. */
function vessel(angle: number, f: (x: number) => number, gradient = 0): Image2D<Float32Array> {
  const data = new Float32Array(N * N);
  const sr = Math.sin(angle),
    sc = Math.cos(angle);
  for (let r = 0; r < N; r++)
    for (let c = 0; c < N; c++) {
      const x = -(r - 50) * sc + (c - 50) * sr; // signed distance to the line through (50, 50) of direction (sr, sc)
      data[r * N + c] = 200 + gradient * (c - 50) - 120 * f(x);
    }
  return { data, width: N, height: N, channels: 1 };
}

test('profileWidthPx: full width at half minimum of a Gaussian vessel = 2√(2 ln 2)·σ at seven orientations: within 1.5 % for σ ≥ 3 px, 5 % for σ = 1.5 px (bilinear sampling widens narrow vessels)', () => {
  for (const sigma of [1.5, 3, 5]) {
    const fwhm = 2 * Math.sqrt(2 * Math.LN2) * sigma;
    for (const deg of [0, 17, 30, 45, 60, 90, 117]) {
      const a = (deg * Math.PI) / 180;
      const img = vessel(a, (x) => Math.exp(-(x * x) / (2 * sigma * sigma)));
      // normal of a line of direction (sin a, cos a) in (row, col): (−cos a, sin a)
      const w = profileWidthPx(img, 50, 50, -Math.cos(a), Math.sin(a), fwhm * 1.3);
      assert.ok(Math.abs(w / fwhm - 1) < (sigma < 2 ? 0.05 : 0.015), `σ ${sigma} at ${deg}°: ${w} vs ${fwhm}`);
    }
  }
});

test('profileWidthPx: a box vessel with a bright central reflex and a background gradient still measures its width', () => {
  for (const width of [6, 11]) {
    // box of the given width (anti-aliased over 1 px), central reflex of 1/3 the width back up to 70 %
    const box = (x: number): number => Math.min(1, Math.max(0, width / 2 + 0.5 - Math.abs(x)));
    const img = vessel(0.4, (x) => box(x) * (Math.abs(x) < width / 6 ? 0.3 : 1), 0.8);
    const w = profileWidthPx(img, 50, 50, -Math.cos(0.4), Math.sin(0.4), width);
    assert.ok(Math.abs(w - width) < 0.25, `box ${width}: ${w}`);
  }
});

test('profileWidthPx: no dark dip (flat or bright line) gives NaN', () => {
  assert.ok(
    Number.isNaN(
      profileWidthPx(
        vessel(0, () => 0),
        50,
        50,
        1,
        0,
        5,
      ),
    ),
  );
  assert.ok(
    Number.isNaN(
      profileWidthPx(
        vessel(0, (x) => -Math.exp((-x * x) / 8)),
        50,
        50,
        1,
        0,
        5,
      ),
    ),
  );
});
