/**
 * `npm run bench -- retinaScale`: the retina pipeline on photographs from a "lower-resolution
 * camera" — the held-out HRF photographs 08_h and 15_h shrunk by 2, 4 and 6 (`resizeChannels`,
 * area; FOV masks `resizeMask`; manual labels `downsampleLabels`), spacing scaled with them (5 µm/px
 * assumed at full size). For each: the vessel AUC and centre-line A/V accuracy of the A/V CNN (per
 * pixel, no prior) and CRAE / CRVE / AVR relative to the full-size photograph's, three ways:
 * `fixed` (the training factor 2 whatever the camera, as before 2026-12-05), `scaled` (the CNN input
 * scaled to the training field of view, analysis on the photograph's grid) and `scaled+enlarged`
 * (`retinaFromPhotograph`: also enlarged for the analysis when coarser than the CNN grid — the default);
 * and the vessel-only U-Net's (hrf-unet) vessel AUC with the fixed factor and scaled.
 * Figures in docs/retina.md ("Other cameras' resolutions"). About 4 minutes on 2 cores.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readImage } from '../src/io/readImage.js';
import { toMask } from '../src/core/image.js';
import { resizeMask } from '../src/preprocess/resample.js';
import { resizeChannels } from '../src/segment/unet/resizeImage.js';
import { avLabelsFromColor, downsampleLabels } from '../src/segment/unet/avLabels.js';
import { vesselAuc, centrelineAvAccuracy } from '../src/segment/unet/avMetrics.js';
import { retinaFromPhotograph } from '../src/retina/retinaFromPhotograph.js';
import { segmentUnet } from '../src/segment/unet/segmentUnet.js';

const D = '../shared/data/hrf';
if (!existsSync(`${D}/images/08_h.jpg`)) {
  console.log('retinaScale: ../shared/data/hrf is not here; nothing to measure');
  process.exit(0);
}
const workers = availableParallelism();
const rel = (a: unknown, b: unknown): string =>
  typeof a === 'number' && typeof b === 'number' ? `${(100 * (a / b - 1)).toFixed(1).replace(/^(?!-)/, '+')} %` : '—';
const absDiffs: Record<string, number[]> = {};
for (const id of ['08_h', '15_h']) {
  const img = await readImage(`${D}/images/${id}.jpg`);
  const fov = toMask(await readImage(`${D}/mask/${id}_mask.png`));
  const labels = avLabelsFromColor(await readImage(`${D}/av/${id}_AVmanual.png`));
  const full = (await retinaFromPhotograph(img, { fov, spacingUm: 5, cnn: { workers } })).record;
  console.log(
    `${id} full size: CRAE ${(full['crae_um'] as number).toFixed(1)} µm, CRVE ${(full['crve_um'] as number).toFixed(1)} µm, AVR ${(full['avr'] as number).toFixed(3)}`,
  );
  for (const s of [2, 4, 6]) {
    const w = Math.round(img.width / s),
      h = Math.round(img.height / s);
    const small = resizeChannels(img, w, h);
    const smallFov = resizeMask(fov, w, h);
    const smallLabels = downsampleLabels(labels, w, h);
    // the vessel-only U-Net too: fixed factor vs scaled by the field of view
    const vessel = [];
    for (const scaleByFov of [false, true]) {
      const u = await segmentUnet(small, undefined, { fov: smallFov, workers, scaleByFov });
      vessel.push(vesselAuc(u.probability.data as Float32Array, smallLabels, smallFov).auc.toFixed(4));
    }
    console.log(`${id} 1/${s} hrf-unet vessel AUC: fixed ${vessel[0]}, scaled ${vessel[1]}`);
    for (const [name, scaleByFov, analysisUpsample] of [
      ['fixed', false, 1],
      ['scaled', true, 1],
      ['scaled+enlarged', true, 'auto'],
    ] as const) {
      const r = await retinaFromPhotograph(small, { fov: smallFov, spacingUm: 5 * s, analysisUpsample, cnn: { workers, scaleByFov } });
      // the CNN's maps on the photograph's own grid (shrunk back when the analysis ran enlarged)
      const k = r.upsample;
      const m = k === 1 ? r.maps : null;
      const acc = m ? centrelineAvAccuracy(m.artery, m.vein, smallLabels).accuracy.toFixed(3) : '(as scaled)';
      const auc = m ? vesselAuc(m.vessel, smallLabels, smallFov).auc.toFixed(4) : '(as scaled)';
      const rec = r.record;
      for (const f of ['crae_um', 'crve_um']) {
        const d = (rec[f] as number) / (full[f] as number) - 1;
        if (Number.isFinite(d)) (absDiffs[`1/${s} ${name}`] ??= []).push(Math.abs(d));
      }
      console.log(
        `${id} 1/${s} ${name}: cnn_downsample ${(rec['cnn_downsample'] as number).toFixed(3)}, analysis ×${k}; vessel AUC ${auc}, A/V ${acc}; CRAE ${rel(rec['crae_um'], full['crae_um'])}, CRVE ${rel(rec['crve_um'], full['crve_um'])}, AVR ${rel(rec['avr'], full['avr'])}`,
      );
    }
  }
}
for (const [k, d] of Object.entries(absDiffs))
  console.log(
    `mean |CRAE, CRVE difference to full size| ${k}: ${((100 * d.reduce((a, b) => a + b, 0)) / d.length).toFixed(1)} % (n=${d.length})`,
  );
process.exit(0);
