import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zoneMask, inZone } from '../../src/retina/zones.js';
import { zoneBMask } from '../../src/vascular/regions.js';
import { avMapsFromLabels } from '../../src/retina/avMapsFromLabels.js';
import { labelSegments } from '../../src/retina/labelSegments.js';
import { craeCrve } from '../../src/retina/craeCrve.js';
import { isVesselprintError } from '../../src/core/errors.js';
import type { Mask2D } from '../../src/core/image.js';

const disc = { row: 100, col: 100, radiusPx: 10 };

test('zoneMask(…, "B") equals vascular zoneBMask, and zone C is the ring 2R–5R', () => {
  const b = zoneMask(200, 200, disc, 'B'),
    ref = zoneBMask(200, 200, disc);
  assert.deepEqual(b.data, ref.data);
  assert.equal(inZone(100, 119.9, disc, 'C'), false);
  assert.equal(inZone(100, 120, disc, 'C'), true);
  assert.equal(inZone(100, 149.9, disc, 'C'), true);
  assert.equal(inZone(100, 150, disc, 'C'), false);
  assert.throws(
    () => zoneMask(10, 10, { row: 1, col: 1, radiusPx: 0 }, 'B'),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT'),
  );
});

test('avMapsFromLabels reads the HRF colour code and the 0–3 label code, and names a bad label', () => {
  const rgb = { data: Uint8Array.from([255, 0, 0, 0, 0, 255, 0, 255, 0, 0, 0, 0]), width: 4, height: 1, channels: 3 };
  const m = avMapsFromLabels(rgb);
  assert.deepEqual(Array.from(m.vessel), [1, 1, 1, 0]);
  assert.deepEqual(Array.from(m.artery), [1, 0, 0.5, 0]);
  assert.deepEqual(Array.from(m.vein), [0, 1, 0.5, 0]);
  const grey = avMapsFromLabels({ data: Uint8Array.from([1, 2, 3, 0]), width: 4, height: 1, channels: 1 });
  assert.deepEqual(Array.from(grey.artery), Array.from(m.artery));
  assert.throws(
    () => avMapsFromLabels({ data: Uint8Array.from([0, 7]), width: 2, height: 1, channels: 1 }, 'x.png'),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /row 0, column 1/.test(e.message),
  );
});

/** Straight radial bars leaving the disc: [angle (rad), width (px), label 1 artery / 2 vein]. */
function radialBars(bars: [number, number, number][], size = 200): { mask: Mask2D; labels: Uint8Array } {
  const data = new Uint8Array(size * size),
    labels = new Uint8Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const dr = r - disc.row,
        dc = c - disc.col,
        d = Math.hypot(dr, dc);
      if (d < 12 || d > 45) continue;
      for (const [a, w, l] of bars) {
        const along = dr * Math.sin(a) + dc * Math.cos(a),
          across = -dr * Math.cos(a) + dc * Math.sin(a);
        if (along > 0 && Math.abs(across) <= (w - 1) / 2 + 1e-9) {
          data[r * size + c] = 1;
          labels[r * size + c] = l;
        }
      }
    }
  }
  return { mask: { data, width: size, height: size }, labels };
}

test('craeCrve on radial bars of known width: the Knudtson value of the bar widths, hand-computed', () => {
  // arteries 5, 5 px (axis-parallel: exact widths), veins 7, 7 px
  const { mask, labels } = radialBars([
    [0, 5, 1],
    [Math.PI / 2, 5, 1],
    [Math.PI, 7, 2],
    [-Math.PI / 2, 7, 2],
  ]);
  const maps = avMapsFromLabels({ data: labels, width: 200, height: 200, channels: 1 });
  const r = craeCrve(labelSegments(mask, maps, disc), disc, { spacingUm: 2 });
  assert.equal(r.nArterioles, 2);
  assert.equal(r.nVenules, 2);
  // 0.88·√(5² + 5²) = 6.2225 px → × 2 µm; 0.95·√(7² + 7²) = 9.4045 px → × 2 µm
  assert.ok(Math.abs(r.craeUm! - 12.445) < 0.01, `CRAE ${r.craeUm}`);
  assert.ok(Math.abs(r.crveUm! - 18.809) < 0.01, `CRVE ${r.crveUm}`);
  assert.ok(Math.abs(r.avr! - 12.445 / 18.809) < 1e-3);
});

test('craeCrve: a single arteriole (fewer than six) is carried unchanged; no venule gives CRVE null', () => {
  const { mask, labels } = radialBars([[0, 5, 1]]);
  const r = craeCrve(labelSegments(mask, avMapsFromLabels({ data: labels, width: 200, height: 200, channels: 1 }), disc), disc);
  assert.equal(r.craeUm, 5);
  assert.equal(r.crveUm, null);
  assert.equal(r.avr, null);
});

test('labelSegments: a bar mostly on crossing/uncertain pixels is unsure, excluded and counted', () => {
  const { mask, labels } = radialBars([
    [0, 5, 1],
    [Math.PI, 5, 1],
  ]);
  for (let c = 118; c < 146; c++) for (let r = 98; r <= 102; r++) labels[r * 200 + c] = 3; // outer 28 of 34 px of the right bar
  const lv = labelSegments(mask, avMapsFromLabels({ data: labels, width: 200, height: 200, channels: 1 }), disc);
  const r = craeCrve(lv, disc);
  assert.equal(r.nArterioles, 1);
  assert.equal(r.nUnsureExcluded, 1);
  assert.equal(r.nCrossingExcluded, 1);
  assert.equal(r.craeUm, 5);
});
