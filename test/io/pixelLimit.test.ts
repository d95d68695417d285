import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { readImage } from '../../src/io/readImage.js';
import { pngChunk } from '../../src/io/encodePng.js';

/** A PNG whose header says width x height (8-bit grey) with a token IDAT: what a huge scan's header looks like. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

test('readImage(60000x60000 PNG) says the image exceeds the pixel limit and gives its size (not "truncated or corrupt")', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-huge-'));
  try {
    const p = join(dir, 'huge.png');
    writeFileSync(p, pngHeader(60000, 60000));
    await assert.rejects(readImage(p), (e: Error) => {
      assert.match(e.message, /huge\.png: image is 60000x60000 px \(3600 megapixels\), which exceeds the pixel limit of 268402689 px/);
      assert.doesNotMatch(e.message, /corrupt/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
