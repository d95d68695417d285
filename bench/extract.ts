/**
 * `npm run bench -- extract [--subjects N]`: cohort throughput of `vesselprint extract` on the
 * synthetic cohort (584x565 fundus + 512x512 skin, Frangi segmentation, full fingerprint and
 * radiomics of vessels + background, FBN 32) with 1 and 2 worker threads; prints images/s,
 * images/s per worker, the ratio to the goal (2 fundus images/s/core) and to 1 worker, and the
 * process's peak RSS (all threads).
 */
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCohort } from '../src/synth/writeCohort.js';
import { parseExperimentConfig } from '../src/pipeline/config.js';
import { extractCohort } from '../src/pipeline/extract.js';

const args = process.argv.slice(3);
const subjects = Number(args[args.indexOf('--subjects') + 1] ?? '') || 6;
const cohort = join(tmpdir(), `vp-bench-cohort-${subjects}`);
if (!existsSync(join(cohort, 'manifest.csv'))) await writeCohort(cohort, { subjects, seed: 7 });
const GOAL = 2; // fundus images per second per core (issue 8)
console.log(`cohort: ${subjects} subjects (${cohort})`);
console.log('workers | images | seconds | images/s | per worker | vs goal 2/s/core | vs 1 worker | peak RSS MB');
let base = 0;
for (const workers of [1, 2]) {
  const out = mkdtempSync(join(tmpdir(), 'vp-bench-out-'));
  const cfg = parseExperimentConfig({ name: 'bench', manifest: join(cohort, 'manifest.csv'), out, tracking: { enabled: false } });
  const s = await extractCohort(cfg, { workers, quiet: true, track: false, noCache: true });
  const rate = s.computed / (s.elapsedMs / 1000);
  if (workers === 1) base = rate;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`${workers} | ${s.computed} | ${(s.elapsedMs / 1000).toFixed(1)} | ${rate.toFixed(2)} | ${(rate / workers).toFixed(2)} | ${(rate / workers / GOAL).toFixed(2)}x | ${(rate / base).toFixed(2)}x | ${rss.toFixed(0)}`);
}
