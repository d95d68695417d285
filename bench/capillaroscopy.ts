/**
 * `npm run bench -- capillaroscopy [frames] [width] [height] [--ref COMMIT]`: quality and speed of the
 * capillaroscopy workflow (issue 18), this tree against a reference code path (default: main at
 * 66542fa, before the whole-frame registration), in the same run.
 *
 * 1. Quality on synthetic recordings with truth (320×240, 40 frames, 5 % jerks, 5 % defocus; two
 *    scenes per condition): count error, perfused F1, registration error against the generator's true
 *    shifts, per noise and motion level; recruitment over three phases of one scene.
 * 2. Speed: a 15 s, 30 fps, 640×480 recording (450 frames) analysed from memory, runs of the two code
 *    paths interleaved; process CPU time is reported (the shared machine is loaded, wall time overstates).
 *    Target: ≤ 3 s. Then end to end from a multi-page TIFF on disk (streamed decode).
 *
 * `--speed-only` skips part 1. The reference code is extracted with `git archive COMMIT src` into a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRng } from '../src/core/rng.js';
import type { Image2D } from '../src/core/image.js';
import { planSkinScene, type SkinScene } from '../src/synth/skinVideoScene.js';
import { synthSkinRecording, type SkinRecordingOptions } from '../src/synth/skinVideo.js';
import { encodeTiffStack } from '../src/io/encodeTiffStack.js';
import { openVideo } from '../src/io/openVideo.js';
import { analyseRecording, type AnalyseRecordingOptions, type RecordingAnalysis } from '../src/capillaroscopy/analyseRecording.js';
import { recruitment } from '../src/capillaroscopy/recruitment.js';
import { scoreRecording, type RecordingScore } from '../test/helpers/capillaroscopyScore.js';

type Analyse = (frames: Iterable<Image2D>, options: AnalyseRecordingOptions) => Promise<RecordingAnalysis>;

const args = process.argv.slice(3);
const refAt = args.indexOf('--ref');
const refCommit = refAt >= 0 ? args.splice(refAt, 2)[1]! : '66542fa';
const speedOnly = args.includes('--speed-only');
if (speedOnly) args.splice(args.indexOf('--speed-only'), 1);
const frames = Number(args[0] ?? 450),
  width = Number(args[1] ?? 640),
  height = Number(args[2] ?? 480);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The reference tree's analyseRecording, or null when git cannot extract it. */
