/**
 * Helper of bench/retinaCalibrate.ts (not a bench itself): runs the shipped artery/vein CNN
 * (hrf-av-unet) and the vessel-only U-Net (hrf-unet) on HRF images and caches their maps as raw
 * float32 files in a folder, so the calibration can be re-analysed without re-running the models.
 * Usage: node --import tsx bench/_retinaMapsCache.ts CACHE_DIR ID [ID …]
 */
import { existsSync, mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readImage } from '../src/io/readImage.js';
import { toMask } from '../src/core/image.js';
import { predictArteryVein } from '../src/segment/unet/predictArteryVein.js';
import { segmentUnet } from '../src/segment/unet/segmentUnet.js';

const D = '../shared/data/hrf';
const [dir, ...ids] = process.argv.slice(2);
if (!dir) throw new Error('usage: _retinaMapsCache.ts CACHE_DIR ID…');
mkdirSync(dir, { recursive: true });
const files = readdirSync(`${D}/images`);
const buf = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
for (const id of ids) {
  const f = files.find((x) => x.startsWith(`${id}.`))!;
  const img = await readImage(`${D}/images/${f}`);
  const fov = toMask(await readImage(`${D}/mask/${id}_mask.png`));
  const workers = availableParallelism();
  if (!existsSync(`${dir}/${id}.av.vein.f32`)) {
    const t = Date.now();
    const m = await predictArteryVein(img, undefined, { fov, workers });
    writeFileSync(`${dir}/${id}.av.vessel.f32`, buf(m.vessel));
    writeFileSync(`${dir}/${id}.av.artery.f32`, buf(m.artery));
    writeFileSync(`${dir}/${id}.av.vein.f32`, buf(m.vein));
    console.log(`${id}: hrf-av-unet ${Date.now() - t} ms`);
  }
  if (!existsSync(`${dir}/${id}.unet.f32`)) {
    const t = Date.now();
    const u = await segmentUnet(img, undefined, { fov, workers });
    writeFileSync(`${dir}/${id}.unet.f32`, buf(u.probability.data));
    console.log(`${id}: hrf-unet ${Date.now() - t} ms (its threshold ${u.threshold})`);
  }
}
process.exit(0);
