/**
 * `npm run bench -- capillaroscopy [frames] [width] [height]`: time to analyse a skin capillaroscopy
 * recording (default 15 s at 30 fps = 450 frames of 640x480) on one core: (a) from frames in memory
 * (stabilisation + perfusion maps + detection + measures), (b) end to end from a multi-page TIFF on disk
 * (streamed decode included). Target (issue 18): ≤ 3 s for (a).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../src/core/rng.js';
import { planSkinScene } from '../src/synth/skinVideoScene.js';
import { synthSkinRecording } from '../src/synth/skinVideo.js';
import { encodeTiffStack } from '../src/io/encodeTiffStack.js';
import { openVideo } from '../src/io/openVideo.js';
import { analyseRecording } from '../src/capillaroscopy/analyseRecording.js';

const frames = Number(process.argv[3] ?? 450), width = Number(process.argv[4] ?? 640), height = Number(process.argv[5] ?? 480);
const t0 = performance.now();
const scene = planSkinScene(createRng(1), { width, height });
const rec = synthSkinRecording(scene, { visible: 0.7, flowing: 0.8 }, createRng(2), { frames });
console.log(`synthesised ${frames} frames of ${width}x${height} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const runs: number[] = [], cpu: number[] = [];
let last = 0;
for (let k = 0; k < 3; k++) {
  const t = performance.now(), c = process.cpuUsage();
  const a = await analyseRecording(rec.frames, { fps: 30 });
  runs.push((performance.now() - t) / 1000);
  const u = process.cpuUsage(c);
  cpu.push((u.user + u.system) / 1e6);
  last = a.measures.capillary_count;
}
cpu.sort((a, b) => a - b);
runs.sort((a, b) => a - b);
console.log(`(a) in memory: median ${runs[1]!.toFixed(2)} s (min ${runs[0]!.toFixed(2)}, max ${runs[2]!.toFixed(2)}) for ${frames} frames, ${(1000 * runs[1]! / frames).toFixed(2)} ms/frame; ${last} capillaries; CPU time of the process median ${cpu[1]!.toFixed(2)} s (wall time on a loaded machine overstates the idle figure); target ≤ 3 s for 450 frames of 640x480`);
const dir = mkdtempSync(join(tmpdir(), 'vp-bench-cap-'));
const path = join(dir, 'rec.tif');
writeFileSync(path, encodeTiffStack(rec.frames.map((f) => f.data), width, height, { fps: 30, spacingUm: 2.5 }));
const t1 = performance.now();
const src = await openVideo(path);
await analyseRecording(src.frames(), { spacingUm: src.info.spacingUm!, fps: 30 });
console.log(`(b) from a multi-page TIFF on disk (streamed): ${((performance.now() - t1) / 1000).toFixed(2)} s`);
rmSync(dir, { recursive: true });
