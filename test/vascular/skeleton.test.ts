import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skeletonize } from '../../src/vascular/skeletonize.js';
import { distanceTransform } from '../../src/vascular/distanceTransform.js';
import { vesselGraph } from '../../src/vascular/vesselGraph.js';
import type { Mask2D } from '../../src/core/image.js';
import { createRng } from '../../src/core/rng.js';
import { maskFrom, vesselTree, countOn } from './shapes.js';
import { requireOracle, runOracle } from './pythonOracle.js';

/** Number of 8-connected foreground components and 4-connected background components (outside counts as background). */
function topology(m: Mask2D): { fg: number; bg: number } {
  const w = m.width + 2,
    h = m.height + 2;
  const pad = new Uint8Array(w * h);
  for (let r = 0; r < m.height; r++) for (let c = 0; c < m.width; c++) pad[(r + 1) * w + c + 1] = m.data[r * m.width + c]!;
  const count = (val: number, eight: boolean): number => {
    const seen = new Uint8Array(w * h);
    let n = 0;
    for (let s = 0; s < w * h; s++) {
      if (pad[s] !== val || seen[s]) continue;
      n++;
      const st = [s];
      seen[s] = 1;
      while (st.length) {
        const p = st.pop()!;
        const r = Math.floor(p / w),
          c = p % w;
        for (let dr = -1; dr <= 1; dr++)
          for (let dc = -1; dc <= 1; dc++) {
            if ((dr === 0 && dc === 0) || (!eight && dr !== 0 && dc !== 0)) continue;
            const rr = r + dr,
              cc = c + dc;
            if (rr < 0 || rr >= h || cc < 0 || cc >= w) continue;
            const q = rr * w + cc;
            if (pad[q] === val && !seen[q]) {
              seen[q] = 1;
              st.push(q);
            }
          }
      }
    }
    return n;
  };
  return { fg: count(1, true), bg: count(0, false) };
}

/** Number of 8-neighbours of pixel (r, c) that are on. */
function nbCount(s: Mask2D, r: number, c: number): number {
  let n = 0;
  for (let dr = -1; dr <= 1; dr++)
    for (let dc = -1; dc <= 1; dc++) {
      const rr = r + dr,
        cc = c + dc;
      if ((dr || dc) && rr >= 0 && rr < s.height && cc >= 0 && cc < s.width) n += s.data[rr * s.width + cc]!;
    }
  return n;
}

/** One pixel wide: a 2×2 block of skeleton pixels only occurs inside a junction (all four have ≥ 3 neighbours). */
function onePixelWide(s: Mask2D): boolean {
  for (let r = 0; r + 1 < s.height; r++)
    for (let c = 0; c + 1 < s.width; c++) {
      const i = r * s.width + c;
      if (s.data[i] && s.data[i + 1] && s.data[i + s.width] && s.data[i + s.width + 1]) {
        if (nbCount(s, r, c) < 3 || nbCount(s, r, c + 1) < 3 || nbCount(s, r + 1, c) < 3 || nbCount(s, r + 1, c + 1) < 3) return false;
      }
    }
  return true;
}

/** Chain length of a skeleton: every pair of 8-adjacent pixels contributes 1 (axial) or √2 (diagonal) — applied alike to both skeletons. */
function pairLength(data: Uint8Array, width: number, height: number): number {
  let s = 0;
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) {
      if (!data[r * width + c]) continue;
      if (c + 1 < width && data[r * width + c + 1]) s += 1;
      if (r + 1 < height && data[(r + 1) * width + c]) s += 1;
      if (r + 1 < height && c + 1 < width && data[(r + 1) * width + c + 1] && !data[r * width + c + 1] && !data[(r + 1) * width + c])
        s += Math.SQRT2;
      if (r + 1 < height && c > 0 && data[(r + 1) * width + c - 1] && !data[r * width + c - 1] && !data[(r + 1) * width + c])
        s += Math.SQRT2;
    }
  return s;
}

test('skeletonize(bar 7×100) is a single straight row of pixels on the bar axis', () => {
  const bar = maskFrom(120, 30, (r, c) => r >= 10 && r < 17 && c >= 10 && c < 110);
  const s = skeletonize(bar);
  for (let i = 0; i < s.data.length; i++) if (s.data[i]) assert.equal(Math.floor(i / 120), 13, 'skeleton pixel off the axis row 13');
  const n = countOn(s);
  assert.ok(n >= 100 - 7 - 2 && n <= 100, `skeleton has ${n} pixels`);
});

