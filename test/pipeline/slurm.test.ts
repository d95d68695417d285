import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeCohort } from '../../src/synth/writeCohort.js';
import { parseExperimentConfig } from '../../src/pipeline/config.js';
import { extractCohort } from '../../src/pipeline/extract.js';
import { mergeShards } from '../../src/pipeline/merge.js';

const root = join(import.meta.dirname, '..', '..');
const slurmConf = process.env.SLURM_CONF ?? '/tmp/vp-slurm/slurm.conf';
const env = { ...process.env, SLURM_CONF: slurmConf };
const clusterUp = spawnSync('sinfo', ['-h', '-o', '%t'], { env, encoding: 'utf8' });
const available = clusterUp.status === 0 && /idle|mix|alloc/.test(clusterUp.stdout);
const skip = !available && !process.env.CI ? 'no SLURM cluster here (start one with scripts/slurm-local.sh start; CI does)' : false;

test('the shipped SLURM job array (2 tasks) + merge equals the unsharded table', { skip, timeout: 300_000 }, async () => {
  assert.ok(
    available,
    `SLURM is not running (sinfo: ${clusterUp.error?.message ?? clusterUp.stderr}); .ci/run must start it with scripts/slurm-local.sh start`,
  );
  const work = mkdtempSync(join(tmpdir(), 'vp-slurm-'));
  await writeCohort(join(work, 'cohort'), { subjects: 2, seed: 5, fundusSize: [200, 194], skinSize: [128, 128] });
  const cfg = {
    name: 'slurm',
    manifest: join(work, 'cohort', 'manifest.csv'),
    out: join(work, 'sharded'),
    radiomics: { families: ['stat', 'glcm'], rois: ['vessels'] },
    tracking: { enabled: false },
  };
  const cfgPath = join(work, 'cfg.json');
  writeFileSync(cfgPath, JSON.stringify(cfg));
  const r = spawnSync(
    'sbatch',
    [
      '--wait',
      '--array=0-1',
      '--cpus-per-task=1',
      '--mem=2G',
      '--time=00:10:00',
      `--output=${work}/task-%A_%a.log`,
      `--export=ALL,VP_CONFIG=${cfgPath},VP_SHARDS=2,VP_EXTRA_ARGS=--quiet`,
      join(root, 'experiments/cluster/slurm-extract.sbatch'),
    ],
    { cwd: root, env, encoding: 'utf8', timeout: 280_000 },
  );
  assert.equal(r.status, 0, `sbatch failed: ${r.stdout}\n${r.stderr}`);
  const m = await mergeShards(join(work, 'sharded'));
  assert.equal(m.parts, 2);
  await extractCohort(parseExperimentConfig({ ...cfg, out: join(work, 'whole') }), { workers: 1, quiet: true, track: false });
  assert.equal(readFileSync(join(work, 'sharded', 'features.csv'), 'utf8'), readFileSync(join(work, 'whole', 'features.csv'), 'utf8'));
  assert.equal(m.rows, 6);
});
