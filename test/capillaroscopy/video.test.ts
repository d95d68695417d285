import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { encodeTiffStack } from '../../src/io/encodeTiffStack.js';
import { encodePng } from '../../src/io/encodePng.js';
import { openVideo } from '../../src/io/openVideo.js';
import { readRawStrips } from '../../src/io/readRawStrips.js';
import { fromFile } from 'geotiff';
import { open } from 'node:fs/promises';
import { openVideoFfmpeg, hasFfmpeg } from '../../src/io/readVideoFfmpeg.js';
import type { Image2D } from '../../src/core/image.js';
import { createRng } from '../../src/core/rng.js';
import { planSkinScene } from '../../src/synth/skinVideoScene.js';
import { synthSkinRecording } from '../../src/synth/skinVideo.js';
import { writeSkinRecording } from '../../src/synth/writeSkinRecording.js';
import { recordingTruth } from '../../src/synth/skinVideoTruth.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'vp-capvideo-'));
const W = 40,
  H = 24,
  N = 5;
const frames8 = Array.from({ length: N }, (_, k) => Uint8Array.from({ length: W * H }, (_, i) => (i * 7 + k * 31) % 256));

async function collect(it: AsyncIterable<Image2D>): Promise<Image2D[]> {
  const out: Image2D[] = [];
  for await (const f of it) out.push(f);
  return out;
}

function needFfmpeg(t: TestContext): boolean {
  if (hasFfmpeg()) return true;
  if (process.env.CI) throw new Error('ffmpeg is required in CI (.ci/run installs it)');
  t.skip('ffmpeg not installed (apt-get install ffmpeg)');
  return false;
}

test('openVideo(multi-page TIFF) streams 8- and 16-bit pages unchanged with fps and spacing from the file', async () => {
  const dir = tmp();
  const p8 = join(dir, 'a.tif'),
    p16 = join(dir, 'b.tiff');
  writeFileSync(p8, encodeTiffStack(frames8, W, H, { fps: 25, spacingUm: 2.5 }));
  const frames16 = frames8.map((f) => Uint16Array.from(f, (v) => v * 257));
  writeFileSync(p16, encodeTiffStack(frames16, W, H));
  const a = await openVideo(p8);
  assert.deepEqual(
    [a.info.format, a.info.width, a.info.height, a.info.frames, a.info.fps, a.info.spacingUm],
    ['tiff-stack', W, H, N, 25, 2.5],
  );
  const fa = await collect(a.frames());
  assert.equal(fa.length, N);
  fa.forEach((f, k) => assert.deepEqual(Array.from(f.data), Array.from(frames8[k]!)));
  const b = await openVideo(p16, { fps: 30, spacingUm: 1.5 });
  assert.deepEqual([b.info.fps, b.info.fpsSource, b.info.spacingUm], [30, 'given', 1.5]);
  const fb = await collect(b.frames());
  assert.ok(fb[2]!.data instanceof Uint16Array);
  assert.deepEqual(Array.from(fb[2]!.data), Array.from(frames16[2]!));
  rmSync(dir, { recursive: true });
});

test('openVideo(folder) orders frames by the number in their names (frame_2 before frame_10)', async () => {
  const dir = tmp();
  const order = [10, 2, 1, 33, 7];
  order.forEach((num, k) => writeFileSync(join(dir, `frame_${num}.png`), encodePng(frames8[k]!, W, H, 1)));
  writeFileSync(join(dir, 'notes.txt'), 'not a frame');
  const v = await openVideo(dir);
  assert.equal(v.info.frames, N);
  assert.match(v.info.fpsSource, /unknown/);
  const got = await collect(v.frames());
  const byNumber = order.map((num, k) => ({ num, k })).sort((x, y) => x.num - y.num);
  got.forEach((f, i) => assert.deepEqual(Array.from(f.data), Array.from(frames8[byNumber[i]!.k]!)));
  await assert.rejects(openVideo(join(dir, 'missing')), (e: Error & { code?: string }) => e.code === 'FILE_NOT_FOUND');
  rmSync(dir, { recursive: true });
});

