import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Image2D } from '../../src/core/image.js';
import { createRng } from '../../src/core/rng.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { writeImage } from '../../src/io/writeImage.js';
import { readImage } from '../../src/io/readImage.js';
import { oracleSkipReason, runPython } from './pythonOracle.js';

const dir = mkdtempSync(join(tmpdir(), 'vp-io-write-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function randomImage(kind: 'u8' | 'u16' | 'f32', width: number, height: number, channels: number, seed: number): Image2D {
  const rng = createRng(seed);
  const n = width * height * channels;
  const data = kind === 'u8' ? new Uint8Array(n) : kind === 'u16' ? new Uint16Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = kind === 'u8' ? rng.int(0, 255) : kind === 'u16' ? rng.int(0, 65535) : rng.normal(0, 3);
  return { data, width, height, channels };
}

const cases: Array<{ file: string; img: Image2D }> = [];
for (const ch of [1, 2, 3, 4]) {
  cases.push({ file: `u8_c${ch}.png`, img: randomImage('u8', 13, 9, ch, ch) });
  cases.push({ file: `u16_c${ch}.png`, img: randomImage('u16', 11, 70, ch, 10 + ch) });
  cases.push({ file: `u8_c${ch}.tif`, img: randomImage('u8', 13, 9, ch, 20 + ch) });
  cases.push({ file: `u16_c${ch}.tif`, img: randomImage('u16', 11, 70, ch, 30 + ch) }); // 70 rows: 2 strips
  cases.push({ file: `f32_c${ch}.tif`, img: randomImage('f32', 17, 130, ch, 40 + ch) }); // 3 strips
}
cases[0]!.img.spacingUm = 10;
cases[2]!.img.spacingUm = 6.5;
cases[4]!.img.spacingUmRowCol = [4.25, 8.5];

test('readImage(writeImage(img)) gives the same samples, type and spacing for PNG/TIFF, 8/16/32-bit, 1-4 channels', async () => {
  for (const { file, img } of cases) {
    const p = join(dir, file);
    await writeImage(p, img);
    const back = await readImage(p);
    assert.equal(back.width, img.width, file);
    assert.equal(back.height, img.height, file);
    assert.equal(back.channels, img.channels, file);
    assert.equal(back.data.constructor, img.data.constructor, file);
    assert.deepEqual(Array.from(back.data), Array.from(img.data), file);
    if (img.spacingUmRowCol) assert.deepEqual(back.spacingUmRowCol, img.spacingUmRowCol, file);
    else assert.equal(back.spacingUm, img.spacingUm, file);
  }
});

test('writeImage output is read identically by Pillow/tifffile (independent decoders), including resolution', async (t) => {
  const skip = oracleSkipReason(['numpy', 'PIL', 'tifffile']);
  if (skip) return t.skip(skip);
  for (const { file, img } of cases) await writeImage(join(dir, file), img);
  const code = `
import sys, json, numpy as np, tifffile
from PIL import Image
out = {}
for name in sys.argv[2:]:
    p = sys.argv[1] + '/' + name
    if name.endswith('.tif'):
        with tifffile.TiffFile(p) as tf:
            page = tf.pages[0]
            a = page.asarray()
            tags = page.tags
            res = None
            if 'XResolution' in tags:
                x = tags['XResolution'].value; y = tags['YResolution'].value
                res = [y[0] / y[1], x[0] / x[1], int(tags['ResolutionUnit'].value)]
    else:
        im = Image.open(p)
        a = np.asarray(im) if im.mode not in ('I;16', 'I;16B') else np.asarray(im).astype(np.uint16)
        res = None
        if 'dpi' in im.info: res = [im.info['dpi'][1], im.info['dpi'][0], 2]
    out[name] = dict(dtype=str(a.dtype), shape=list(a.shape), data=a.astype(float).ravel().tolist(), res=res)
print(json.dumps(out))`;
  // Pillow 9 reduces 16-bit RGB(A)/grey+alpha PNGs to 8 bits, so those are left to the round-trip test
  // above, whose PNG decoder (libpng inside sharp) is independent of our encoder.
  const names = cases.map((c) => c.file).filter((f) => !/^u16_c[234]\.png$/.test(f));
  const res = JSON.parse(runPython(code, [dir, ...names])) as Record<
    string,
    { dtype: string; shape: number[]; data: number[]; res: [number, number, number] | null }
  >;
  for (const name of names) {
    const img = cases.find((c) => c.file === name)!.img;
    const r = res[name]!;
    const expShape = img.channels === 1 ? [img.height, img.width] : [img.height, img.width, img.channels];
    assert.deepEqual(r.shape, expShape, name);
    const dtype = img.data instanceof Uint8Array ? 'uint8' : img.data instanceof Uint16Array ? 'uint16' : 'float32';
    // Pillow 9 opens a 16-bit grey PNG in its 32-bit integer mode 'I'; the values are still compared exactly
    assert.ok(r.dtype === dtype || (dtype === 'uint16' && name.endsWith('.png') && r.dtype === 'int32'), `${name}: ${r.dtype}`);
    assert.deepEqual(r.data, Array.from(img.data), name);
    if (name === 'u8_c1.png') assert.ok(Math.abs(r.res![0] - 2540) < 0.01, `PNG dpi ${r.res}`); // 10 µm = 2540 dpi
    if (name === 'u8_c1.tif') assert.deepEqual([r.res![0], r.res![2]], [1e4 / 6.5, 3], name); // px per cm, unit cm
    if (name === 'f32_c1.tif') assert.deepEqual(r.res, [1e4 / 4.25, 1e4 / 8.5, 3], name);
    if (name === 'u16_c1.tif') assert.equal(r.res, null, 'no spacing → no resolution tags');
  }
});

test('writeImage(same image) twice gives byte-identical files', async () => {
  const img = randomImage('u16', 31, 29, 3, 5);
  for (const ext of ['png', 'tif']) {
    await writeImage(join(dir, `a.${ext}`), img);
    await writeImage(join(dir, `b.${ext}`), img);
    assert.deepEqual(readFileSync(join(dir, `a.${ext}`)), readFileSync(join(dir, `b.${ext}`)));
  }
});

test('writeImage(float image to PNG) rounds to the nearest integer and refuses out-of-range values', async () => {
  const p = join(dir, 'float.png');
  await writeImage(p, { data: new Float32Array([0.4, 0.6, 254.5, 255]), width: 4, height: 1, channels: 1 });
  assert.deepEqual(Array.from((await readImage(p)).data), [0, 1, 255, 255]);
  await assert.rejects(
    writeImage(p, { data: new Float32Array([0, 300]), width: 2, height: 1, channels: 1 }),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /row 0, column 1/.test(e.message) && e.message.includes(p),
  );
  await assert.rejects(writeImage(p, { data: new Float32Array([NaN]), width: 1, height: 1, channels: 1 }), (e) =>
    isVesselprintError(e, 'BAD_ARGUMENT'),
  );
  await writeImage(p, { data: new Float32Array([300]), width: 1, height: 1, channels: 1 }, { bitDepth: 16 });
  assert.deepEqual(Array.from((await readImage(p)).data), [300]);
});

test('writeImage refuses 32-bit PNG, unknown extensions and inconsistent images, leaving no temp files', async () => {
  const sub = mkdtempSync(join(tmpdir(), 'vp-io-bad-'));
  const img: Image2D = { data: new Float32Array(4), width: 2, height: 2, channels: 1 };
  await assert.rejects(writeImage(join(sub, 'p.png'), img, { bitDepth: 32 }), (e) => isVesselprintError(e, 'UNSUPPORTED_FORMAT'));
  await assert.rejects(writeImage(join(sub, 'p.bmp'), img), (e) => isVesselprintError(e, 'UNSUPPORTED_FORMAT') && /\.bmp/.test(e.message));
  await assert.rejects(writeImage(join(sub, 'p.png'), { ...img, width: 3 }), (e) => isVesselprintError(e, 'SHAPE_MISMATCH'));
  await assert.rejects(writeImage(join(sub, 'p.tif'), { ...img, spacingUm: -1 }), (e) => isVesselprintError(e, 'BAD_ARGUMENT'));
  assert.deepEqual(readdirSync(sub), []);
});
