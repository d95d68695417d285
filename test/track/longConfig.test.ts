import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../src/track/fileStore.js';
import { startRun } from '../../src/track/startRun.js';

test("startRun({ config }) keeps the full config in config.json and shortens only a param longer than MLflow's 6000 characters", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-longcfg-'));
  try {
    const store = new FileStore(dir);
    const features = Array.from({ length: 400 }, (_, i) => `vascular.feature_number_${i}_um`); // ~12 kB as JSON
    const short = Array.from({ length: 30 }, (_, i) => `vascular.feature_number_${i}_um`); // ~1 kB: fits a param
    const run = await startRun({ store, experiment: 'long', config: { features, short, model: 'logistic' }, git: false });
    await run.end();
    const cfg = JSON.parse(new TextDecoder().decode(await store.readArtifact(run.runId, 'config.json'))) as {
      features: string[];
      short: string[];
    };
    assert.deepEqual(cfg.features, features);
    assert.deepEqual(cfg.short, short);
    const p = (await store.getRun(run.runId)).params;
    assert.equal(p.short, JSON.stringify(short));
    assert.match(p.features!, /^400 items, \d+ characters: full value in config\.json$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
