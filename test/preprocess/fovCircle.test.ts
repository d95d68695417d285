import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fovCircle } from '../../src/preprocess/fovCircle.js';
import { estimateFov } from '../../src/preprocess/fov.js';
import { readImage } from '../../src/io/readImage.js';
import { toMask, type Mask2D } from '../../src/core/image.js';

function disc(w: number, h: number, row: number, col: number, r: number): Mask2D {
  const data = new Uint8Array(w * h);
  for (let i = 0; i < data.length; i++) data[i] = Math.hypot(Math.floor(i / w) - row, (i % w) - col) <= r ? 1 : 0;
  return { data, width: w, height: h };
}

test('fovCircle: a whole disc, and one clipped at the top and bottom like HRF, give its centre and radius (< 1 px)', () => {
  for (const [w, h, row, col, r] of [
    [300, 300, 150.3, 149.6, 120],
    [400, 240, 120, 200, 170], // clipped: the image is 240 high, the circle 340 across
    [500, 300, 140, 260, 200],
  ] as const) {
    const c = fovCircle(disc(w, h, row, col, r))!;
    assert.ok(c, `${w}x${h}`);
    assert.ok(Math.abs(c.row - row) < 1 && Math.abs(c.col - col) < 1, `centre ${c.row}, ${c.col}`);
    assert.ok(Math.abs(c.radiusPx - r) < 1, `radius ${c.radiusPx} vs ${r}`);
  }
});

test('fovCircle: a clipped field whose mask stops a few pixels inside the frame (an eroded estimate) still gives the circle', () => {
  const m = disc(400, 240, 120, 200, 170);
  for (let c = 0; c < 400; c++) for (const r of [0, 1, 2, 237, 238, 239]) m.data[r * 400 + c] = 0; // straight edges 3 px inside (margin: 2 % of 240 = 5 px)
  const c = fovCircle(m)!;
  assert.ok(c);
  assert.ok(Math.abs(c.radiusPx - 170) < 1, `radius ${c.radiusPx}`);
});

test('fovCircle: undefined for a crop from inside the field, a mask that is the whole image, a tiny arc, or a square', () => {
  assert.equal(fovCircle(disc(200, 200, 100, 100, 500)), undefined); // all inside
  assert.equal(fovCircle({ data: new Uint8Array(100 * 100).fill(1), width: 100, height: 100 }), undefined);
  // only a short arc visible: a huge circle whose rim crosses one corner
  assert.equal(fovCircle(disc(200, 200, -900, -900, 1400)), undefined);
  const sq = new Uint8Array(200 * 200);
  for (let r = 40; r < 160; r++) for (let c = 40; c < 160; c++) sq[r * 200 + c] = 1;
  assert.equal(fovCircle({ data: sq, width: 200, height: 200 }), undefined);
});

test('fovCircle on the HRF FOV masks: the camera field is about 3262 px across (skipped when ../shared/data/hrf is absent)', async (t) => {
  const p = '../shared/data/hrf/mask/08_h_mask.png';
  if (!existsSync(p)) {
    if (process.env.CI) throw new Error('../shared/data/hrf is required in CI');
    t.skip('../shared/data/hrf not present');
    return;
  }
  const c = fovCircle(toMask(await readImage(p)))!;
  assert.ok(c);
  assert.ok(Math.abs(2 * c.radiusPx - 3264) < 10, `diameter ${2 * c.radiusPx}`);
  assert.ok(c.arcDeg >= 150, `arc ${c.arcDeg}`);
  // the FOV estimated from the photograph (eroded, its clipped edges a few px inside the frame): within 1 %
  const e = fovCircle(estimateFov(await readImage('../shared/data/hrf/images/08_h.jpg')))!;
  assert.ok(e);
  assert.ok(Math.abs(2 * e.radiusPx - 3264) < 33, `diameter from the estimated FOV ${2 * e.radiusPx}`);
});
