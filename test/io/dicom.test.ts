import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import sharp from 'sharp';
import { readImage, readImageInfo } from '../../src/io/readImage.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { makeDicom } from './dicomFixture.js';
import type { DicomSpec } from './dicomFixture.js';

const dir = mkdtempSync(join(tmpdir(), 'vp-io-dicom-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let k = 0;
function save(bytes: Uint8Array, name = `f${k++}.dcm`): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
const ab = (a: ArrayBufferView): ArrayBuffer => a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength) as ArrayBuffer;

// 12 bits stored in 16: the top nibble of the last sample is garbage (overlay bits) and must be masked off
const values12 = [0, 1, 2, 1000, 4095, 7];
const stored12 = new Uint16Array([0, 1, 2, 1000, 4095, 0xf000 | 7]);
const spec12: DicomSpec = {
  rows: 2,
  columns: 3,
  pixels: ab(stored12),
  bitsAllocated: 16,
  bitsStored: 12,
  extra: { PixelSpacing: [0.005, 0.006] },
};

test('readImage(DICOM, explicit VR LE, 12 of 16 bits) gives the stored values and PixelSpacing in µm (row 5, column 6)', async () => {
  const img = await readImage(save(makeDicom(spec12)));
  assert.ok(img.data instanceof Uint16Array);
  assert.deepEqual(Array.from(img.data), values12);
  assert.deepEqual([img.width, img.height, img.channels, img.bitDepth], [3, 2, 1, 16]);
  assert.deepEqual(img.spacingUmRowCol, [5, 6]);
});

test('readImage(DICOM) decodes implicit VR LE, explicit VR big endian and deflated transfer syntaxes to the same values', async () => {
  assert.deepEqual(Array.from((await readImage(save(makeDicom({ ...spec12, transferSyntax: '1.2.840.10008.1.2' })))).data), values12);
  // big endian: OW pixel data is byte-swapped in the file (PS3.5 §7.3); dcmjs writes the bytes as given
  const be = new Uint8Array(stored12.length * 2);
  stored12.forEach((v, i) => new DataView(be.buffer).setUint16(2 * i, v, false));
  assert.deepEqual(
    Array.from((await readImage(save(makeDicom({ ...spec12, pixels: ab(be), transferSyntax: '1.2.840.10008.1.2.2' })))).data),
    values12,
  );
  // deflated: the data set after the file meta group is raw-deflated (PS3.5 A.5)
  const plain = makeDicom({ ...spec12, transferSyntax: '1.2.840.10008.1.2.1.99' });
  const metaEnd = 132 + 12 + new DataView(plain.buffer, plain.byteOffset).getUint32(140, true);
  const deflated = Buffer.concat([Buffer.from(plain.subarray(0, metaEnd)), deflateRawSync(plain.subarray(metaEnd))]);
  assert.deepEqual(Array.from((await readImage(save(deflated))).data), values12);
});

test('readImage(raw .dcm data set without preamble) reads it as implicit VR little endian', async () => {
  const full = makeDicom({ ...spec12, transferSyntax: '1.2.840.10008.1.2' });
  const metaEnd = 132 + 12 + new DataView(full.buffer, full.byteOffset).getUint32(140, true);
  assert.deepEqual(Array.from((await readImage(save(full.subarray(metaEnd), 'raw.dcm'))).data), values12);
});

test('readImage(DICOM RGB, planar configuration 1) interleaves the planes', async () => {
  // 2 pixels: planes R R G G B B
  const img = await readImage(
    save(
      makeDicom({
        rows: 1,
        columns: 2,
        bitsAllocated: 8,
        samplesPerPixel: 3,
        photometric: 'RGB',
        planarConfiguration: 1,
        pixels: ab(new Uint8Array([10, 11, 20, 21, 30, 31])),
      }),
    ),
  );
  assert.deepEqual(Array.from(img.data), [10, 20, 30, 11, 21, 31]);
  assert.equal(img.channels, 3);
});

test('readImage(DICOM YBR_FULL) converts to RGB (grey stays grey; pure red comes back red)', async () => {
  // BT.601 full range: red (255,0,0) → Y 76.245, Cb 84.97, Cr 255.5 (clipped 255)
  const img = await readImage(
    save(
      makeDicom({
        rows: 1,
        columns: 2,
        bitsAllocated: 8,
        samplesPerPixel: 3,
        photometric: 'YBR_FULL',
        pixels: ab(new Uint8Array([128, 128, 128, 76, 85, 255])),
      }),
    ),
  );
  assert.deepEqual(Array.from(img.data.slice(0, 3)), [128, 128, 128]);
  const red = Array.from(img.data.slice(3));
  assert.ok(Math.abs(red[0]! - 255) <= 2 && red[1]! <= 2 && red[2]! <= 2, `red came back as ${red}`);
});

test('readImage(DICOM MONOCHROME1) inverts to MONOCHROME2: v → 2^BitsStored − 1 − v', async () => {
  const img = await readImage(
    save(makeDicom({ rows: 1, columns: 3, bitsAllocated: 8, photometric: 'MONOCHROME1', pixels: ab(new Uint8Array([0, 100, 255])) })),
  );
  assert.deepEqual(Array.from(img.data), [255, 155, 0]);
});

test('readImage(DICOM signed 16-bit with rescale) sign-extends and applies slope/intercept', async () => {
  const raw = new Int16Array([-5, 0, 300, -32768]);
  const signed = await readImage(save(makeDicom({ rows: 2, columns: 2, bitsAllocated: 16, pixelRepresentation: 1, pixels: ab(raw) })));
  assert.ok(signed.data instanceof Float32Array);
  assert.deepEqual(Array.from(signed.data), [-5, 0, 300, -32768]);
  const rescaled = await readImage(
    save(
      makeDicom({
        rows: 2,
        columns: 2,
        bitsAllocated: 16,
        pixels: ab(new Uint16Array([0, 1, 2, 10])),
        extra: { RescaleSlope: '2', RescaleIntercept: '-10' },
      }),
    ),
  );
  assert.deepEqual(Array.from(rescaled.data), [-10, -8, -6, 10]);
});

test('readImage(DICOM with only ImagerPixelSpacing) takes it; readImageInfo says which tag', async () => {
  const p = save(makeDicom({ ...spec12, extra: { ImagerPixelSpacing: [0.0125, 0.0125] } }));
  const img = await readImage(p);
  assert.equal(img.spacingUm, 12.5);
  assert.equal(img.spacingUmRowCol, undefined);
  assert.equal((await readImageInfo(p)).spacingSource, 'DICOM ImagerPixelSpacing (mm)');
});

test('readImage(multi-frame DICOM) returns the first frame; info counts the frames', async () => {
  const p = save(makeDicom({ rows: 1, columns: 2, bitsAllocated: 8, numberOfFrames: 2, pixels: ab(new Uint8Array([1, 2, 3, 4])) }));
  assert.deepEqual(Array.from((await readImage(p)).data), [1, 2]);
  assert.equal((await readImageInfo(p)).frames, 2);
});

test('readImage(JPEG Baseline DICOM) equals libjpeg’s decode of the embedded JPEG stream (RGB and grey)', async () => {
  for (const channels of [3, 1] as const) {
    const raw = new Uint8Array(8 * 6 * channels).map((_, i) => (i * 37) % 256);
    const jpg = await sharp(Buffer.from(raw), { raw: { width: 8, height: 6, channels } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const p = save(
      makeDicom({
        rows: 6,
        columns: 8,
        bitsAllocated: 8,
        samplesPerPixel: channels,
        photometric: channels === 3 ? 'YBR_FULL_422' : 'MONOCHROME2',
        pixels: ab(jpg),
        transferSyntax: '1.2.840.10008.1.2.4.50',
      }),
    );
    const img = await readImage(p);
    const ref = await sharp(jpg).raw().toBuffer({ resolveWithObject: true });
    assert.equal(img.channels, ref.info.channels);
    assert.deepEqual(Array.from(img.data), Array.from(ref.data));
  }
});

test('readImage(JPEG 2000 / RLE DICOM) refuses with UNSUPPORTED_FORMAT naming the syntax, the path and a conversion command', async () => {
  for (const [uid, name] of [
    ['1.2.840.10008.1.2.4.90', 'JPEG 2000'],
    ['1.2.840.10008.1.2.5', 'RLE Lossless'],
    ['1.2.840.10008.1.2.4.70', 'JPEG Lossless'],
  ] as const) {
    const p = save(
      makeDicom({ rows: 2, columns: 2, bitsAllocated: 8, pixels: ab(new Uint8Array([0xff, 0x4f, 0xff, 0x51, 0, 0])), transferSyntax: uid }),
    );
    await assert.rejects(
      readImage(p),
      (e) => isVesselprintError(e, 'UNSUPPORTED_FORMAT') && e.message.includes(name) && e.message.includes(p) && /gdcmconv/.test(e.message),
    );
  }
});
