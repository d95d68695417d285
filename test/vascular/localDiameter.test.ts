import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localVesselDiameter } from '../../src/vascular/localDiameter.js';
import type { Mask2D } from '../../src/core/image.js';

/** Horizontal bars of the given (odd) widths, columns 5–54 of a 60-px-wide mask, 6 px apart. */
function bars(widths: number[]): { mask: Mask2D; rows: number[][] } {
  const W = 60;
  const rows: number[][] = [];
  let r = 4;
  for (const w of widths) {
    rows.push(Array.from({ length: w }, (_, i) => r + i));
    r += w + 6;
  }
  const H = r + 4;
  const data = new Uint8Array(W * H);
  for (const rs of rows) for (const rr of rs) for (let c = 5; c < 55; c++) data[rr * W + c] = 1;
  return { mask: { data, width: W, height: H }, rows };
}

test('localVesselDiameter: every pixel of a straight bar k px wide (k odd) reads k, background 0', () => {
  const widths = [1, 3, 5, 7, 9];
  const { mask, rows } = bars(widths);
  const d = localVesselDiameter(mask);
  rows.forEach((rs, i) => {
    for (const r of rs)
      for (let c = 15; c < 45; c++) assert.equal(d[r * mask.width + c], widths[i], `bar ${widths[i]} px, row ${r}, column ${c}`);
  });
  for (let k = 0; k < d.length; k++) if (!mask.data[k]) assert.equal(d[k], 0);
});

test('localVesselDiameter: a thin branch leaving a wide trunk keeps its own diameter, the trunk its own', () => {
  // a 7-px trunk (rows 20–26) and a 1-px branch going up from it at column 30 (rows 2–19)
  const W = 60,
    H = 40;
  const data = new Uint8Array(W * H);
  for (let r = 20; r <= 26; r++) for (let c = 5; c < 55; c++) data[r * W + c] = 1;
  for (let r = 2; r < 20; r++) data[r * W + 30] = 1;
  const d = localVesselDiameter({ data, width: W, height: H });
  for (let r = 4; r < 15; r++) assert.equal(d[r * W + 30], 1, `branch row ${r}`);
  for (let r = 20; r <= 26; r++) assert.equal(d[r * W + 12], 7, `trunk row ${r}`);
});
