/**
 * `npm run bench -- extract [--subjects N] [--baseline-ref REF] [--stages-only] [--from-src]`: cohort throughput of
 * `vesselprint extract` on the synthetic cohort (584x565 fundus + 512x512 skin, Frangi segmentation,
 * full fingerprint and radiomics of vessels + background, FBN 32, QC).
 *
 * 1. `extractCohort` with 1 and 2 worker threads (run first, so that each run, the 1-worker one in
 *    this thread included, starts cold): wall images/s, and CPU-based images per CPU-second
 *    (process.cpuUsage covers every thread of the process), so the figure means something on a
 *    loaded machine where wall time does not; the ratio to the goal (2 images/s/core) and the
 *    scaling (2 workers / 1). Every worker loads and JIT-compiles the code itself (≈ 2–3 s CPU), so
 *    use enough images (`--subjects 30`) before reading the scaling.
 * 2. Per-stage split: every image processed serially in this thread, CPU ms per image and stage
 *    (decode, segment, qc, fingerprint, radiomics) per modality, and images per CPU-second, after
 *    an uncounted warm-up pass over the cohort (steady state, as in a long cohort). With
 *    `--baseline-ref REF` (e.g. the commit a change started from) the package at REF is compiled into a temporary folder and
 *    timed in the same run: per-stage ratios old/new, and the largest relative difference between
 *    the two feature tables (the speed work must not change results beyond rounding).
 *
 * Runs the compiled package (dist/, rebuilt here when src/ changed), as the `vesselprint` command
 * does (`--from-src` to run the sources through tsx instead). Ends with `RESULT {json}`.
 */
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeCohort } from '../src/synth/writeCohort.js';
import { parseExperimentConfig } from '../src/pipeline/config.js';
import * as fromSrc from '../src/pipeline/extract.js';
import { STAGES, buildRef, largestDifference, stageSplit, workItems, type StageSplit } from './_extractStages.js';

const args = process.argv.slice(3);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const root = fileURLToPath(new URL('..', import.meta.url));
const useSrc = args.includes('--from-src');
let extractCohort = fromSrc.extractCohort;
if (!useSrc) {
  spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', '--quiet'], { cwd: root, stdio: 'inherit' });
  extractCohort = ((await import(new URL('../dist/pipeline/extract.js', import.meta.url).href)) as typeof fromSrc).extractCohort;
}
const subjects = Number(opt('--subjects') ?? '') || 6;
const cohort = join(tmpdir(), `vp-bench-cohort-${subjects}`);
if (!existsSync(join(cohort, 'manifest.csv'))) await writeCohort(cohort, { subjects, seed: 7 });
const GOAL = 2; // images per second per core (issue 14 §4)
const config = (out: string) =>
  parseExperimentConfig({ name: 'bench', manifest: join(cohort, 'manifest.csv'), out, tracking: { enabled: false } });
const r2 = (v: number): number => Number(v.toFixed(2));
console.log(
  `cohort: ${subjects} subjects (${cohort}); load average ${loadavg()[0]!.toFixed(2)} (CPU times below do not depend on load; wall times do)`,
);

// 1. extractCohort with worker threads, first (every worker, the 1-worker run in this thread too, starts
// cold): wall and CPU; skipped with --stages-only
if (!args.includes('--stages-only'))
  console.log('\nworkers | images | wall s | CPU s | images/s (wall) | images/CPU-s | vs goal 2/s/core | wall vs 1 worker | peak RSS MB');
const rates: number[] = [];
const perCpu: number[] = [];
for (const workers of args.includes('--stages-only') ? [] : [1, 2]) {
  const t0 = process.cpuUsage();
  const s = await extractCohort(config(mkdtempSync(join(tmpdir(), 'vp-bench-out-'))), {
    workers,
    quiet: true,
    track: false,
    noCache: true,
  });
  const d = process.cpuUsage(t0);
  const cpuS = (d.user + d.system) / 1e6;
  const rate = s.computed / (s.elapsedMs / 1000);
  rates.push(rate);
  perCpu.push(s.computed / cpuS);
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${workers} | ${s.computed} | ${(s.elapsedMs / 1000).toFixed(1)} | ${cpuS.toFixed(1)} | ${rate.toFixed(2)} | ${(s.computed / cpuS).toFixed(2)} | ${(s.computed / cpuS / GOAL).toFixed(2)}x | ${(rate / rates[0]!).toFixed(2)}x | ${rss.toFixed(0)}`,
  );
}
// 2. per-stage CPU split (serial, this thread), optionally against a baseline build
const items = workItems(join(cohort, 'manifest.csv'), cohort);
const cfg = config(mkdtempSync(join(tmpdir(), 'vp-bench-out-')));
const baseRef = opt('--baseline-ref');
const base: StageSplit | undefined = baseRef ? await stageSplit(buildRef(root, baseRef), cfg, items) : undefined;
const cur = await stageSplit(useSrc ? join(root, 'src') : join(root, 'dist'), cfg, items);
const per = (s: StageSplit, m: string, stage?: string): number => (stage ? (s.cpuMs[m]?.[stage] ?? 0) : s.totalCpuMs[m]!) / s.images[m]!;
console.log(`\nper-stage CPU ms per image (serial, one thread)${base ? ` — ${baseRef} → this checkout (ratio old/new)` : ''}`);
console.log(`modality | images | ${STAGES.join(' | ')} | total | images/CPU-s`);
for (const m of Object.keys(cur.images)) {
  const cell = (stage?: string): string => {
    const v = per(cur, m, stage);
    // a baseline from before the stage timer existed has only totals
    return base && (!stage || base.cpuMs[m])
      ? `${per(base, m, stage).toFixed(0)} → ${v.toFixed(0)} (${(per(base, m, stage) / v).toFixed(2)}x)`
      : v.toFixed(0);
  };
  const rate = 1000 / per(cur, m);
  console.log(
    `${m} | ${cur.images[m]} | ${STAGES.map((s) => cell(s)).join(' | ')} | ${cell()} | ${base ? `${(1000 / per(base, m)).toFixed(2)} → ` : ''}${rate.toFixed(2)}`,
  );
}
if (base) {
  const d = largestDifference(base.rows, cur.rows);
  console.log(
    `feature tables ${baseRef} vs this checkout: ${d.differing} differing cells; largest relative difference ${d.rel.toExponential(2)}${d.column ? ` (${d.column}, image ${d.row + 1})` : ''}`,
  );
}

/** Counted images per CPU-second of a stage split, all modalities. */
const perCpuSecond = (s: StageSplit): number =>
  Object.values(s.images).reduce((a, b) => a + b, 0) / (Object.values(s.totalCpuMs).reduce((a, b) => a + b, 0) / 1000);
console.log(
  `RESULT ${JSON.stringify({
    ...(rates.length === 2
      ? {
          images_per_s_1: r2(rates[0]!),
          images_per_s_2: r2(rates[1]!),
          scaling_2: r2(rates[1]! / rates[0]!),
          images_per_cpu_s_1: r2(perCpu[0]!),
          images_per_cpu_s_2: r2(perCpu[1]!),
        }
      : {}),
    images_per_cpu_s_serial: r2(perCpuSecond(cur)),
    ...(base ? { baseline_ref: baseRef, images_per_cpu_s_serial_baseline: r2(perCpuSecond(base)) } : {}),
    goal_per_core: GOAL,
    source: useSrc ? 'src (tsx)' : 'dist',
    load1: r2(loadavg()[0]!),
  })}`,
);
