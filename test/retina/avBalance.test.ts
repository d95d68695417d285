import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balanceArteryVein } from '../../src/retina/avBalance.js';
import type { ArteryVeinMaps } from '../../src/segment/arteryVeinMaps.js';

/** n mask pixels with p_artery / (p_artery + p_vein) spread evenly over (0.05, 0.95) and vessel probability s. */
function ramp(n: number, s = 0.9): { maps: ArteryVeinMaps; mask: { data: Uint8Array; width: number; height: number } } {
  const width = n + 2;
  const artery = new Float32Array(width);
  const vein = new Float32Array(width);
  const vessel = new Float32Array(width);
  const mask = new Uint8Array(width);
  for (let i = 0; i < n; i++) {
    const q = 0.05 + (0.9 * i) / (n - 1);
    artery[i] = s * q;
    vein[i] = s * (1 - q);
    vessel[i] = s;
    mask[i] = 1;
  }
  // Two pixels off the mask: one background, one vessel-ish that must only be re-split, not counted.
  artery[n + 1] = 0.3;
  vein[n + 1] = 0.1;
  vessel[n + 1] = 0.4;
  return { maps: { width, height: 1, artery, vein, vessel }, mask: { data: mask, width, height: 1 } };
}

test('balanceArteryVein: after the shift the requested fraction of mask pixels is artery; vessel probability and p_a + p_v kept', () => {
  const { maps, mask } = ramp(2000);
  // Before: half the ramp is artery.
  for (const f of [0.3, 0.46, 0.7]) {
    const b = balanceArteryVein(maps, mask, { arteryFraction: f });
    assert.equal(b.pixels, 2000);
    assert.ok(Math.abs(b.arteryFractionBefore - 0.5) < 1e-3);
    let a = 0;
    for (let i = 0; i < 2000; i++) if (b.maps.artery[i]! >= b.maps.vein[i]!) a++;
    assert.ok(Math.abs(a / 2000 - f) <= 1 / 2000 + 1e-12, `fraction ${a / 2000} for ${f}`);
    for (let i = 0; i < maps.artery.length; i++)
      assert.ok(Math.abs(b.maps.artery[i]! + b.maps.vein[i]! - (maps.artery[i]! + maps.vein[i]!)) < 1e-6, `pixel ${i}`);
    assert.equal(b.maps.vessel, maps.vessel);
    // The shift is the log-odds of the (1 - f) quantile of the ramp: q = 0.05 + 0.9 (1 - f).
    const q = 0.05 + 0.9 * (1 - f);
    assert.ok(Math.abs(b.shift - Math.log(q / (1 - q))) < 5e-3, `shift ${b.shift}`);
  }
  // Background pixel stays background.
  const b = balanceArteryVein(maps, mask, { arteryFraction: 0.3 });
  assert.equal(b.maps.artery[2000], 0);
  assert.equal(b.maps.vein[2000], 0);
  // The off-mask vessel pixel (p_a 0.3, p_v 0.1) is re-split with the same shift.
  const l = Math.log(0.3 / 0.1) - b.shift;
  assert.ok(Math.abs(b.maps.artery[2001]! - 0.4 / (1 + Math.exp(-l))) < 1e-5);
});

test('balanceArteryVein: an image the CNN calls too arterial is moved towards the prior (shift > 0), too venous the other way', () => {
  const { maps, mask } = ramp(1000);
  const skew = (towardsArtery: boolean): ArteryVeinMaps => {
    const artery = Float32Array.from(maps.artery);
    const vein = Float32Array.from(maps.vein);
    for (let i = 0; i < 1000; i++) {
      const s = artery[i]! + vein[i]!;
      const l = Math.log(artery[i]! / vein[i]!) + (towardsArtery ? 1.5 : -1.5);
      artery[i] = s / (1 + Math.exp(-l));
      vein[i] = s - artery[i]!;
    }
    return { ...maps, artery, vein };
  };
  const hi = balanceArteryVein(skew(true), mask, { arteryFraction: 0.5 });
  const lo = balanceArteryVein(skew(false), mask, { arteryFraction: 0.5 });
  assert.ok(hi.arteryFractionBefore > 0.7 && hi.shift > 1.4 && hi.shift < 1.6, `${hi.arteryFractionBefore} ${hi.shift}`);
  assert.ok(lo.arteryFractionBefore < 0.3 && lo.shift < -1.4 && lo.shift > -1.6, `${lo.arteryFractionBefore} ${lo.shift}`);
  // Undoing the skew recovers the original split.
  for (let i = 0; i < 1000; i += 97) assert.ok(Math.abs(hi.maps.artery[i]! - maps.artery[i]!) < 0.01, `pixel ${i}`);
});

test('balanceArteryVein: too few vessel pixels leave the maps alone; bad fraction and size mismatch are errors', () => {
  const { maps, mask } = ramp(400);
  const b = balanceArteryVein(maps, mask);
  assert.equal(b.shift, 0);
  assert.equal(b.maps, maps);
  assert.equal(b.pixels, 400);
  assert.throws(() => balanceArteryVein(maps, mask, { arteryFraction: 1 }), /arteryFraction must be in \(0, 1\)/);
  assert.throws(() => balanceArteryVein(maps, { ...mask, width: 3, data: new Uint8Array(3) }), /vessel mask is 3x1, A\/V maps are 402x1/);
});
