/**
 * Helper of bench/avclassify.ts and bench/avcalibre.ts (not a bench itself): writes the maps folder they
 * read — the artery/vein CNN's maps of HRF photographs at the resolution the network runs at (half HRF
 * resolution for the shipped hrf-av-unet), as `ID.artery.f32`, `ID.vein.f32`, `ID.vessel.f32` (float32
 * little-endian, row-major) and `ID.json` ({ width, height }). Images already in the folder are skipped.
 * Usage: node --import tsx bench/_avMapsDump.ts DIR [--model MODEL_DIR] ID [ID …]
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readImage } from '../src/io/readImage.js';
import { toMask } from '../src/core/image.js';
import { resizeMask } from '../src/preprocess/resample.js';
import { resizeChannels } from '../src/segment/unet/resizeImage.js';
import { DEFAULT_AV_MODEL_DIR, predictArteryVein } from '../src/segment/unet/predictArteryVein.js';

const D = '../shared/data/hrf';
const args = process.argv.slice(2);
const mi = args.indexOf('--model');
const modelDir = mi >= 0 ? args.splice(mi, 2)[1]! : DEFAULT_AV_MODEL_DIR;
const [dir, ...ids] = args;
if (!dir || ids.length === 0) throw new Error('usage: _avMapsDump.ts DIR [--model MODEL_DIR] ID…');
mkdirSync(dir, { recursive: true });
const meta = JSON.parse(readFileSync(`${modelDir}/metadata.json`, 'utf8')) as { notes?: { downsample?: number } };
const f = Number(meta.notes?.downsample ?? 1);
const files = readdirSync(`${D}/images`);
const buf = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
for (const id of ids) {
  if (existsSync(`${dir}/${id}.json`)) continue;
  const name = files.find((x) => x.startsWith(`${id}.`));
  if (!name) throw new Error(`no HRF image ${id} in ${D}/images`);
  const img = await readImage(`${D}/images/${name}`);
  const fov = toMask(await readImage(`${D}/mask/${id}_mask.png`));
  const w = Math.round(img.width / f),
    h = Math.round(img.height / f);
  const t = Date.now();
  const m = await predictArteryVein(resizeChannels(img, w, h), modelDir, {
    fov: resizeMask(fov, w, h),
    downsample: 1,
    workers: availableParallelism(),
  });
  writeFileSync(`${dir}/${id}.artery.f32`, buf(m.artery));
  writeFileSync(`${dir}/${id}.vein.f32`, buf(m.vein));
  writeFileSync(`${dir}/${id}.vessel.f32`, buf(m.vessel));
  writeFileSync(`${dir}/${id}.json`, JSON.stringify({ width: w, height: h }));
  console.log(`${id}: ${w}x${h} in ${Date.now() - t} ms`);
}
process.exit(0);
