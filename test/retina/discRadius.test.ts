import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectOpticDisc, DEFAULT_DETECT_OPTIC_DISC, discRadiusOptions } from '../../src/retina/opticDisc.js';
import { synthFundus, synthDiscRadiusFraction } from '../../src/synth/fundus.js';
import { createRng } from '../../src/core/rng.js';
import type { Image2D, Mask2D } from '../../src/core/image.js';

/** A 480 x 480 uniform fundus with a circular field (radius 220 px) and a bright disc (radius 18 px) at (240, 160). */
const N = 480;
const inField = (r: number, c: number): boolean => Math.hypot(r - N / 2, c - N / 2) < 220;
function crop(width: number): { image: Image2D; fov: Mask2D } {
  const data = new Float32Array(width * N * 3);
  const fov: Mask2D = { data: new Uint8Array(width * N), width, height: N };
  for (let r = 0; r < N; r++)
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      if (!inField(r, c)) continue;
      fov.data[i] = 1;
      const v = Math.hypot(r - 240, c - 160) < 18 ? 200 : 100;
      for (let k = 0; k < 3; k++) data[i * 3 + k] = v;
    }
  return { image: { data, width, height: N, channels: 3 }, fov };
}

test('detectOpticDisc: the radius follows the fitted field circle, so a frame that crops the field keeps it; a field without a rim falls back on the area', () => {
  const whole = crop(N);
  const full = detectOpticDisc(whole.image, { fov: whole.fov });
  assert.ok(Math.abs(full.radiusPx / (DEFAULT_DETECT_OPTIC_DISC.circleRadiusFraction * 220) - 1) < 0.01, `whole field R ${full.radiusPx}`);
  // cut the field at 60 px right of its centre (a third of its area gone): same radius, same disc
  const cut = crop(300);
  const part = detectOpticDisc(cut.image, { fov: cut.fov });
  assert.ok(Math.abs(part.radiusPx / full.radiusPx - 1) < 0.02, `cropped R ${part.radiusPx} vs ${full.radiusPx}`);
  assert.ok(Math.hypot(part.row - 240, part.col - 160) < 6, `cropped centre ${part.row}, ${part.col}`);
  // the area rule would have shrunk it by the square root of the area lost
  let area = 0;
  for (const v of cut.fov.data) area += v;
  assert.ok(DEFAULT_DETECT_OPTIC_DISC.radiusFraction * Math.sqrt(area / Math.PI) < 0.95 * part.radiusPx);
  // a field filling the frame has no rim to fit: area rule
  const frame = { image: crop(N).image, fov: { data: new Uint8Array(N * N).fill(1), width: N, height: N } };
  const noRim = detectOpticDisc(frame.image, { fov: frame.fov });
  assert.ok(Math.abs(noRim.radiusPx - DEFAULT_DETECT_OPTIC_DISC.radiusFraction * Math.sqrt((N * N) / Math.PI)) < 1e-9);
});

test('discRadiusOptions: another camera geometry — on synthetic fundus photographs (disc 0.139 of the field radius) the default HRF fraction finds the disc but reads its radius at 0.58x; with the synthetic camera fraction the radius is within 3 %', () => {
  const f = synthDiscRadiusFraction();
  assert.ok(Math.abs(f - 900 / 6480) < 1e-9);
  for (const seed of [1, 2, 3]) {
    const s = synthFundus(createRng(seed));
    const vessel = Float32Array.from(s.vesselMask.data);
    const truth = s.disc;
    const dflt = detectOpticDisc(s.image, { fov: s.fovMask, vessel });
    const tuned = detectOpticDisc(s.image, { fov: s.fovMask, vessel, ...discRadiusOptions(f) });
    assert.ok(Math.abs(dflt.radiusPx / truth.radius - 0.081 / f) < 0.03, `seed ${seed}: default R ${dflt.radiusPx} vs ${truth.radius}`);
    assert.ok(Math.abs(tuned.radiusPx / truth.radius - 1) < 0.03, `seed ${seed}: R ${tuned.radiusPx} vs ${truth.radius}`);
    assert.ok(Math.hypot(tuned.row - truth.row, tuned.col - truth.col) < 0.5 * truth.radius, `seed ${seed}: centre`);
  }
  assert.throws(() => discRadiusOptions(0), /disc radius fraction/);
  assert.throws(() => discRadiusOptions(0.6), /disc radius fraction/);
  const o = discRadiusOptions(0.1);
  assert.ok(Math.abs(o.radiusFraction / o.circleRadiusFraction - 0.089 / 0.081) < 1e-12);
});