async function loadReference(dir: string): Promise<Analyse | null> {
  try {
    const tar = execFileSync('git', ['-C', root, 'archive', refCommit, 'src'], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    const mod = (await import(pathToFileURL(join(dir, 'src', 'capillaroscopy', 'analyseRecording.ts')).href)) as {
      analyseRecording: Analyse;
    };
    return mod.analyseRecording;
  } catch (e) {
    console.log(`reference ${refCommit} not available (${(e as Error).message.split('\n')[0]}): comparison skipped`);
    return null;
  }
}

const refDir = mkdtempSync(join(tmpdir(), 'vp-bench-cap-ref-'));
const reference = await loadReference(refDir);
const paths: [string, Analyse][] = [
  ['this tree', analyseRecording as Analyse],
  ...(reference ? [[`ref ${refCommit}`, reference] as [string, Analyse]] : []),
];

// 1. quality
const conditions: [string, SkinRecordingOptions][] = [
  ['noise 2, sway 1 px, tremor 0.2 px', { noiseSd: 2, swayPx: 1, tremorPx: 0.2 }],
  ['noise 8, sway 1 px, tremor 0.2 px', { noiseSd: 8, swayPx: 1, tremorPx: 0.2 }],
  ['noise 2, sway 6 px, tremor 0.8 px', { noiseSd: 2, swayPx: 6, tremorPx: 0.8 }],
  ['noise 8, sway 6 px, tremor 0.8 px', { noiseSd: 8, swayPx: 6, tremorPx: 0.8 }],
];
for (const [name, analyse] of speedOnly ? [] : paths) await quality(name, analyse);

async function quality(name: string, analyse: Analyse): Promise<void> {
  if (name === paths[0]![0]) {
    console.log('\nquality on synthetic recordings (320x240, 40 frames, 5 % jerks + 5 % defocus, scenes 11–14 and 111–114)');
    console.log(
      'code path   | condition                          | count found/true | perfused tp/fp/fn | F1    | registration RMS (max) px | bad frames dropped | good dropped',
    );
  }
  for (const [k, [label, o]] of conditions.entries()) {
    const scores: RecordingScore[] = [];
    for (const seed of [11 + k, 111 + k]) {
      const scene = planSkinScene(createRng(seed));
      const rec = synthSkinRecording(scene, { visible: 0.7, flowing: 0.8 }, createRng(seed * 31 + 7), {
        frames: 40,
        jerkProbability: 0.05,
        defocusProbability: 0.05,
        ...o,
      });
      scores.push(scoreRecording(scene, rec, await analyse(rec.frames, { fps: rec.fps })));
    }
    const sum = (f: (s: RecordingScore) => number): number => scores.reduce((a, s) => a + f(s), 0);
    const tp = sum((s) => s.tpFlow),
      fp = sum((s) => s.fpFlow),
      fn = sum((s) => Math.max(0, s.fnFlow));
    console.log(
      [
        name.padEnd(11),
        label.padEnd(34),
        scores
          .map((s) => `${s.countFound}/${s.countTruth}`)
          .join(', ')
          .padEnd(16),
        `${tp}/${fp}/${fn}`.padEnd(17),
        ((2 * tp) / (2 * tp + fp + fn)).toFixed(3).padEnd(5),
        scores
          .map((s) => `${s.regRmsPx.toFixed(3)} (${s.regMaxPx.toFixed(2)})`)
          .join(', ')
          .padEnd(25),
        `${sum((s) => s.droppedBad)}/${sum((s) => s.badFrames)}`.padEnd(18),
        String(sum((s) => s.droppedGood)),
      ].join(' | '),
    );
  }
  const scene: SkinScene = planSkinScene(createRng(21));
  const phases = {
    baseline: { visible: 0.55, flowing: 0.9 },
    hyperaemia: { visible: 0.8, flowing: 0.95 },
    congestion: { visible: 0.95, flowing: 0.3 },
  };
  const found: Record<string, number> = {},
    truth: Record<string, number> = {};
  for (const [i, [phase, shares]] of Object.entries(phases).entries()) {
    const rec = synthSkinRecording(scene, shares, createRng((21 + i) * 31 + 7), { frames: 40, noiseSd: 4 });
    const s = scoreRecording(scene, rec, await analyse(rec.frames, { fps: rec.fps }));
    found[phase] = s.densityFound;
    truth[phase] = s.densityTruth;
  }
  const f = recruitment(found),
    t = recruitment(truth);
  console.log(
    `${name.padEnd(11)} | recruitment hyperaemia ${f.recruitment_hyperaemia_pct.toFixed(1)} % (truth ${t.recruitment_hyperaemia_pct.toFixed(1)} %), congestion ${f.recruitment_congestion_pct.toFixed(1)} % (truth ${t.recruitment_congestion_pct.toFixed(1)} %)`,
  );
}

// 2. speed
const t0 = performance.now();
const scene = planSkinScene(createRng(1), { width, height });
const rec = synthSkinRecording(scene, { visible: 0.7, flowing: 0.8 }, createRng(2), { frames });
console.log(`\nspeed: synthesised ${frames} frames of ${width}x${height} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const cpuOf: Record<string, number[]> = {},
  wallOf: Record<string, number[]> = {};
for (let k = 0; k < 3; k++) {
  for (const [name, analyse] of paths) {
    const t = performance.now(),
      c = process.cpuUsage();
    await analyse(rec.frames, { fps: 30 });
    const u = process.cpuUsage(c);
    (cpuOf[name] ??= []).push((u.user + u.system) / 1e6);
    (wallOf[name] ??= []).push((performance.now() - t) / 1000);
  }
}
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
for (const [name] of paths) {
  console.log(
    `(a) ${name.padEnd(11)} in memory: CPU time median ${median(cpuOf[name]!).toFixed(2)} s (runs ${cpuOf[name]!.map((v) => v.toFixed(2)).join(', ')}), wall median ${median(wallOf[name]!).toFixed(2)} s, ${((1000 * median(cpuOf[name]!)) / frames).toFixed(2)} ms CPU/frame; target ≤ 3 s for 450 frames of 640x480`,
  );
}
if (reference)
  console.log(
    `(a) speed ratio reference / this tree (CPU time medians): ${(median(cpuOf[`ref ${refCommit}`]!) / median(cpuOf['this tree']!)).toFixed(2)}x`,
  );
const dir = mkdtempSync(join(tmpdir(), 'vp-bench-cap-'));
const path = join(dir, 'rec.tif');
writeFileSync(
  path,
  encodeTiffStack(
    rec.frames.map((f) => f.data),
    width,
    height,
    { fps: 30, spacingUm: 2.5 },
  ),
);
const t1 = performance.now(),
  c1 = process.cpuUsage();
const src = await openVideo(path);
await analyseRecording(src.frames(), { spacingUm: src.info.spacingUm!, fps: 30 });
const u1 = process.cpuUsage(c1);
console.log(
  `(b) this tree, from a multi-page TIFF on disk (streamed): CPU ${((u1.user + u1.system) / 1e6).toFixed(2)} s, wall ${((performance.now() - t1) / 1000).toFixed(2)} s`,
);
rmSync(dir, { recursive: true });
rmSync(refDir, { recursive: true });
