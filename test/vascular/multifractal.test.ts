import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multifractal } from '../../src/vascular/multifractal.js';
import { createRng } from '../../src/core/rng.js';
import type { Mask2D } from '../../src/core/image.js';
import { sierpinskiCarpet, kochCurve, maskFrom } from './shapes.js';

const near = (a: number, b: number, tol: number, what: string): void => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} ± ${tol}`);

test('multifractal(Sierpinski carpet) gives D0, D1, D2 within 0.01 of log 8 / log 3 and a narrow spectrum', () => {
  const r = multifractal(sierpinskiCarpet(6));
  const d = Math.log(8) / Math.log(3);
  near(r.d0, d, 0.01, 'D0');
  near(r.d1, d, 0.01, 'D1');
  near(r.d2, d, 0.01, 'D2');
  assert.ok(Math.abs(r.deltaAlpha) < 0.06, `Δα ${r.deltaAlpha}`);
});

test('multifractal(straight bar, one pixel wide) gives D0 = D1 = D2 = 1 and Δα = 0; a filled image 2', () => {
  const r = multifractal(maskFrom(512, 512, (row) => row === 200));
  for (const [k, v] of [
    ['D0', r.d0],
    ['D1', r.d1],
    ['D2', r.d2],
  ] as const)
    near(v, 1, 1e-9, k);
  near(r.deltaAlpha, 0, 1e-9, 'Δα');
  near(multifractal(maskFrom(256, 256, () => true)).d1, 2, 1e-9, 'filled D1');
});

test('multifractal(Koch curve) gives D0, D1, D2 within 0.025 of log 4 / log 3 = 1.262 (rasterised curve, boxes from 4 px)', () => {
  const r = multifractal(kochCurve(7, 2187), { minBoxPx: 4 });
  const d = Math.log(4) / Math.log(3);
  for (const [k, v] of [
    ['D0', r.d0],
    ['D1', r.d1],
    ['D2', r.d2],
  ] as const)
    near(v, d, 0.025, k);
});

test('multifractal(random Cantor dust, 2 × 2 subdivision keeping each quarter with p = 3/4) gives D0 ≈ log 3 / log 2 = 1.585', () => {
  // Mandelbrot percolation: given survival, the dimension is log(4p)/log 2 almost surely (Falconer, Fractal Geometry, 3rd ed., §15.1)
  for (const seed of [3, 7]) {
    const rng = createRng(seed);
    const n = 1024;
    const m: Mask2D = { data: new Uint8Array(n * n), width: n, height: n };
    const keep = (r0: number, c0: number, s: number): void => {
      if (s === 1) {
        m.data[r0 * n + c0] = 1;
        return;
      }
      const h = s / 2;
      for (const [dr, dc] of [
        [0, 0],
        [0, h],
        [h, 0],
        [h, h],
      ] as const)
        if (rng.uniform() < 0.75) keep(r0 + dr, c0 + dc, h);
    };
    keep(0, 0, n);
    const r = multifractal(m, { minBoxPx: 1, maxBoxPx: 256 });
    near(r.d0, Math.log(3) / Math.log(2), 0.06, `seed ${seed} D0`);
    assert.ok(r.d2 <= r.d1 + 0.01 && r.d1 <= r.d0 + 0.01, `D2 ≤ D1 ≤ D0: ${r.d2}, ${r.d1}, ${r.d0}`);
  }
});

test('multifractal rejects an empty mask and a range with one box size', () => {
  assert.throws(() => multifractal(maskFrom(64, 64, () => false)), /no foreground/);
  assert.throws(
    () =>
      multifractal(
        maskFrom(64, 64, () => true),
        { minBoxPx: 16 },
      ),
    /two box sizes/,
  );
  assert.throws(
    () =>
      multifractal(
        maskFrom(64, 64, (r, c) => r < 2 && c < 2),
        { boxSizesPx: [2, 16] },
      ),
    /inside the border/,
  );
});
