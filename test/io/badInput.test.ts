import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readImage } from '../../src/io/readImage.js';
import { isVesselprintError } from '../../src/core/errors.js';
import type { ErrorCode } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import { makeDicom } from './dicomFixture.js';

const dir = mkdtempSync(join(tmpdir(), 'vp-io-bad-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'io');

/** The error is a VesselprintError with `code`, names the path, and carries no decoder stack trace. */
async function expectError(path: string, code: ErrorCode, pattern?: RegExp): Promise<void> {
  await assert.rejects(readImage(path), (e) => {
    assert.ok(
      isVesselprintError(e, code),
      `${path}: expected ${code}, got ${e instanceof Error ? `${e.name} ${(e as { code?: string }).code}: ${e.message}` : String(e)}`,
    );
    assert.ok(e.message.startsWith(`${path}: `), `message should start with the path: ${e.message}`);
    assert.equal(e.path, path);
    assert.doesNotMatch(e.message, /\n\s+at /, 'no stack trace in the message');
    assert.ok(!e.message.includes('\n'), 'one line');
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

test('readImage(missing file) throws FILE_NOT_FOUND naming the path', () =>
  expectError(join(dir, 'nope.png'), 'FILE_NOT_FOUND', /does not exist/));

test('readImage(folder) throws FILE_UNREADABLE', () => {
  mkdirSync(join(dir, 'folder.png'));
  return expectError(join(dir, 'folder.png'), 'FILE_UNREADABLE', /folder/);
});

test('readImage(empty file) throws CORRUPT_FILE', () => {
  writeFileSync(join(dir, 'empty.png'), '');
  return expectError(join(dir, 'empty.png'), 'CORRUPT_FILE', /empty/);
});

test('readImage(text, BMP, WebP files) throws UNSUPPORTED_FORMAT', async () => {
  writeFileSync(join(dir, 'notes.png'), 'subject_id,image_id\n1,2\n');
  await expectError(join(dir, 'notes.png'), 'UNSUPPORTED_FORMAT', /not a PNG, JPEG, TIFF, GIF or DICOM/);
  writeFileSync(join(dir, 'a.bmp'), Buffer.concat([Buffer.from('BM'), Buffer.alloc(60)]));
  await expectError(join(dir, 'a.bmp'), 'UNSUPPORTED_FORMAT');
  writeFileSync(join(dir, 'a.webp'), Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 '), Buffer.alloc(20)]));
  await expectError(join(dir, 'a.webp'), 'UNSUPPORTED_FORMAT');
});

const samples: Record<string, Uint8Array> = {
  png: readFileSync(join(fixtures, 'rgb8.png')),
  png16: readFileSync(join(fixtures, 'grey16.png')),
  jpg: readFileSync(join(fixtures, 'photo.jpg')),
  gif: readFileSync(join(fixtures, 'mask.gif')),
  tif: readFileSync(join(fixtures, 'rgb8_lzw.tif')),
  tiff32: readFileSync(join(fixtures, 'prob_float32.tif')),
  dcm: makeDicom({ rows: 8, columns: 8, bitsAllocated: 16, pixels: new Uint16Array(64).fill(9).buffer }),
};

test('readImage(truncated PNG/JPEG/GIF/TIFF/DICOM, cut at half) throws CORRUPT_FILE naming the path', async () => {
  for (const [name, bytes] of Object.entries(samples)) {
    const p = join(dir, `half-${name}.${name.replace(/\d+$/, '')}`);
    writeFileSync(p, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectError(p, 'CORRUPT_FILE', /truncated or corrupt|truncated/);
  }
});

test('readImage(file with a valid signature and garbage after it) throws CORRUPT_FILE', async () => {
  const rng = createRng(99);
  for (const [name, bytes] of Object.entries(samples)) {
    const head = name === 'dcm' ? 132 : 8;
    const junk = Uint8Array.from({ length: 300 }, () => rng.int(0, 255));
    const p = join(dir, `junk-${name}.${name.replace(/\d+$/, '')}`);
    writeFileSync(p, Buffer.concat([bytes.subarray(0, head), junk]));
    await expectError(p, 'CORRUPT_FILE');
  }
});

test('readImage(PNG with a corrupted CRC in the image data) throws CORRUPT_FILE, not a libvips trace', async () => {
  const bytes = Uint8Array.from(samples.png!);
  bytes[bytes.length - 20] ^= 0xff; // inside IDAT
  const p = join(dir, 'crc.png');
  writeFileSync(p, bytes);
  await expectError(p, 'CORRUPT_FILE');
});
