/**
 * Benchmark of the radiomics extractor (issue 5): all families, FBN 32, on a 584x565 synthetic
 * fundus with its FOV as ROI and on a 2048x2048 image; GLCM part against scikit-image's
 * graycomatrix + graycoprops (Debian python3-skimage via /usr/bin/python3); sliding-window maps.
 *
 *   npm run bench -- radiomics [--reps N] [--no-maps] [--no-2048]
 *
 * Prints wall time and this process's CPU time (the machine may be shared: CPU time is the
 * fairer "one core" figure), median of N runs after one warm-up run.
 */
import { spawnSync } from 'node:child_process';
import { createRng } from '../src/core/rng.js';
import { synthFundus } from '../src/synth/fundus.js';
import { extractFromRoi, prepareRoi } from '../src/radiomics/extract.js';
import { selectChannel } from '../src/core/channel.js';
import { FAMILIES } from '../src/radiomics/registry.js';
import { featureMaps } from '../src/radiomics/featureMap.js';
import type { RoiImage } from '../src/radiomics/types.js';

const args = process.argv.slice(3);
const reps = Number(args[args.indexOf('--reps') + 1] ?? 5) || 5;
const withMaps = !args.includes('--no-maps');
const with2048 = !args.includes('--no-2048');

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function time(f: () => void): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function bench(f: () => void, n = reps): Timing {
  f(); // warm-up (JIT)
  const ts = Array.from({ length: n }, () => time(f));
  return { wallMs: median(ts.map((t) => t.wallMs)), cpuMs: median(ts.map((t) => t.cpuMs)) };
}

/** {@link bench} of `f(roi)` where every run gets a fresh ROI copy made before its timer starts. */
function benchFresh(roi: RoiImage, f: (r: RoiImage) => void, n = reps): Timing {
  const copies = Array.from({ length: n + 1 }, () => fresh(roi));
  f(copies.pop()!);
  const ts = Array.from({ length: n }, () => {
    const r = copies.pop()!;
    return time(() => f(r));
  });
  return { wallMs: median(ts.map((t) => t.wallMs)), cpuMs: median(ts.map((t) => t.cpuMs)) };
}

const fmt = (t: Timing) => `${t.wallMs.toFixed(0).padStart(6)} ms wall  ${t.cpuMs.toFixed(0).padStart(6)} ms CPU`;

function fundusRoi(width: number, height: number): { roi: RoiImage; label: string } {
  const f = synthFundus(createRng(2026), { width, height });
  const values = Float64Array.from(selectChannel(f.image).data); // green
  const roi = prepareRoi(values, width, height, f.fovMask.data, {
    discretization: { method: 'fbn', bins: 32 },
    spacingMm: f.spacingUm / 1000,
  });
  let n = 0;
  for (const v of roi.intensityMask) n += v;
  return { roi, label: `synthetic fundus ${width}x${height} (synth/fundus.ts, green channel, FOV ROI ${n} px)` };
}

