import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { otsuThreshold, thresholdForFraction, applyThreshold } from '../../src/segment/classical/threshold.js';
import { removeSmallComponents, fillHoles, labelComponents } from '../../src/preprocess/components.js';
import { skeletonize } from '../../src/vascular/skeletonize.js';
import { py } from './pyOracle.js';

test('otsuThreshold() agrees with scikit-image threshold_otsu within one bin width on bimodal data', (t) => {
  const rng = createRng(21);
  const v: number[] = [];
  for (let i = 0; i < 4000; i++) v.push(rng.bernoulli(0.3) ? rng.normal(170, 15) : rng.normal(60, 20));
  const ref = py<number>(
    t,
    'skimage',
    `from skimage.filters import threshold_otsu\nresult = float(threshold_otsu(np.array(data), nbins=256))`,
    v,
  );
  if (ref === undefined) return;
  const mine = otsuThreshold(Float64Array.from(v));
  const binWidth = (Math.max(...v) - Math.min(...v)) / 256;
  assert.ok(Math.abs(mine - ref) <= binWidth, `${mine} vs skimage ${ref} (bin ${binWidth})`);
});

test('otsuThreshold() of two constant groups 0 and 10 lies between them; constant input returns the constant', () => {
  const t = otsuThreshold(Float32Array.from([0, 0, 0, 10, 10, 10]));
  assert.ok(t > 0 && t < 10);
  assert.equal(otsuThreshold(Float32Array.from([4, 4, 4])), 4);
});

test('thresholdForFraction([1,2,3,4], 0.25) is 3, so exactly one pixel is > t; only masked pixels count', () => {
  assert.equal(thresholdForFraction(Float32Array.from([1, 2, 3, 4]), 0.25), 3);
  const t = thresholdForFraction(Float32Array.from([1, 2, 3, 4, 100, 200]), 0.5, Uint8Array.from([1, 1, 1, 1, 0, 0]));
  assert.equal(t, 2);
  const m = applyThreshold(Float32Array.from([1, 2, 3, 4]), 4, 1, 3);
  assert.deepEqual(Array.from(m.data), [0, 0, 0, 1]);
});

test('removeSmallComponents(mask, 5) drops a 4-pixel blob, keeps a 6-pixel one (8-connectivity joins diagonals)', () => {
  // 8x4: a 2x2 blob (4 px) at left, a diagonal chain of 6 px at right
  const W = 8,
    H = 4;
  const d = new Uint8Array(W * H);
  for (const [r, c] of [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ])
    d[r! * W + c!] = 1;
  for (const [r, c] of [
    [0, 4],
    [1, 5],
    [2, 6],
    [3, 7],
    [3, 6],
    [2, 5],
  ])
    d[r! * W + c!] = 1;
  const out = removeSmallComponents({ data: d, width: W, height: H }, 5);
  assert.equal(
    out.data.reduce((a, b) => a + b, 0),
    6,
  );
  assert.equal(out.data[0], 0);
  // 4-connectivity: the blob, the isolated corner (0,4) and the rest of the chain
  assert.equal(labelComponents({ data: d, width: W, height: H }, 4).count, 3);
});

test('fillHoles() fills the inside of a closed ring, not a notch open to the border, and respects maxHoleSize', () => {
  const W = 9,
    H = 9;
  const d = new Uint8Array(W * H);
  for (let r = 1; r <= 7; r++) for (let c = 1; c <= 7; c++) if (r === 1 || r === 7 || c === 1 || c === 7) d[r * W + c] = 1;
  const filled = fillHoles({ data: d, width: W, height: H });
  assert.equal(
    filled.data.reduce((a, b) => a + b, 0),
    49,
  );
  assert.equal(
    fillHoles({ data: d, width: W, height: H }, 10).data.reduce((a, b) => a + b, 0),
    24,
  );
  d[1 * W + 4] = 0; // open the ring at the top (4-connected gap): the inside now touches the outside
  assert.equal(
    fillHoles({ data: d, width: W, height: H }).data.reduce((a, b) => a + b, 0),
    23,
  );
});

test('skeletonize() (the one thinning, used by clDice) of a 5x21 bar is a one-pixel line on the middle row', () => {
  const W = 25,
    H = 9;
  const d = new Uint8Array(W * H);
  for (let r = 2; r < 7; r++) for (let c = 2; c < 23; c++) d[r * W + c] = 1;
  const s = skeletonize({ data: d, width: W, height: H }).data;
  for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) if (s[r * W + c]) assert.equal(r, 4, `skeleton pixel at row ${r}`);
  let n = 0;
  for (let c = 0; c < W; c++) n += s[4 * W + c]!;
  assert.ok(n >= 15, `line length ${n}`);
});

test('skeletonize() invariants on random blobs: subset of the mask, no 2x2 block, same number of 8-components', () => {
  const rng = createRng(4);
  const W = 60,
    H = 50;
  const d = new Uint8Array(W * H);
  for (let k = 0; k < 12; k++) {
    const r0 = rng.int(5, H - 6),
      c0 = rng.int(5, W - 6),
      rad = rng.int(2, 5);
    for (let r = r0 - rad; r <= r0 + rad; r++)
      for (let c = c0 - rad; c <= c0 + rad; c++) if ((r - r0) ** 2 + (c - c0) ** 2 <= rad * rad) d[r * W + c] = 1;
  }
  const m = { data: d, width: W, height: H };
  const s = skeletonize(m).data;
  for (let i = 0; i < d.length; i++) if (s[i]) assert.equal(d[i], 1);
  for (let r = 0; r + 1 < H; r++)
    for (let c = 0; c + 1 < W; c++) {
      assert.ok(!(s[r * W + c] && s[r * W + c + 1] && s[(r + 1) * W + c] && s[(r + 1) * W + c + 1]), `2x2 block at ${r},${c}`);
    }
  assert.equal(labelComponents({ data: s, width: W, height: H }).count, labelComponents(m).count);
});
