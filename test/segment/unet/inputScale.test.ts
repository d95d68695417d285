import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkDownsample } from '../../../src/segment/unet/inputScale.js';
import { isVesselprintError } from '../../../src/core/errors.js';
import type { UnetMetadata } from '../../../src/segment/unet/checkpoint.js';
import type { Mask2D } from '../../../src/core/image.js';

function disc(w: number, h: number, r: number): Mask2D {
  const data = new Uint8Array(w * h);
  for (let i = 0; i < data.length; i++) data[i] = Math.hypot(Math.floor(i / w) - h / 2, (i % w) - w / 2) <= r ? 1 : 0;
  return { data, width: w, height: h };
}
const meta = (notes: Record<string, string>, px?: number): Pick<UnetMetadata, 'notes' | 'inputFovDiameterPx'> =>
  px !== undefined ? { notes, inputFovDiameterPx: { px, source: 'test' } } : { notes };

test('networkDownsample: FOV diameter / the training FOV diameter; the training factor within 10 %, without the metadata, for a rimless crop, or when off', () => {
  const fov = disc(400, 400, 150); // 300 px across
  assert.ok(Math.abs(networkDownsample(fov, meta({ downsample: '2' }, 100)) - 3) < 0.02); // 300 / 100
  assert.ok(Math.abs(networkDownsample(fov, meta({ downsample: '2' }, 600)) - 0.5) < 0.01); // enlarged ×2
  assert.equal(networkDownsample(fov, meta({ downsample: '2' }, 155)), 2); // 300 / 155 = 1.94: within 10 % of 2
  assert.equal(networkDownsample(fov, meta({ downsample: '2' })), 2); // no inputFovDiameterPx
  assert.equal(networkDownsample(fov, meta({}, undefined)), 1); // neither
  assert.equal(networkDownsample({ data: new Uint8Array(100).fill(1), width: 10, height: 10 }, meta({ downsample: '2' }, 100)), 2);
  assert.equal(networkDownsample(fov, meta({ downsample: '2' }, 100), { scaleByFov: false }), 2);
  // a circle far smaller than the frame (80 px in 400): not a camera field → the training factor
  assert.equal(networkDownsample(disc(400, 400, 40), meta({ downsample: '2' }, 100)), 2);
  assert.equal(networkDownsample(fov, meta({ downsample: '2' }, 100), { downsample: 4 }), 4);
  assert.throws(
    () => networkDownsample(fov, meta({ downsample: '2' }, 100), { downsample: 1.5 }),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT'),
  );
  assert.throws(
    () => networkDownsample(fov, meta({ downsample: 'x' }, 100)),
    (e) => isVesselprintError(e, 'CORRUPT_FILE'),
  );
});

test('networkDownsample with another camera (discRadiusFraction): the factor scales by fraction / 0.081, so the disc and vessels reach the network at their training size; the training camera unchanged; out of range refused', () => {
  const fov = disc(400, 400, 150); // 300 px across
  const m = meta({ downsample: '2' }, 100);
  assert.ok(Math.abs(networkDownsample(fov, m, { discRadiusFraction: 0.081 }) - 3) < 0.02);
  // disc twice as large relative to the field: the retina is magnified 2x, so shrink 2x more
  assert.ok(Math.abs(networkDownsample(fov, m, { discRadiusFraction: 0.162 }) - 6) < 0.04);
  assert.ok(Math.abs(networkDownsample(fov, m, { discRadiusFraction: 0.0405 }) - 1.5) < 0.01);
  // a given factor, scaleByFov off or no recorded FOV diameter: the fraction does not apply
  assert.equal(networkDownsample(fov, m, { discRadiusFraction: 0.162, downsample: 4 }), 4);
  assert.equal(networkDownsample(fov, m, { discRadiusFraction: 0.162, scaleByFov: false }), 2);
  assert.throws(
    () => networkDownsample(fov, m, { discRadiusFraction: 0.7 }),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT'),
  );
});