test('openVideo(AVI, lossless FFV1) through ffmpeg streams the exact frames with the fps from ffprobe', async (t) => {
  if (!needFfmpeg(t)) return;
  const dir = tmp();
  frames8.forEach((f, k) => writeFileSync(join(dir, `f${String(k).padStart(3, '0')}.png`), encodePng(f, W, H, 1)));
  const avi = join(dir, 'rec.avi');
  const r = spawnSync('ffmpeg', ['-v', 'error', '-framerate', '30', '-i', join(dir, 'f%03d.png'), '-c:v', 'ffv1', '-pix_fmt', 'gray', avi]);
  assert.equal(r.status, 0, r.stderr?.toString());
  const v = await openVideo(avi);
  assert.deepEqual([v.info.format, v.info.width, v.info.height, v.info.fps], ['ffmpeg', W, H, 30]);
  const got = await collect(v.frames());
  assert.equal(got.length, N);
  got.forEach((f, k) => assert.deepEqual(Array.from(f.data), Array.from(frames8[k]!)));
  rmSync(dir, { recursive: true });
});

test('openVideoFfmpeg without ffmpeg on PATH fails with EXTERNAL_TOOL naming apt-get install ffmpeg', async () => {
  const saved = process.env.PATH;
  process.env.PATH = mkdtempSync(join(tmpdir(), 'vp-empty-path-'));
  try {
    await assert.rejects(
      openVideoFfmpeg('/nonexistent/video.mp4'),
      (e: Error & { code?: string }) => e.code === 'EXTERNAL_TOOL' && /apt-get install ffmpeg/.test(e.message),
    );
  } finally {
    process.env.PATH = saved;
  }
});

function cli(args: string[]): { json: Record<string, unknown>; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['bin/vesselprint.mjs', ...args], { encoding: 'utf8' });
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    /* error case */
  }
  return { json, stderr: r.stderr, status: r.status };
}

test('vesselprint capillaroscopy on a synthetic multi-page TIFF and its MP4: flat JSON, maps and overlay written, counts near truth', async (t) => {
  const dir = tmp();
  const scene = planSkinScene(createRng(41), { width: 256, height: 192 });
  const rec = synthSkinRecording(scene, { visible: 0.7, flowing: 0.8 }, createRng(42), {
    frames: 30,
    jerkProbability: 0,
    defocusProbability: 0,
  });
  const paths = writeSkinRecording(dir, 'rec', scene, rec);
  const out = join(dir, 'out');
  const a = cli(['capillaroscopy', paths.video, '--out-dir', out, '--json']);
  assert.equal(a.status, 0, a.stderr);
  for (const k of ['frames_used', 'capillary_count', 'capillary_density_per_mm2', 'perfused_fraction', 'nn_distance_um', 'clark_evans_r'])
    assert.equal(typeof a.json[k], 'number', k);
  assert.equal(a.json.frames_used, 30);
  assert.equal(a.json.fps, 30);
  for (const f of [
    'mean.png',
    'min.png',
    'sd.png',
    'mean.tif',
    'sd.tif',
    'min.tif',
    'overlay.png',
    'capillaries.csv',
    'frames.csv',
    'measures.json',
  ])
    assert.ok(existsSync(join(out, f)), f);
  assert.equal(readFileSync(join(out, 'frames.csv'), 'utf8').trim().split('\n').length, 31);
  // truth in the whole frame bounds the count (the counting field is smaller)
  const truth = recordingTruth(scene, rec.states);
  const count = a.json.capillary_count as number;
  assert.ok(count > 0 && count <= truth.visibleCount, `count ${count}, visible in frame ${truth.visibleCount}`);
  const noSpacing = cli(['capillaroscopy', paths.video, '--spacing-um', '-1', '--json']);
  assert.notEqual(noSpacing.status, 0);
  assert.match(noSpacing.stderr, /spacing-um/);
  if (!needFfmpeg(t)) return;
  const mp4 = join(dir, 'rec.mp4');
  // ffmpeg's TIFF decoder reads only the first page of a stack: encode from numbered PNG frames
  mkdirSync(join(dir, 'png'));
  rec.frames.forEach((f, k) =>
    writeFileSync(join(dir, 'png', `f${String(k).padStart(3, '0')}.png`), encodePng(f.data, f.width, f.height, 1)),
  );
  const r = spawnSync('ffmpeg', [
    '-v',
    'error',
    '-framerate',
    '30',
    '-i',
    join(dir, 'png', 'f%03d.png'),
    '-c:v',
    'libx264',
    '-crf',
    '10',
    '-pix_fmt',
    'yuv420p',
    mp4,
  ]);
  assert.equal(r.status, 0, r.stderr?.toString());
  const b = cli(['capillaroscopy', mp4, '--spacing-um', '2.5', '--out-dir', join(dir, 'out-mp4'), '--json']);
  assert.equal(b.status, 0, b.stderr);
  assert.equal(b.json.format, 'ffmpeg');
  assert.equal(b.json.frames_total, 30);
  assert.ok(Math.abs((b.json.capillary_count as number) - count) <= 1, `MP4 ${String(b.json.capillary_count)} vs TIFF ${count}`);
  rmSync(dir, { recursive: true });
});

