import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { writeCohort } from '../../src/synth/writeCohort.js';
import { parseExperimentConfig, type ExperimentConfig } from '../../src/pipeline/config.js';
import { extractCohort } from '../../src/pipeline/extract.js';
import { readCsv } from '../../src/table/csv.js';

let cohortDir = '';
const root = join(import.meta.dirname, '..', '..');

function config(manifest: string, out: string): ExperimentConfig {
  return parseExperimentConfig({
    name: 't',
    manifest,
    out,
    radiomics: { families: ['stat', 'glcm'], rois: ['vessels'] },
    tracking: { enabled: false },
  });
}

function countCacheFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((n, sub) => n + readdirSync(join(dir, sub)).filter((f) => f.endsWith('.json')).length, 0);
}

before(async () => {
  cohortDir = mkdtempSync(join(tmpdir(), 'vp-cohort-'));
  await writeCohort(cohortDir, { subjects: 3, seed: 11, fundusSize: [240, 232], skinSize: [160, 160] });
});

test('parseExperimentConfig() rejects unknown keys naming their path, and fills explicit defaults', () => {
  assert.throws(
    () => parseExperimentConfig({ name: 'x', manifest: 'm', out: 'o', radiomics: { bins: 3 } }, 'e.json'),
    (e: Error) => /e\.json/.test(e.message) && /radiomics/.test(e.message) && /bins/.test(e.message),
  );
  const c = parseExperimentConfig({ name: 'x', manifest: 'm', out: 'o' });
  assert.equal(c.segmentation.method, 'frangi');
  assert.deepEqual(c.radiomics.discretization, { method: 'fbn', bins: 32 });
  assert.equal(c.seed, 42);
});

test('extractCohort() records a corrupt image and a missing file as failures and finishes the rest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-bad-'));
  const lines = readFileSync(join(cohortDir, 'manifest.csv'), 'utf8').trimEnd().split('\n');
  const rows = lines.slice(1).map((l) => l.split(','));
  const header = lines[0]!.split(',');
  const pathCol = header.indexOf('image_path');
  // every image path is made absolute-free by copying the cohort's files next to the new manifest
  for (const r of rows)
    for (const c of ['image_path', 'fov_mask_path', 'vessel_mask_path', 'av_mask_path']) {
      const rel = r[header.indexOf(c)];
      if (!rel) continue;
      const dst = join(dir, rel.replace(/\//g, '_'));
      copyFileSync(join(cohortDir, rel), dst);
      r[header.indexOf(c)] = rel.replace(/\//g, '_');
    }
  writeFileSync(join(dir, rows[0]![pathCol]!), Buffer.from('this is not a PNG file at all'));
  rows[1]![pathCol] = 'missing.png';
  writeFileSync(join(dir, 'manifest.csv'), [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
  copyFileSync(join(cohortDir, 'manifest.csv.schema.json'), join(dir, 'manifest.csv.schema.json'));
  const s = await extractCohort(config(join(dir, 'manifest.csv'), join(dir, 'out')), { workers: 1, quiet: true, track: false });
  assert.equal(s.total, rows.length);
  assert.equal(s.failed, 2);
  assert.equal(s.succeeded, rows.length - 2);
  const failures = readCsv(join(dir, 'out', 'failures.csv'));
  const byId = new Map(failures.map((f) => [String(f.image_id), String(f.reason)]));
  assert.match(byId.get(rows[0]![header.indexOf('image_id')]!)!, /corrupt|not a|unsupported|format/i);
  assert.match(byId.get(rows[1]![header.indexOf('image_id')]!)!, /not found/);
  const table = readCsv(join(dir, 'out', 'features.csv'));
  assert.equal(table.length, rows.length - 2);
  assert.ok(table.every((r) => typeof r['vascular.vessel_area_fraction'] === 'number'));
});

test('kill -9 halfway through `vesselprint extract`, then --resume, gives the uninterrupted table', { timeout: 240_000 }, async () => {
  const work = mkdtempSync(join(tmpdir(), 'vp-kill-'));
  const cfgPath = join(work, 'cfg.json');
  writeFileSync(
    cfgPath,
    JSON.stringify({
      name: 'kill',
      manifest: join(cohortDir, 'manifest.csv'),
      out: join(work, 'killed'),
      radiomics: { families: ['stat', 'glcm'], rois: ['vessels'] },
      tracking: { enabled: false },
    }),
  );
  const child = spawn(process.execPath, [join(root, 'bin/vesselprint.mjs'), 'extract', cfgPath, '--workers', '1', '--quiet'], {
    stdio: 'ignore',
    env: { ...process.env, MLFLOW_TRACKING_URI: `file://${join(work, 'mlruns')}` },
  });
  const cacheDir = join(work, 'killed', 'cache');
  const t0 = Date.now();
  while (countCacheFiles(cacheDir) < 2 && Date.now() - t0 < 180_000) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const done = countCacheFiles(cacheDir);
  assert.ok(done >= 2, `child made ${done} results before the kill`);
  assert.ok(!existsSync(join(work, 'killed', 'features.csv')), 'the killed run must not have reached the end');
  const resumed = await extractCohort(config(join(cohortDir, 'manifest.csv'), join(work, 'killed')), {
    workers: 1,
    quiet: true,
    track: false,
  });
  assert.ok(resumed.cached >= 2, `resumed run reused ${resumed.cached}`);
  assert.equal(resumed.cached + resumed.computed, resumed.total);
  const clean = await extractCohort(config(join(cohortDir, 'manifest.csv'), join(work, 'clean')), {
    workers: 2,
    quiet: true,
    track: false,
  });
  assert.equal(clean.failed, 0);
  assert.equal(readFileSync(join(work, 'killed', 'features.csv'), 'utf8'), readFileSync(join(work, 'clean', 'features.csv'), 'utf8'));
});
