import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { MockMlflowServer } from './fixtures/mlflowServer.js';
import { FileStore } from '../../src/track/fileStore.js';
import { RestStore } from '../../src/track/restStore.js';
import { startRun } from '../../src/track/startRun.js';
import { listArtifactsRecursive } from '../../src/track/runReport.js';
import type { TrackingStore } from '../../src/track/types.js';
import { runsCli } from './fixtures/runsCli.js';
import { isVesselprintError } from '../../src/core/errors.js';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
let server: MockMlflowServer;
let url: string;
before(async () => {
  server = new MockMlflowServer();
  url = await server.start();
});
after(async () => {
  await server.stop();
});

/** One fixed call sequence through the public run API. Returns [parent, child] run ids. */
async function scenario(store: TrackingStore): Promise<[string, string]> {
  const run = await startRun({
    store,
    experiment: 'parity',
    runName: 'cv-run',
    projectRoot: repoRoot,
    git: false,
    seed: 11,
    config: { seed: 11, model: { kind: 'rf', trees: 100 } },
    manifest: join(repoRoot, 'package.json'),
    tags: { stage: 'test' },
  });
  for (let i = 0; i < 5; i++) await run.logMetric('train/loss', 1 / (i + 1), i, 1_700_000_000_000 + i);
  await run.logMetrics({ auc: 0.75, brier: NaN }, 4, 1_700_000_000_010);
  await run.logParam('extra', 3);
  await run.setTag('phase', 'done');
  const fold = await run.child({ runName: 'fold-0' });
  await fold.logMetric('auc', 0.7, 0, 1_700_000_000_020);
  await fold.end();
  await run.logFigure({ data: [{ x: [0, 1], y: [0, 1] }] }, 'figures/roc.json');
  await run.logTable([{ a: 1 }, { a: 2 }], 'tables/t.csv');
  await run.end('KILLED');
  return [run.runId, fold.runId];
}

/** Everything about a run except ids, times and store-specific URIs. */
async function snapshot(store: TrackingStore, runId: string, parentId?: string): Promise<unknown> {
  const r = await store.getRun(runId);
  const tags = { ...r.tags };
  if (parentId !== undefined) {
    assert.equal(tags['mlflow.parentRunId'], parentId);
    tags['mlflow.parentRunId'] = '<parent>';
  }
  const histories: Record<string, unknown> = {};
  for (const m of r.metrics) histories[m.key] = (await store.getMetricHistory(runId, m.key)).map((x) => [x.timestamp, x.value, x.step]);
  const artifacts = [];
  for (const a of await listArtifactsRecursive(store, runId)) {
    artifacts.push([
      a.path,
      a.fileSize,
      createHash('sha256')
        .update(await store.readArtifact(runId, a.path))
        .digest('hex'),
    ]);
  }
  return {
    status: r.info.status,
    runName: r.info.runName,
    userId: r.info.userId,
    hasEnd: r.info.endTime !== undefined,
    params: r.params,
    tags,
    latest: r.metrics.map((m) => [m.key, m.value, m.step]).sort(),
    histories,
    artifacts,
    inputs: r.inputs,
  };
}

test('the same call sequence produces the same run in the file store and on an MLflow server (REST)', async () => {
  const file = new FileStore(join(mkdtempSync(join(tmpdir(), 'vp-parity-')), 'mlruns'));
  const rest = new RestStore(url, { retries: 1, backoffMs: 1, env: {} });
  const [fp, fc] = await scenario(file);
  const [rp, rc] = await scenario(rest);
  const a = await snapshot(file, fp),
    b = await snapshot(rest, rp);
  assert.deepEqual(a, b);
  assert.deepEqual(await snapshot(file, fc, fp), await snapshot(rest, rc, rp));
  // and the snapshot has what the scenario logged (the comparison is not vacuous)
  const s = a as { status: string; params: Record<string, string>; histories: Record<string, unknown[]>; artifacts: unknown[] };
  assert.equal(s.status, 'KILLED');
  assert.equal(s.params['model.trees'], '100');
  assert.equal(s.histories['train/loss']!.length, 5);
  assert.equal(s.artifacts.length, 3); // config.json, figures/roc.json, tables/t.csv
});

test('`vesselprint runs --json --experiment parity` lists the same runs from both stores, parent before its child', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'vp-cli-')), 'mlruns');
  const file = new FileStore(dir);
  await scenario(file);
  await scenario(new RestStore(url, { retries: 1, backoffMs: 1, env: {} }));
  const norm = (out: string): unknown =>
    (JSON.parse(out) as Record<string, unknown>[]).slice(0, 2).map((r) => ({
      name: r.runName,
      status: r.status,
      metrics: r.metrics,
      child: r.parentRunId !== undefined,
      experiment: r.experiment,
    }));
  const a = await runsCli(['--experiment', 'parity', '--json', '--tracking-uri', dir]);
  const b = await runsCli(['--experiment', 'parity', '--json', '--tracking-uri', url]);
  assert.equal(a.error, undefined);
  assert.equal(b.error, undefined);
  assert.deepEqual(norm(a.stdout), norm(b.stdout));
  assert.deepEqual(norm(a.stdout), [
    { name: 'cv-run', status: 'KILLED', metrics: { auc: 0.75, brier: 'NaN', 'train/loss': 0.2 }, child: false, experiment: 'parity' },
    { name: 'fold-0', status: 'FINISHED', metrics: { auc: 0.7 }, child: true, experiment: 'parity' },
  ]);
  const table = await runsCli(['--tracking-uri', dir]);
  assert.equal(table.error, undefined);
  assert.match(table.stdout, /^EXPERIMENT\s+RUN_ID\s+NAME\s+STATUS/);
  assert.match(table.stdout, /parity\s+[0-9a-f]{32}\s+cv-run\s+KILLED .* auc=0\.75 brier=NaN train\/loss=0\.2/);
  assert.match(table.stdout, /↳ fold-0\s+FINISHED/);
  const only = await runsCli(['--tracking-uri', dir, '--metrics', 'auc', '--limit', '1']);
  assert.equal(only.stdout.trim().split('\n').length, 2);
  assert.match(only.stdout, /auc=0\.75$/m);
  const missing = await runsCli(['--experiment', 'nope', '--tracking-uri', dir]);
  assert.ok(isVesselprintError(missing.error, 'BAD_ARGUMENT'));
  assert.match((missing.error as Error).message, /no experiment named "nope".*"parity"/);
  const notFound = await runsCli(['show', 'f'.repeat(32), '--tracking-uri', dir]);
  assert.ok(isVesselprintError(notFound.error, 'TRACKING'));
  const [id] = (JSON.parse(a.stdout) as { runId: string }[]).map((r) => r.runId);
  const showFile = await runsCli(['show', id!, '--tracking-uri', dir, '--json']);
  const detail = JSON.parse(showFile.stdout) as {
    run: { params: Record<string, string> };
    artifacts: { path: string }[];
    historyLength: Record<string, number>;
  };
  assert.equal(detail.run.params['model.kind'], 'rf');
  assert.deepEqual(
    detail.artifacts.map((x) => x.path),
    ['config.json', 'figures/roc.json', 'tables/t.csv'],
  );
  assert.equal(detail.historyLength['train/loss'], 5);
  const [rid] = (JSON.parse(b.stdout) as { runId: string }[]).map((r) => r.runId);
  const showRest = await runsCli(['show', rid!, '--tracking-uri', url]);
  assert.match(showRest.stdout, /train\/loss\s+0\.2\s+\(step 4, 5 values\)/);
  assert.match(showRest.stdout, /tables\/t\.csv\s+\d+ B/);
});
