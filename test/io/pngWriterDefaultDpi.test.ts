import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { encodePng } from '../../src/io/encodePng.js';
import { readImage, readImageInfo } from '../../src/io/readImage.js';

test('readImage(PNG whose pHYs is a writer default: 72 dpi, or the libvips 1 px/mm) has no spacing and says why; real pHYs values are read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-png-dpi-'));
  try {
    // sharp's default PNG: pHYs 1000 px/m (libvips' 1 px/mm); with a 72-dpi density (what it keeps from a JPEG): 2835 px/m
    const create = { create: { width: 4, height: 3, channels: 3 as const, background: { r: 9, g: 9, b: 9 } } };
    const vips = join(dir, 'sharp-default.png');
    await sharp(create).png().toFile(vips);
    const dpi72 = join(dir, 'sharp-72dpi.png');
    await sharp(create).withMetadata({ density: 72 }).png().toFile(dpi72);
    for (const [f, why] of [
      [vips, /1 pixel per mm \(libvips default\), a writer's default: spacing unknown/],
      [dpi72, /72 dpi \(2835 pixels per metre\), a writer's default: spacing unknown/],
    ] as const) {
      assert.equal((await readImage(f)).spacingUm, undefined, f);
      assert.match((await readImageInfo(f)).spacingSource, why);
    }
    const ten = join(dir, 'ten.png');
    writeFileSync(ten, encodePng(new Uint8Array(12), 4, 3, 1, [10, 10]));
    assert.equal((await readImage(ten)).spacingUm, 10);
    // one pixel per metre off the writer's 72 dpi default (2834 px/m) is a spacing again
    const near = join(dir, 'near.png');
    writeFileSync(near, encodePng(new Uint8Array(12), 4, 3, 1, [1e6 / 2834, 1e6 / 2834]));
    assert.equal(Math.round(1e6 / (await readImage(near)).spacingUm!), 2834);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
