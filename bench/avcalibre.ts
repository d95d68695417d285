/**
 * `npm run bench -- avcalibre [--maps DIR]`: what the segment-level artery/vein classifier changes
 * downstream. On the held-out HRF images (08_*, 15_*), at the maps' half resolution, CRAE / CRVE / AVR
 * (`analyzeRetina`, our annotated disc halved, 10 µm/px assumed — AVR does not depend on it) from
 * (1) the manual labels (colour A/V image shrunk by area averaging: artery = red + green/2, vein =
 * blue + green/2), (2) the CNN maps as they are, (3) the CNN maps through `classifyAvSegments`
 * (`avSegmentClassifier: true`); relative differences (auto − manual) / manual per image and the mean
 * |difference|. Maps folder as for `bench/avclassify.ts` (default /tmp/avmaps). `--threshold T`: the vessel
 * threshold of the CNN maps (default: the shipped model's calibrated threshold, `modelVesselThreshold`).
 */
import { readFileSync, existsSync } from 'node:fs';
import { readImage } from '../src/io/readImage.js';
import { toMask } from '../src/core/image.js';
import { resizeChannels } from '../src/segment/unet/resizeImage.js';
import { resizeMask } from '../src/preprocess/resample.js';
import { analyzeRetina } from '../src/retina/analyzeRetina.js';
import { modelVesselThreshold } from '../src/retina/predictArteryVeinAdapter.js';
import { DEFAULT_AV_MODEL_DIR } from '../src/segment/unet/predictArteryVein.js';
const D = '../shared/data/hrf';
const i = process.argv.indexOf('--maps');
const dir = i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : '/tmp/avmaps';
const ti = process.argv.indexOf('--threshold');
const cnnThreshold = ti > 0 ? Number(process.argv[ti + 1]) : (modelVesselThreshold(DEFAULT_AV_MODEL_DIR) ?? 0.5);
console.log(`CNN vessel threshold ${cnnThreshold}`);
if (!existsSync(`${D}/images`) || !existsSync(dir)) {
  console.log(`avcalibre bench: needs ${D} and the maps folder ${dir} (see bench/avclassify.ts)`);
  process.exit(0);
}
const ann = (
  JSON.parse(readFileSync('test/fixtures/hrf-optic-disc.json', 'utf8')) as {
    discs: Record<string, { row: number; col: number; radius_px: number }>;
  }
).discs;
const sums = { cnn: [0, 0, 0], cnn_sc: [0, 0, 0] };
const ids = ['08_h', '08_g', '08_dr', '15_h', '15_g', '15_dr'];
for (const id of ids) {
  const meta = JSON.parse(readFileSync(`${dir}/${id}.json`, 'utf8')) as { width: number; height: number };
  const w = meta.width,
    h = meta.height;
  const f32 = (k: string): Float32Array => {
    const b = readFileSync(`${dir}/${id}.${k}.f32`);
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  const maps = { width: w, height: h, artery: f32('artery'), vein: f32('vein'), vessel: f32('vessel') };
  const full = await readImage(`${D}/images/${id}.${id.endsWith('dr') ? 'JPG' : 'jpg'}`);
  const img = resizeChannels(full, w, h);
  const fov = resizeMask(toMask(await readImage(`${D}/mask/${id}_mask.png`)), w, h);
  const avFull = await readImage(`${D}/av/${id}_AVmanual.png`);
  const avSmall = resizeChannels(avFull, w, h);
  // manual maps at half res: area-averaged colour channels -> artery/vein fractions
  const n = w * h,
    ma = new Float32Array(n),
    mv = new Float32Array(n),
    mvs = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const r = avSmall.data[k * 3]! / 255,
      g = avSmall.data[k * 3 + 1]! / 255,
      b = avSmall.data[k * 3 + 2]! / 255;
    mvs[k] = Math.min(1, r + g + b);
    ma[k] = r + g / 2;
    mv[k] = b + g / 2;
  }
  const manual = { width: w, height: h, artery: ma, vein: mv, vessel: mvs };
  const a = ann[id]!;
  const disc = { row: a.row / 2, col: a.col / 2, radiusPx: a.radius_px / 2 };
  const rec = (m: typeof maps, sc: boolean, thr?: number) => {
    const r = analyzeRetina(img, m, {
      fov,
      disc,
      spacingUm: 10,
      avSegmentClassifier: sc,
      ...(thr === undefined ? {} : { vesselThreshold: thr }),
    }).record;
    return { crae: r.crae_um as number, crve: r.crve_um as number, avr: r.avr as number };
  };
  const M = rec(manual, false),
    C = rec(maps, false, cnnThreshold),
    S = rec(maps, true, cnnThreshold);
  const rel = (x: number, y: number) => +((x - y) / y).toFixed(3);
  const rc = [rel(C.crae, M.crae), rel(C.crve, M.crve), rel(C.avr, M.avr)],
    rs = [rel(S.crae, M.crae), rel(S.crve, M.crve), rel(S.avr, M.avr)];
  for (let j = 0; j < 3; j++) {
    sums.cnn[j]! += Math.abs(rc[j]!) / ids.length;
    sums.cnn_sc[j]! += Math.abs(rs[j]!) / ids.length;
  }
  console.log(JSON.stringify({ id, manual: M, cnn: C, cnn_sc: S, rel_cnn: rc, rel_cnn_sc: rs }));
}
console.log(
  `mean |relative difference| to manual [CRAE, CRVE, AVR]: CNN ${sums.cnn.map((v) => v.toFixed(3)).join(', ')}; CNN + segment classifier ${sums.cnn_sc.map((v) => v.toFixed(3)).join(', ')}`,
);
