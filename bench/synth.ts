/**
 * `npm run bench -- synth [subjects]`: time to write a synthetic cohort (default 20 subjects:
 * 40 fundus images at 584x565 + 20 skin images at 512x512, with masks and tables), split into
 * pixel generation and file writing, against the budget of one minute on 2 cores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { planCohort, generateImage } from '../src/synth/cohort.js';
import { writeCohort } from '../src/synth/writeCohort.js';

const subjects = Number(process.argv[3] ?? 20);
const budgetS = 60;
const dir = mkdtempSync(join(tmpdir(), 'vp-bench-synth-'));
try {
  // Warm-up (JIT) on a one-subject cohort, not timed.
  await writeCohort(join(dir, 'warm'), { subjects: 1, seed: 99 });
  const plans = planCohort({ subjects, seed: 1 });
  let t = performance.now();
  let fundusMs = 0,
    skinMs = 0;
  for (const p of plans) {
    const t0 = performance.now();
    generateImage(p, 1);
    if (p.modality === 'fundus') fundusMs += performance.now() - t0;
    else skinMs += performance.now() - t0;
  }
  const genS = (performance.now() - t) / 1000;
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await writeCohort(join(dir, 'cohort'), { subjects, seed: 1 });
  const totalS = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const nF = plans.filter((p) => p.modality === 'fundus').length,
    nS = plans.length - nF;
  console.log(
    `synth bench: ${subjects} subjects → ${r.images} images, ${r.files} files (${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(
    `  pixels only:          ${genS.toFixed(2)} s  (fundus ${(fundusMs / nF).toFixed(0)} ms/image, skin ${(skinMs / nS).toFixed(0)} ms/image)`,
  );
  console.log(
    `  full writeCohort:     ${totalS.toFixed(2)} s  (PNG encoding + writing ≈ ${(totalS - genS).toFixed(2)} s); CPU time ${cpuS.toFixed(2)} s`,
  );
  console.log(
    `  budget (issue 2):     ${budgetS} s  → ratio ${(totalS / budgetS).toFixed(2)} of the budget (${(budgetS / totalS).toFixed(1)}x headroom)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
