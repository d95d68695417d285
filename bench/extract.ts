/**
 * `npm run bench -- extract [--subjects N]`: cohort throughput of `vesselprint extract` on the
 * synthetic cohort (584x565 fundus + 512x512 skin, Frangi segmentation, full fingerprint and
 * radiomics of vessels + background, FBN 32) with 1 and 2 worker threads; prints images/s,
 * images/s per worker, the ratio to the goal (2 fundus images/s/core) and to 1 worker, and the
 * process's peak RSS (all threads). Runs the compiled package (dist/, rebuilt here when src/
 * changed), as the `vesselprint` command does, so worker threads load JavaScript instead of
 * compiling the TypeScript sources each (`--from-src` to run the sources through tsx instead).
 * Ends with `RESULT {json}`: images_per_s_1 / images_per_s_2 and scaling (2 workers / 1).
 */
import { mkdtempSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeCohort } from '../src/synth/writeCohort.js';
import { parseExperimentConfig } from '../src/pipeline/config.js';
import * as fromSrc from '../src/pipeline/extract.js';

const args = process.argv.slice(3);
let extractCohort = fromSrc.extractCohort;
if (!args.includes('--from-src')) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', '--quiet'], { cwd: root, stdio: 'inherit' });
  const built = new URL('../dist/pipeline/extract.js', import.meta.url).href;
  extractCohort = ((await import(built)) as typeof fromSrc).extractCohort;
}
const subjects = Number(args[args.indexOf('--subjects') + 1] ?? '') || 6;
const cohort = join(tmpdir(), `vp-bench-cohort-${subjects}`);
if (!existsSync(join(cohort, 'manifest.csv'))) await writeCohort(cohort, { subjects, seed: 7 });
const GOAL = 2; // fundus images per second per core (issue 8)
console.log(`cohort: ${subjects} subjects (${cohort})`);
console.log('workers | images | seconds | images/s | per worker | vs goal 2/s/core | vs 1 worker | peak RSS MB');
let base = 0;
const rates: number[] = [];
for (const workers of [1, 2]) {
  const out = mkdtempSync(join(tmpdir(), 'vp-bench-out-'));
  const cfg = parseExperimentConfig({ name: 'bench', manifest: join(cohort, 'manifest.csv'), out, tracking: { enabled: false } });
  const s = await extractCohort(cfg, { workers, quiet: true, track: false, noCache: true });
  const rate = s.computed / (s.elapsedMs / 1000);
  if (workers === 1) base = rate;
  rates.push(rate);
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`${workers} | ${s.computed} | ${(s.elapsedMs / 1000).toFixed(1)} | ${rate.toFixed(2)} | ${(rate / workers).toFixed(2)} | ${(rate / workers / GOAL).toFixed(2)}x | ${(rate / base).toFixed(2)}x | ${rss.toFixed(0)}`);
}
const r2 = (v: number): number => Number(v.toFixed(2));
console.log(`RESULT ${JSON.stringify({ images_per_s_1: r2(rates[0]!), images_per_s_2: r2(rates[1]!), per_core_2: r2(rates[1]! / 2), scaling_2: r2(rates[1]! / rates[0]!), goal_per_core: GOAL, source: args.includes('--from-src') ? 'src (tsx)' : 'dist', load1: r2(loadavg()[0]!) })}`);
