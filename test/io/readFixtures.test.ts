import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readImage, readImageInfo } from '../../src/io/readImage.js';

// Files written by independent encoders (Pillow, tifffile); expected values are what those
// libraries read back (see test/fixtures/io/README.md and make_fixtures.py).
const dir = join(import.meta.dirname, '..', 'fixtures', 'io');
interface Expected {
  width: number;
  height: number;
  channels?: number;
  bitDepth?: number;
  spacingUm?: number;
  data: number[];
}
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;

async function checkExact(name: string, arrayType: abstract new (...args: never[]) => ArrayLike<number>): Promise<void> {
  const e = expected[name]!;
  const img = await readImage(join(dir, name));
  assert.equal(img.width, e.width);
  assert.equal(img.height, e.height);
  assert.equal(img.channels, e.channels);
  assert.equal(img.bitDepth, e.bitDepth);
  assert.ok(img.data instanceof arrayType, `${name}: ${img.data.constructor.name}`);
  assert.deepEqual(Array.from(img.data), e.data);
  if (e.spacingUm !== undefined)
    // tifffile stores 1e4/6.5 px/cm as a 32-bit rational approximation, so allow 1e-6 relative
    assert.ok(Math.abs(img.spacingUm! - e.spacingUm) < 1e-6 * e.spacingUm, `${name}: spacing ${img.spacingUm}`);
  else assert.equal(img.spacingUm, undefined);
}

test('readImage(16-bit grey PNG written by Pillow) gives its samples and 10 µm from pHYs', () => checkExact('grey16.png', Uint16Array));
test('readImage(8-bit RGB PNG written by Pillow) gives its samples', () => checkExact('rgb8.png', Uint8Array));
test('readImage(float32 TIFF written by tifffile) gives its samples and 6.5 µm from resolution in cm', () =>
  checkExact('prob_float32.tif', Float32Array));
test('readImage(16-bit TIFF written by tifffile, 5080 dpi) gives 5 µm', () => checkExact('grey16_inch.tif', Uint16Array));
test('readImage(LZW RGB TIFF written by Pillow) gives its samples', () => checkExact('rgb8_lzw.tif', Uint8Array));
test('readImage(TIFF at 72 dpi) treats the writer placeholder as unknown spacing', async () => {
  await checkExact('grey8_72dpi.tif', Uint8Array);
  assert.match((await readImageInfo(join(dir, 'grey8_72dpi.tif'))).spacingSource, /72 dpi/);
});

test('readImage(GIF mask written by Pillow) gives the mask in every channel', async () => {
  const e = expected['mask.gif']!;
  const img = await readImage(join(dir, 'mask.gif'));
  assert.equal(img.width, e.width);
  assert.equal(img.height, e.height);
  for (let i = 0; i < e.data.length; i++) {
    for (let k = 0; k < img.channels; k++) assert.equal(img.data[i * img.channels + k], e.data[i], `pixel ${i} channel ${k}`);
  }
  assert.ok(e.data.includes(255) && e.data.includes(0));
});

test('readImage(JPEG written by Pillow) matches Pillow’s decode within ±3 (IDCT implementations differ)', async () => {
  const e = expected['photo.jpg']!;
  const img = await readImage(join(dir, 'photo.jpg'));
  assert.equal(img.channels, 3);
  assert.equal(img.bitDepth, 8);
  let maxDiff = 0;
  e.data.forEach((v, i) => {
    maxDiff = Math.max(maxDiff, Math.abs(img.data[i]! - v));
  });
  assert.ok(maxDiff <= 3, `max difference ${maxDiff}`);
  const info = await readImageInfo(join(dir, 'photo.jpg'));
  assert.equal(info.format, 'jpeg');
  assert.equal(info.spacingUm, undefined);
});

test('readImage(1-bit TIFF, CCITT G4 TIFF and 1-bit PNG written by Pillow) gives 8-bit 0/255 where Pillow reads 0/1', async () => {
  for (const name of ['bilevel.tif', 'bilevel_g4.tif', 'bilevel.png']) {
    const e = expected[name]!;
    const img = await readImage(join(dir, name));
    assert.deepEqual([img.width, img.height, img.channels], [e.width, e.height, 1], name);
    assert.deepEqual(
      Array.from(img.data),
      e.data.map((v) => v * 255),
      name,
    );
  }
});
