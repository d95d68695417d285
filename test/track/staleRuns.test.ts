import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../src/track/fileStore.js';
import { startRun } from '../../src/track/startRun.js';
import { END_REASON_TAG, HOST_TAG, PID_TAG, endStaleRunsOnRead } from '../../src/track/staleRuns.js';

test("startRun() records pid + hostname, and a new run in the experiment ends a RUNNING run whose process is gone as KILLED with a reason; another host's run is left alone", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-stale-'));
  try {
    const store = new FileStore(dir);
    const a = await startRun({ store, experiment: 'resume', git: false, runName: 'killed' });
    const b = await startRun({ store, experiment: 'resume', git: false, runName: 'elsewhere' });
    const tags = (await store.getRun(a.runId)).tags;
    assert.equal(tags[PID_TAG], String(process.pid));
    assert.equal(tags[HOST_TAG], hostname());
    // a process that has exited: its pid is free (a dead process, as after kill -9)
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    await store.logBatch(a.runId, { tags: [{ key: PID_TAG, value: String(dead) }] });
    await store.logBatch(b.runId, {
      tags: [
        { key: PID_TAG, value: String(dead) },
        { key: HOST_TAG, value: `not-${hostname()}` },
      ],
    });
    const c = await startRun({ store, experiment: 'resume', git: false, runName: 'resumed' });
    const ra = await store.getRun(a.runId);
    assert.equal(ra.info.status, 'KILLED');
    assert.ok(ra.info.endTime !== undefined);
    assert.match(ra.tags[END_REASON_TAG]!, new RegExp(`process ${dead} on host .* is gone`));
    assert.equal((await store.getRun(b.runId)).info.status, 'RUNNING');
    assert.equal((await store.getRun(c.runId)).info.status, 'RUNNING');
    await c.end();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('endStaleRunsOnRead (used by `runs` and `report`) ends only stale runs and opens a writable store only when there are some', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-stale-read-'));
  try {
    const store = new FileStore(dir);
    const a = await startRun({ store, experiment: 'view', git: false, runName: 'dead' });
    const live = await startRun({ store, experiment: 'view', git: false, runName: 'live' });
    let opened = 0;
    const writable = () => {
      opened++;
      return store;
    };
    assert.deepEqual(await endStaleRunsOnRead(store, writable, 'view'), []);
    assert.equal(opened, 0);
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    await store.logBatch(a.runId, { tags: [{ key: PID_TAG, value: String(dead) }] });
    assert.deepEqual(await endStaleRunsOnRead(store, writable, 'view'), [a.runId]);
    assert.equal(opened, 1);
    assert.equal((await store.getRun(a.runId)).info.status, 'KILLED');
    assert.equal((await store.getRun(live.runId)).info.status, 'RUNNING');
    await live.end();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
