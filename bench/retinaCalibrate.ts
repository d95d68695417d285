/**
 * `npm run bench -- retinaCalibrate [CACHE_DIR] [IDS]`: calibrates the vessel mask of the retina
 * pipeline on HRF images that are NOT in the test split (train 06, 07, 11, 12, 13; validation 14).
 * Needs the models' maps cached by `node --import tsx bench/_retinaMapsCache.ts CACHE_DIR ID…`
 * (hrf-av-unet: vessel/artery/vein; hrf-unet: vessel probability).
 *
 * Per image, model and threshold t (vessel = probability ≥ t inside the FOV), against the manual
 * vessel mask (manual1/): the vessel fraction of the FOV, precision, recall, Dice, and the width
 * ratio model / manual on the manual centre line — at each manual skeleton pixel whose manual
 * width 2d − 1 (d = Euclidean distance transform, px) is ≥ 5 px (the vessels CRAE/CRVE are made
 * of), (2 d_model − 1) / (2 d_manual − 1); the median over those pixels.
 * Then CRAE/CRVE on the validation images from hybrid maps — the model's vessel probability at a
 * threshold, the manual A/V labels, the annotated disc — against the all-manual maps: the width
 * error alone (`HYBRID_T=0.5,0.9`; `WIDTH_METHOD=profile` for the half-height profile width, then
 * also the manual maps measured with it against the mask width).
 * With `WIDTH_LEVELS=0.85,0.86,…`: the width level of the A/V model (see the last section), chosen
 * on the training images, validation reported.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { readImage } from '../src/io/readImage.js';
import { toMask, type Mask2D } from '../src/core/image.js';
import { skeletonize } from '../src/vascular/skeletonize.js';
import { distanceTransform } from '../src/vascular/distanceTransform.js';
import { avMapsFromLabels } from '../src/retina/avMapsFromLabels.js';
import { analyzeRetina } from '../src/retina/analyzeRetina.js';
import { median } from '../src/retina/labelSegments.js';
import { levelZoneBWidths } from '../src/retina/profileWidths.js';
import { craeCrve } from '../src/retina/craeCrve.js';
import { modelVesselThreshold } from '../src/retina/predictArteryVeinAdapter.js';
import { DEFAULT_AV_MODEL_DIR } from '../src/segment/unet/predictArteryVein.js';

const D = '../shared/data/hrf';
const dir = process.argv[3] ?? '/tmp/vp-calib';
const MODEL_THRESHOLD = modelVesselThreshold(DEFAULT_AV_MODEL_DIR) ?? 0.5;
const THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
const ids = (
  process.argv[4]?.split(',') ??
  readdirSync(dir)
    .filter((f) => f.endsWith('.unet.f32'))
    .map((f) => f.slice(0, -9))
)
  .filter((id) => !/^(08|15)_/.test(id))
  .sort();
const ann = (
  JSON.parse(readFileSync('test/fixtures/hrf-optic-disc.json', 'utf8')) as {
    discs: Record<string, { row: number; col: number; radius_px: number }>;
  }
).discs;
const f32 = (p: string): Float32Array => {
  const b = readFileSync(p);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
};
const agg: Record<string, { frac: number[]; dice: number[]; prec: number[]; rec: number[]; wr: number[] }> = {};
for (const id of ids) {
  if (!existsSync(`${dir}/${id}.unet.f32`)) continue;
  const split = /^14_/.test(id) ? 'validation' : 'train';
  const fov = toMask(await readImage(`${D}/mask/${id}_mask.png`));
  const manual = toMask(await readImage(`${D}/manual1/${id}.png`));
  const { width, height } = manual;
  const n = width * height;
  let nFov = 0,
    nMan = 0;
  for (let i = 0; i < n; i++) {
    if (fov.data[i]) {
      nFov++;
      if (manual.data[i]) nMan++;
    }
  }
  const manDt = distanceTransform(manual);
  const skel = skeletonize(manual);
  const centre: number[] = [];
  for (let i = 0; i < n; i++) if (skel.data[i] && fov.data[i] && 2 * manDt[i]! - 1 >= 5) centre.push(i);
  console.log(`${id} (${split}): manual vessel fraction ${(nMan / nFov).toFixed(4)}, ${centre.length} centre-line px of vessels ≥ 5 px`);
  for (const model of ['av.vessel', 'unet'] as const) {
    const p = f32(`${dir}/${id}.${model}.f32`);
    for (const t of THRESHOLDS) {
      const m: Mask2D = { data: new Uint8Array(n), width, height };
      let tp = 0,
        pos = 0;
      for (let i = 0; i < n; i++)
        if (fov.data[i] && p[i]! >= t) {
          m.data[i] = 1;
          pos++;
          if (manual.data[i]) tp++;
        }
      const dt = distanceTransform(m);
      const wr = median(centre.map((i) => (2 * dt[i]! - 1) / (2 * manDt[i]! - 1)));
      const r = { frac: pos / nFov, prec: tp / pos, rec: tp / nMan, dice: (2 * tp) / (pos + nMan), wr };
      console.log(
        `  ${model} t=${t.toFixed(2)}: fraction ${r.frac.toFixed(4)} precision ${r.prec.toFixed(3)} recall ${r.rec.toFixed(3)} Dice ${r.dice.toFixed(3)} width ratio ${wr.toFixed(3)}`,
      );
      for (const key of [`${split} ${model} ${t}`, `all ${model} ${t}`]) {
        const a = (agg[key] ??= { frac: [], dice: [], prec: [], rec: [], wr: [] });
        a.frac.push(r.frac / (nMan / nFov));
        a.dice.push(r.dice);
        a.prec.push(r.prec);
        a.rec.push(r.rec);
        a.wr.push(wr);
      }
    }
  }
}
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
console.log('\nmean over images: fraction model/manual, precision, recall, Dice, median width ratio');
for (const [k, a] of Object.entries(agg))
  console.log(
    `${k.padEnd(26)} n=${a.dice.length} fraction×${mean(a.frac).toFixed(3)} P ${mean(a.prec).toFixed(3)} R ${mean(a.rec).toFixed(3)} Dice ${mean(a.dice).toFixed(3)} width×${mean(a.wr).toFixed(3)}`,
  );
// CRAE/CRVE width error alone: hybrid maps (model vessel probability, manual A/V) vs manual maps, annotated disc
const hybridThresholds = (process.env.HYBRID_T ?? '').split(',').filter(Boolean).map(Number);
for (const id of ids.filter((x) => /^14_/.test(x) && hybridThresholds.length > 0)) {
  const files = readdirSync(`${D}/images`);
  const img = await readImage(`${D}/images/${files.find((x) => x.startsWith(`${id}.`))!}`);
  const fov = toMask(await readImage(`${D}/mask/${id}_mask.png`));
  const maps = avMapsFromLabels(await readImage(`${D}/av/${id}_AVmanual.png`));
  const a = ann[id]!;
  const disc = { row: a.row, col: a.col, radiusPx: a.radius_px };
  const ref = analyzeRetina(img, maps, { fov, spacingUm: 5, disc }).calibre;
  const widthMethod = process.env.WIDTH_METHOD === 'profile' ? 'profile' : 'mask';
  if (widthMethod === 'profile') {
    const c = analyzeRetina(img, maps, { fov, spacingUm: 5, disc, widthMethod }).calibre;
    console.log(
      `manual maps, profile width ${id}: CRAE ${c.craeUm?.toFixed(1)} vs mask width ${ref.craeUm?.toFixed(1)}, CRVE ${c.crveUm?.toFixed(1)} vs ${ref.crveUm?.toFixed(1)}`,
    );
  }
  for (const model of ['av.vessel', 'unet'] as const) {
    const hybrid = { ...maps, vessel: f32(`${dir}/${id}.${model}.f32`) };
    for (const t of hybridThresholds) {
      const c = analyzeRetina(img, hybrid, { fov, spacingUm: 5, disc, vesselThreshold: t, widthMethod }).calibre;
      const pc = (x: number | null, y: number | null): string => (x !== null && y !== null ? `${(100 * (x / y - 1)).toFixed(1)} %` : 'n/a');
      console.log(
        `hybrid ${id} ${model} t=${t} ${widthMethod} width: CRAE ${c.craeUm?.toFixed(1)} vs ${ref.craeUm?.toFixed(1)} (${pc(c.craeUm, ref.craeUm)}), CRVE ${c.crveUm?.toFixed(1)} vs ${ref.crveUm?.toFixed(1)} (${pc(c.crveUm, ref.crveUm)})`,
      );
    }
  }
}
// Width level of the A/V model (`WIDTH_LEVELS=0.85,0.86,…`): zone-B widths measured on the CNN's
// vessel probability at level L (`levelZoneBWidths`), with the MANUAL A/V labels and the annotated
// disc (the width error alone), against the all-manual maps (mask width). Criterion: the mean of
// log(CRAE ratio) and log(CRVE ratio) over the TRAINING images closest to 0, among levels ≥ the
// model's vessel threshold (below it the class mask, p = 0 outside, cuts the profile); validation reported.
const widthLevels = (process.env.WIDTH_LEVELS ?? '').split(',').filter(Boolean).map(Number);
if (widthLevels.length > 0) {
  const logs: Record<string, Record<number, number[]>> = { train: {}, validation: {} };
  const files = readdirSync(`${D}/images`);
  for (const id of ids) {
    if (!existsSync(`${dir}/${id}.av.vessel.f32`)) continue;
    const split = /^14_/.test(id) ? 'validation' : 'train';
    const img = await readImage(`${D}/images/${files.find((x) => x.startsWith(`${id}.`))!}`);
    const fov = toMask(await readImage(`${D}/mask/${id}_mask.png`));
    const maps = avMapsFromLabels(await readImage(`${D}/av/${id}_AVmanual.png`));
    const a = ann[id]!;
    const disc = { row: a.row, col: a.col, radiusPx: a.radius_px };
    const ref = analyzeRetina(img, maps, { fov, disc, widthMethod: 'mask' }).calibre;
    const prob = f32(`${dir}/${id}.av.vessel.f32`);
    const hyb = analyzeRetina(img, { ...maps, vessel: prob }, { fov, disc, vesselThreshold: MODEL_THRESHOLD, widthMethod: 'mask' });
    let line = `width level ${id} (${split}): mask width at ${MODEL_THRESHOLD} CRAE ×${(hyb.calibre.craeUm! / ref.craeUm!).toFixed(3)} CRVE ×${(hyb.calibre.crveUm! / ref.crveUm!).toFixed(3)}; level`;
    for (const L of widthLevels) {
      const c = craeCrve(levelZoneBWidths(hyb.vessels, prob, disc, L), disc);
      const ra = c.craeUm! / ref.craeUm!,
        rv = c.crveUm! / ref.crveUm!;
      (logs[split]![L] ??= []).push(Math.log(ra), Math.log(rv));
      line += ` ${L}: ×${ra.toFixed(3)}/×${rv.toFixed(3)}`;
    }
    console.log(line);
  }
  let best = NaN;
  for (const split of ['train', 'validation'])
    for (const L of widthLevels) {
      const v = logs[split]![L];
      if (!v) continue;
      const m = mean(v);
      console.log(
        `width level ${split} L=${L}: mean log ratio (CRAE and CRVE) ${m.toFixed(4)}, mean |log ratio| ${mean(v.map(Math.abs)).toFixed(4)}`,
      );
      // below the vessel threshold the class mask's border (p = 0 outside it), not the level, sets the width
      if (split === 'train' && L >= MODEL_THRESHOLD && (Number.isNaN(best) || Math.abs(m) < Math.abs(mean(logs.train![best]!)))) best = L;
    }
  console.log(`width level chosen on the training images: ${best}`);
}
