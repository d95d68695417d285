import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zoneVisibleFraction } from '../../src/retina/zones.js';
import { isVesselprintError } from '../../src/core/errors.js';
import type { Mask2D } from '../../src/core/image.js';

const field = (width: number, height: number, inside: (r: number, c: number) => boolean): Mask2D => {
  const data = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) data[r * width + c] = inside(r, c) ? 1 : 0;
  return { data, width, height };
};

/** Area of the part of a disc of radius rho lying beyond a line at distance d from its centre. */
const segment = (rho: number, d: number): number => (d >= rho ? 0 : rho * rho * Math.acos(d / rho) - d * Math.sqrt(rho * rho - d * d));

test('zoneVisibleFraction: the share of zone B / C shown by the frame and the field, against circle-segment areas', () => {
  const R = 20;
  const all = field(400, 300, () => true);
  // whole zones in the frame
  assert.equal(zoneVisibleFraction(all, { row: 150, col: 200, radiusPx: R }, 'B'), 1);
  assert.equal(zoneVisibleFraction(all, { row: 150, col: 200, radiusPx: R }, 'C'), 1);
  // disc centre on the frame's left edge: half of each zone (the lattice column through the centre adds ≈ 0.3 %)
  assert.ok(Math.abs(zoneVisibleFraction(all, { row: 150, col: 0, radiusPx: R }, 'B') - 0.5) < 0.01);
  // the same cut made by the FOV mask instead of the frame
  const half = field(400, 300, (_r, c) => c >= 200);
  assert.ok(Math.abs(zoneVisibleFraction(half, { row: 150, col: 200, radiusPx: R }, 'C') - 0.5) < 0.01);
  // disc 4R from the left edge: zone B (≤ 3R) whole; zone C (≤ 5R) loses the outer circle's segment beyond
  // the frame, whose edge lies half a pixel beyond the first pixel centre (4R + ½ from the disc centre)
  const disc = { row: 150, col: 4 * R, radiusPx: R };
  assert.equal(zoneVisibleFraction(all, disc, 'B'), 1);
  const expected = 1 - segment(5 * R, 4 * R + 0.5) / (Math.PI * (25 - 4) * R * R);
  const got = zoneVisibleFraction(all, disc, 'C');
  assert.ok(Math.abs(got - expected) < 0.005, `zone C ${got} vs ${expected}`);
  // a corner cuts both sides: disc at (2.5R, 2.5R) from the corner, zone B loses two segments (they do not overlap: 2.5R·√2 > 3R)
  const corner = { row: 2.5 * R, col: 2.5 * R, radiusPx: R };
  const lostB = 2 * (segment(3 * R, 2.5 * R + 0.5) - segment(2 * R, 2.5 * R + 0.5));
  const gotB = zoneVisibleFraction(all, corner, 'B');
  assert.ok(Math.abs(gotB - (1 - lostB / (Math.PI * 5 * R * R))) < 0.005, `corner ${gotB}`);
  // no field at all
  assert.equal(
    zoneVisibleFraction(
      field(400, 300, () => false),
      { row: 150, col: 200, radiusPx: R },
      'B',
    ),
    0,
  );
  assert.throws(
    () => zoneVisibleFraction(all, { row: 1, col: 1, radiusPx: 0 }, 'B'),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT'),
  );
});
