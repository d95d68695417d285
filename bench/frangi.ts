/**
 * `npm run bench -- frangi [IMAGE] [--quality]`
 *
 * Speed: Frangi vesselness of vesselprint vs scikit-image's `skimage.filters.frangi` on the same
 * full-size fundus image (green channel, float32), the same scales σ = 1, 3, 5, 7, 9 (skimage's
 * default), β = 0.5, c (skimage: gamma) = 15, dark ridges. Prints both timings (the filter call
 * only, I/O and imports excluded) as wall-clock and CPU time (the fairer figure on a shared
 * machine), the ratios, and the Pearson correlation of the two maps.
 * Default image: ../shared/data/hrf/images/06_h.jpg (3504x2336); skipped with a message when absent.
 *
 * Quality (--quality): default `segmentVessels` on every HRF image with its manual segmentation
 * and FOV mask (AUC-ROC, AUC-PR, Dice of the binary mask), and on seeded synthetic fundus images
 * from src/synth (AUC-ROC, Dice).
 */
import { existsSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { readImage } from '../src/io/readImage.js';
import { getChannel, toMask } from '../src/core/image.js';
import { createRng } from '../src/core/rng.js';
import { frangi } from '../src/segment/classical/frangi.js';
import { segmentVessels } from '../src/segment/classical/segmentVessels.js';
import { evaluateSegmentation } from '../src/segment/metrics/evaluate.js';

const HRF = resolve('../shared/data/hrf');
const args = process.argv.slice(3);
const quality = args.includes('--quality');
const imagePath = args.find((a) => !a.startsWith('--')) ?? join(HRF, 'images', '06_h.jpg');
const SIGMAS = [1, 3, 5, 7, 9];

async function speed(): Promise<void> {
  if (!existsSync(imagePath)) {
    console.log(`bench frangi: ${imagePath} not found — speed benchmark skipped (needs ../shared/data/hrf or an IMAGE argument)`);
    return;
  }
  const img = await readImage(imagePath);
  const green = getChannel(img, img.channels >= 3 ? 1 : 0);
  console.log(`image: ${imagePath} ${green.width}x${green.height}, sigmas [${SIGMAS.join(', ')}], beta 0.5, c 15, dark ridges`);
  frangi({ ...green, data: green.data.subarray(0, 256 * 256), width: 256, height: 256 }, { sigmas: SIGMAS, c: 15 }); // warm-up (JIT)
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const ours = frangi(green, { sigmas: SIGMAS, c: 15, polarity: 'dark' }).vesselness.data;
  const cpu = process.cpuUsage(c0);
  const tOurs = (performance.now() - t0) / 1000;
  const cOurs = (cpu.user + cpu.system) / 1e6;
  const raw = `/tmp/vesselprint-bench-frangi-${process.pid}.f32`;
  writeFileSync(raw, new Uint8Array(green.data.buffer, green.data.byteOffset, green.data.byteLength));
  const py = `
import sys, time, numpy as np
from skimage.filters import frangi
im = np.fromfile(sys.argv[1], dtype=np.float32).reshape(${green.height}, ${green.width})
t = time.perf_counter(); c = time.process_time()
v = frangi(im, sigmas=${JSON.stringify(SIGMAS)}, alpha=0.5, beta=0.5, gamma=15, black_ridges=True, mode='reflect')
dt = time.perf_counter() - t; dc = time.process_time() - c
v.astype(np.float32).tofile(sys.argv[1] + '.out'); print(dt, dc)`;
  const r = spawnSync('/usr/bin/python3', ['-c', py, raw], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(raw, { force: true });
    console.log(`scikit-image reference failed or missing (/usr/bin/python3 with python3-skimage):\n${r.stderr.slice(-600)}`);
    console.log(`vesselprint frangi: ${tOurs.toFixed(2)} s (no reference ratio)`);
    return;
  }
  const [tSk, cSk] = r.stdout.trim().split('\n').pop()!.split(' ').map(Number) as [number, number];
  const { readFileSync } = await import('node:fs');
  const buf = readFileSync(`${raw}.out`);
  const sk = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  rmSync(raw, { force: true });
  rmSync(`${raw}.out`, { force: true });
  let sx = 0,
    sy = 0,
    sxx = 0,
    syy = 0,
    sxy = 0;
  const n = ours.length;
  for (let i = 0; i < n; i++) {
    const x = ours[i]!,
      y = sk[i]!;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  const corr = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  console.log('                     wall s   CPU s (user+system; fairer on a loaded machine)');
  console.log(`vesselprint frangi : ${tOurs.toFixed(2).padStart(6)}   ${cOurs.toFixed(2).padStart(6)}`);
  console.log(`scikit-image frangi: ${tSk.toFixed(2).padStart(6)}   ${cSk.toFixed(2).padStart(6)}`);
  console.log(
    `ratio (scikit-image / vesselprint): wall ${(tSk / tOurs).toFixed(2)}x, CPU ${(cSk / cOurs).toFixed(2)}x ${cSk > cOurs ? '(vesselprint faster)' : '(vesselprint slower)'}`,
  );
  console.log(`Pearson correlation of the two vesselness maps: ${corr.toFixed(4)}`);
}

async function qualityHrf(): Promise<void> {
  if (!existsSync(HRF)) {
    console.log('quality: ../shared/data/hrf not found — HRF evaluation skipped');
    return;
  }
  const ids = readdirSync(join(HRF, 'images'))
    .map((f) => f.replace(/\.[^.]+$/, ''))
    .sort();
  const rows: number[][] = [];
  console.log('\nHRF (Budai et al. 2013, doi:10.1155/2013/154860), default segmentVessels (frangi, fundus), given FOV:');
  console.log('image   AUC-ROC  AUC-PR  Dice(mask)  oracle-Dice  seconds');
  for (const id of ids) {
    const file = readdirSync(join(HRF, 'images')).find((f) => f.startsWith(`${id}.`))!;
    const img = await readImage(join(HRF, 'images', file));
    const truth = toMask(await readImage(join(HRF, 'manual1', `${id}.png`)));
    const fov = toMask(await readImage(join(HRF, 'mask', `${id}_mask.png`)));
    const t0 = performance.now();
    const r = segmentVessels(img, { fov });
    const secs = (performance.now() - t0) / 1000;
    const ev = evaluateSegmentation(r.probability, truth, fov, { cldice: false });
    const bin = evaluateSegmentation(
      { data: Float32Array.from(r.mask.data), width: img.width, height: img.height, channels: 1 },
      truth,
      fov,
      { cldice: false },
    );
    rows.push([ev.auc, ev.aucPr, bin.dice, ev.oracleDice]);
    console.log(
      `${id.padEnd(7)} ${ev.auc.toFixed(4)}   ${ev.aucPr.toFixed(4)}  ${bin.dice.toFixed(4)}      ${ev.oracleDice.toFixed(4)}       ${secs.toFixed(1)}`,
    );
  }
  const mean = (k: number): string => (rows.reduce((s, r) => s + r[k]!, 0) / rows.length).toFixed(4);
  console.log(`mean    ${mean(0)}   ${mean(1)}  ${mean(2)}      ${mean(3)}`);
}

async function qualitySynth(): Promise<void> {
  const { synthFundus } = await import('../src/synth/fundus.js');
  console.log('\nsynthetic fundus (src/synth, 584x565, seeds 1-5), default segmentVessels (FOV estimated):');
  const aucs: number[] = [];
  const dices: number[] = [];
  for (let seed = 1; seed <= 5; seed++) {
    const s = synthFundus(createRng(seed));
    const r = segmentVessels(s.image);
    const ev = evaluateSegmentation(r.probability, s.vesselMask, s.fovMask, { cldice: false });
    const bin = evaluateSegmentation(
      { data: Float32Array.from(r.mask.data), width: s.image.width, height: s.image.height, channels: 1 },
      s.vesselMask,
      s.fovMask,
      { cldice: false },
    );
    aucs.push(ev.auc);
    dices.push(bin.dice);
    console.log(`seed ${seed}: AUC-ROC ${ev.auc.toFixed(4)}  Dice(mask) ${bin.dice.toFixed(4)}  oracle-Dice ${ev.oracleDice.toFixed(4)}`);
  }
  console.log(
    `mean: AUC-ROC ${(aucs.reduce((a, b) => a + b) / aucs.length).toFixed(4)}  Dice ${(dices.reduce((a, b) => a + b) / dices.length).toFixed(4)}`,
  );
}

await speed();
if (quality) {
  await qualitySynth();
  await qualityHrf();
}
