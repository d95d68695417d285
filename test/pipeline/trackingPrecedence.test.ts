import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeCohort } from '../../src/synth/writeCohort.js';
import { FileStore } from '../../src/track/fileStore.js';

const root = join(import.meta.dirname, '..', '..');

test('extract CONFIG with "tracking": {"enabled": false} logs no run; --track overrides the config', async () => {
  const work = mkdtempSync(join(tmpdir(), 'vp-trackprec-'));
  try {
    await writeCohort(join(work, 'cohort'), { subjects: 1, seed: 3, fundusSize: [96, 96], skinSize: [64, 64] });
    const cfg = join(work, 'cfg.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        name: 'prec',
        manifest: join(work, 'cohort', 'manifest.csv'),
        out: join(work, 'out'),
        radiomics: { enabled: false },
        tracking: { enabled: false, experiment: 'prec' },
      }),
    );
    const runs = join(work, 'mlruns');
    const extract = (...flags: string[]) =>
      spawnSync(
        process.execPath,
        [join(root, 'bin/vesselprint.mjs'), 'extract', cfg, '--workers', '1', '--quiet', '--no-cache', ...flags],
        { cwd: work, encoding: 'utf8', env: { ...process.env, MLFLOW_TRACKING_URI: `file://${runs}` } },
      );
    const count = async (): Promise<number> => {
      if (!existsSync(runs)) return 0;
      const store = new FileStore(runs);
      const exp = await store.getExperimentByName('prec');
      return exp === undefined ? 0 : (await store.searchRuns({ experimentIds: [exp.experimentId] })).length;
    };
    const a = extract();
    assert.equal(a.status, 0, a.stderr);
    assert.equal(await count(), 0, 'the config said tracking.enabled: false');
    const b = extract('--track');
    assert.equal(b.status, 0, b.stderr);
    assert.equal(await count(), 1);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