test('skeletonize keeps topology: two blobs stay two components, an annulus stays one loop with one hole', () => {
  const blobs = maskFrom(80, 40, (r, c) => Math.hypot(r - 20, c - 20) < 9 || (r > 10 && r < 30 && c > 45 && c < 70));
  assert.deepEqual(topology(skeletonize(blobs)), topology(blobs));
  const ring = maskFrom(60, 60, (r, c) => {
    const d = Math.hypot(r - 30, c - 30);
    return d >= 12 && d < 20;
  });
  const sr = skeletonize(ring);
  assert.deepEqual(topology(sr), { fg: 1, bg: 2 });
  const g = vesselGraph(sr);
  assert.equal(g.segments.length, 1);
  assert.ok(g.segments[0]!.isLoop);
  // loop length ≈ 2π·16 (mid radius)
  assert.ok(Math.abs(g.segments[0]!.chainLengthPx - 2 * Math.PI * 16) / (2 * Math.PI * 16) < 0.1);
});

test('skeletonize keeps a 2×2 block as one pixel and a two-pixel-thick diagonal whole (known failures of parallel Zhang–Suen)', () => {
  const block = maskFrom(6, 6, (r, c) => r >= 2 && r < 4 && c >= 2 && c < 4);
  assert.equal(countOn(skeletonize(block)), 1);
  const diag = maskFrom(30, 30, (r, c) => (c === r || c === r + 1) && r > 2 && r < 27);
  const s = skeletonize(diag);
  assert.deepEqual(topology(s), { fg: 1, bg: 1 });
  assert.ok(countOn(s) >= 20);
});

test('skeletonize(random vessel tree) is one pixel wide and topology preserving, with both methods', () => {
  const m = vesselTree(300, 300, 7, 8);
  for (const method of ['guo-hall', 'zhang-suen'] as const) {
    const s = skeletonize(m, { method });
    assert.ok(onePixelWide(s), method);
    assert.deepEqual(topology(s), topology(m), method);
  }
});

test('skeleton length agrees with scikit-image skeletonize within 3 % on vessel trees', (t) => {
  if (!requireOracle(t)) return;
  for (const seed of [1, 2]) {
    const m = vesselTree(400, 400, seed, 9);
    const ours = skeletonize(m);
    const ref = runOracle(
      'from skimage.morphology import skeletonize\nsys.stdout.buffer.write(skeletonize(m > 0).astype(np.uint8).tobytes())',
      m,
    );
    const refData = new Uint8Array(ref.buffer, ref.byteOffset, ref.byteLength);
    const a = pairLength(ours.data, m.width, m.height),
      b = pairLength(refData, m.width, m.height);
    assert.ok(Math.abs(a - b) / b < 0.03, `seed ${seed}: ours ${a.toFixed(1)} px vs skimage ${b.toFixed(1)} px`);
  }
});

test('distanceTransform([0,1,1,1,0]) is [0,1,2,1,0] and matches brute force on random masks', () => {
  assert.deepEqual(Array.from(distanceTransform({ data: new Uint8Array([0, 1, 1, 1, 0]), width: 5, height: 1 })), [0, 1, 2, 1, 0]);
  const rng = createRng(11);
  for (let trial = 0; trial < 5; trial++) {
    const w = 23,
      h = 17;
    const m = maskFrom(w, h, () => rng.uniform() < 0.85);
    m.data[rng.int(0, w * h - 1)] = 0;
    const d = distanceTransform(m);
    for (let i = 0; i < w * h; i++) {
      let best = Infinity;
      for (let j = 0; j < w * h; j++)
        if (!m.data[j]) best = Math.min(best, Math.hypot(Math.floor(i / w) - Math.floor(j / w), (i % w) - (j % w)));
      assert.ok(Math.abs(d[i]! - best) < 1e-9, `pixel ${i}: ${d[i]} vs ${best}`);
    }
  }
});

test('distanceTransform equals scipy.ndimage.distance_transform_edt on a vessel tree', (t) => {
  if (!requireOracle(t)) return;
  const m = vesselTree(565, 584, 5);
  const d = distanceTransform(m);
  const ref = runOracle(
    'from scipy.ndimage import distance_transform_edt\nsys.stdout.buffer.write(distance_transform_edt(m).astype(np.float64).tobytes())',
    m,
  );
  const r = new Float64Array(ref.buffer.slice(ref.byteOffset, ref.byteOffset + ref.byteLength));
  let maxDiff = 0;
  for (let i = 0; i < d.length; i++) maxDiff = Math.max(maxDiff, Math.abs(d[i]! - r[i]!));
  assert.ok(maxDiff < 1e-9, `max |ours − scipy| = ${maxDiff}`);
});

test('distanceTransform of an all-vessel mask throws EMPTY_INPUT', () => {
  assert.throws(() => distanceTransform({ data: new Uint8Array(4).fill(1), width: 2, height: 2 }), /no background pixel/);
});
