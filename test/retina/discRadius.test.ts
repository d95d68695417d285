import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectOpticDisc, DEFAULT_DETECT_OPTIC_DISC } from '../../src/retina/opticDisc.js';
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