test('readRawStrips reads plain TIFF pages exactly as geotiff.js decodes them (8-bit, 16-bit in 7-row strips) and declines LZW pages', async (t) => {
  if (spawnSync('convert', ['-version'], { stdio: 'ignore' }).status !== 0) {
    if (process.env.CI) throw new Error('ImageMagick is required in CI (.ci/run installs it)');
    t.skip('ImageMagick `convert` not installed (apt-get install imagemagick)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vp-strips-'));
  try {
    const rng = createRng(4),
      w = 37,
      h = 29;
    const pages = [0, 1, 2].map(() => Uint8Array.from({ length: w * h }, () => rng.int(0, 255)));
    const a = join(dir, 'a.tif');
    writeFileSync(a, encodeTiffStack(pages, w, h, { fps: 30 }));
    const b = join(dir, 'b16.tif'),
      c = join(dir, 'c.tif');
    assert.equal(spawnSync('convert', [a, '-depth', '16', '-define', 'tiff:rows-per-strip=7', b]).status, 0);
    assert.equal(spawnSync('convert', [a, '-compress', 'lzw', c]).status, 0);
    for (const [path, plain] of [
      [a, true],
      [b, true],
      [c, false],
    ] as const) {
      const tiff = await fromFile(path),
        fh = await open(path, 'r');
      try {
        for (let i = 0; i < 3; i++) {
          const im = await tiff.getImage(i);
          const fast = await readRawStrips(im, fh);
          if (!plain) {
            assert.equal(fast, null, `${path} page ${i}: LZW must go through geotiff`);
            continue;
          }
          const ref = (await im.readRasters({ interleave: true })) as ArrayLike<number>;
          assert.ok(fast !== null, `${path} page ${i}`);
          assert.equal(fast.length, ref.length);
          assert.deepEqual(Array.from(fast), Array.from(ref), `${path} page ${i}`);
        }
      } finally {
        await fh.close();
        await tiff.close();
      }
    }
    // and the 16-bit stack streams through openVideo as 8-bit × 257 (ImageMagick's depth scaling)
    const frames: Image2D[] = [];
    for await (const f of (await openVideo(b)).frames()) frames.push(f);
    assert.deepEqual(
      Array.from(frames[1]!.data),
      Array.from(pages[1]!, (v) => v * 257),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