/** scikit-image graycomatrix + graycoprops on the same discretized image (ROI levels 1..32, 0 outside). */
function skimageGlcm(roi: RoiImage): { ms: number; cpuMs: number; error?: string } {
  const code = `
import sys, time, json, numpy as np
from skimage.feature import graycomatrix, graycoprops
d = json.load(sys.stdin)
img = np.array(d['levels'], dtype=np.uint8).reshape(d['h'], d['w'])
def run():
    P = graycomatrix(img, distances=[1], angles=[0, np.pi/4, np.pi/2, 3*np.pi/4], levels=d['ng'] + 1, symmetric=True, normed=True)
    P = P[1:, 1:]  # drop pairs with the background level 0 (outside the ROI)
    P = P / P.sum(axis=(0, 1), keepdims=True)
    for p in ['contrast', 'dissimilarity', 'homogeneity', 'ASM', 'energy', 'correlation']:
        graycoprops(P, p)
run()
ts, cs = [], []
for _ in range(${reps}):
    t0 = time.perf_counter(); c0 = time.process_time(); run()
    ts.append(time.perf_counter() - t0); cs.append(time.process_time() - c0)
print(json.dumps({'ms': sorted(ts)[len(ts)//2] * 1000, 'cpuMs': sorted(cs)[len(cs)//2] * 1000}))
`;
  const r = spawnSync('/usr/bin/python3', ['-c', code], {
    input: JSON.stringify({ levels: [...roi.levels], w: roi.width, h: roi.height, ng: roi.ng }),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0)
    return { ms: Number.NaN, cpuMs: Number.NaN, error: (r.stderr || String(r.error)).trim().split('\n').pop() ?? 'failed' };
  return JSON.parse(r.stdout) as { ms: number; cpuMs: number };
}

/**
 * A copy of the ROI with a fresh levels array: the zone labelling and padding caches are keyed
 * by that array, so every timed run does all of its work.
 */
function fresh(roi: RoiImage): RoiImage {
  return { ...roi, levels: roi.levels.slice() };
}

function run(roi: RoiImage, label: string): void {
  console.log(`\n== ${label}, FBN 32, all families`);
  const all = benchFresh(roi, (r) => extractFromRoi(r));
  console.log(`all families (${extractFromRoi(roi).length} features): ${fmt(all)}`);
  for (const fam of FAMILIES) {
    const t = benchFresh(roi, (r) => {
      const ctx = fam.prepare(r);
      for (const f of fam.features) f.compute(ctx);
    });
    console.log(`  ${fam.family.padEnd(6)} ${fmt(t)}`);
  }
  const glcm = FAMILIES.find((f) => f.family === 'glcm')!;
  const ours = bench(() => {
    const ctx = glcm.prepare(roi); // the GLCM keeps no per-levels cache
    for (const f of glcm.features) f.compute(ctx);
  });
  const sk = skimageGlcm(roi);
  if (sk.error) {
    console.log(`GLCM vs scikit-image: reference not run (${sk.error})`);
  } else {
    console.log(
      `GLCM (4 directions + merged, 50 features): vesselprint ${ours.wallMs.toFixed(1)} ms wall / ${ours.cpuMs.toFixed(1)} ms CPU;` +
        ` scikit-image graycomatrix+graycoprops (6 props) ${sk.ms.toFixed(1)} ms wall / ${sk.cpuMs.toFixed(1)} ms CPU;` +
        ` ratio skimage/vesselprint = ${(sk.cpuMs / ours.cpuMs).toFixed(2)}x (CPU), ${(sk.ms / ours.wallMs).toFixed(2)}x (wall)`,
    );
  }
}

const small = fundusRoi(565, 584);
run(small.roi, small.label);
const smallAll = benchFresh(small.roi, (r) => extractFromRoi(r));
console.log(
  `goal < 500 ms for 584x565: ${smallAll.cpuMs < 500 ? 'MET' : 'NOT MET'} (median CPU ${smallAll.cpuMs.toFixed(0)} ms, wall ${smallAll.wallMs.toFixed(0)} ms)`,
);

if (with2048) {
  const big = fundusRoi(2048, 2048);
  run(big.roi, big.label);
}

if (withMaps) {
  console.log(`\n== sliding-window feature maps on ${small.label}, window 7x7 (radius 3), one run each`);
  let n = 0;
  for (const v of small.roi.intensityMask) n += v;
  for (const ids of [
    ['glcm.contrast.BTW3'],
    ['glcm.joint_entropy.SUJT'],
    ['stat.mean'],
    ['ngtdm.coarseness'],
    ['glszm.zone_size_entropy'],
    ['glrlm.run_entropy.BTW3'],
  ]) {
    const t = time(() => featureMaps(small.roi, { features: ids, radius: 3 }));
    console.log(`  ${ids.join(',').padEnd(26)} ${fmt(t)}  (${((t.cpuMs * 1000) / n).toFixed(1)} µs CPU per ROI pixel)`);
  }
}
