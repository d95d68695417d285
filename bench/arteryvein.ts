/**
 * Held-out evaluation of the artery/vein model at FULL resolution on HRF (`../shared/data/hrf`):
 * `npm run bench -- arteryvein [--ids 08_h,08_g,...] [--model DIR] [--compare DIR]`.
 * Per image: vessel AUC inside the FOV of `predictArteryVein` (default model) and of the
 * vessel-only `segmentUnet` (default model), against manual1; artery/vein accuracy on the
 * centreline (skeleton of manual1, type from the A/V image, crossings excluded); seconds.
 */
import { existsSync } from 'node:fs';
import { readImage } from '../src/io/readImage.js';
import { toMask } from '../src/core/image.js';
import { predictArteryVein, DEFAULT_AV_MODEL_DIR } from '../src/segment/unet/predictArteryVein.js';
import { segmentUnet, DEFAULT_UNET_MODEL_DIR } from '../src/segment/unet/segmentUnet.js';
import { avLabelsFromColor } from '../src/segment/unet/avLabels.js';
import { centrelineAvAccuracy, vesselAuc } from '../src/segment/unet/avMetrics.js';
import { caseInsensitivePath } from '../src/segment/unet/runExperiment.js';

const D = '../shared/data/hrf';
const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
};
if (!existsSync(`${D}/images`)) {
  console.error(`${D} not present: nothing to evaluate`);
  process.exit(0);
}
const ids = arg('ids', '08_h,08_g,08_dr,15_h,15_g,15_dr').split(',');
const model = arg('model', DEFAULT_AV_MODEL_DIR);
const compare = arg('compare', DEFAULT_UNET_MODEL_DIR);
const rows: Array<Record<string, string | number>> = [];
for (const id of ids) {
  const img = await readImage(caseInsensitivePath(`${D}/images/${id}.jpg`));
  const fov = toMask(await readImage(`${D}/mask/${id}_mask.png`));
  const labels = avLabelsFromColor(await readImage(`${D}/av/${id}_AVmanual.png`));
  const t0 = performance.now();
  const maps = await predictArteryVein(img, model, { fov });
  const sec = (performance.now() - t0) / 1000;
  const av = centrelineAvAccuracy(maps.artery, maps.vein, labels);
  const auc = vesselAuc(maps.vessel, labels, fov).auc;
  const t1 = performance.now();
  const v = await segmentUnet(img, compare, { fov });
  const secV = (performance.now() - t1) / 1000;
  const aucV = vesselAuc(v.probability.data, labels, fov).auc;
  const row = {
    id,
    av_model_vessel_auc: auc,
    av_accuracy: av.accuracy,
    artery_recall: av.arteryRecall,
    vein_recall: av.veinRecall,
    centreline_px: av.n,
    excluded_px: av.excluded,
    av_model_s: sec,
    vessel_model_auc: aucV,
    vessel_model_s: secV,
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}
const mean = (k: string): number => rows.reduce((a, r) => a + Number(r[k]), 0) / rows.length;
console.log(
  `mean over ${rows.length}: A/V model vessel AUC ${mean('av_model_vessel_auc').toFixed(4)}, centreline A/V accuracy ${mean('av_accuracy').toFixed(4)}; vessel-only model AUC ${mean('vessel_model_auc').toFixed(4)}`,
);
