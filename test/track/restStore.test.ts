import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { MockMlflowServer } from './fixtures/mlflowServer.js';
import { RestStore } from '../../src/track/restStore.js';
import { splitBatch } from '../../src/track/batching.js';
import { isVesselprintError } from '../../src/core/errors.js';
import type { Metric } from '../../src/track/types.js';

let server: MockMlflowServer;
let url: string;
const fast = { retries: 3, backoffMs: 1, env: {} };

before(async () => {
  server = new MockMlflowServer();
  url = await server.start();
});
after(async () => {
  await server.stop();
});
beforeEach(() => {
  server.requests.length = 0;
  server.failNext = 0;
  server.dropNext = 0;
  server.requireAuth = undefined;
});

test('RestStore.getExperimentByName() of a missing name is undefined (server answers 404 RESOURCE_DOES_NOT_EXIST)', async () => {
  const s = new RestStore(url, fast);
  assert.equal(await s.getExperimentByName('nope'), undefined);
  assert.equal(server.requests.at(-1)!.path, '/api/2.0/mlflow/experiments/get-by-name');
});

test('RestStore.createExperiment() then getExperimentByName() finds it; a duplicate name is a TRACKING error with RESOURCE_ALREADY_EXISTS', async () => {
  const s = new RestStore(url, fast);
  const id = await s.createExperiment('rest-a', { team: 'eye' });
  const e = await s.getExperimentByName('rest-a');
  assert.equal(e?.experimentId, id);
  assert.deepEqual(e?.tags, { team: 'eye' });
  await assert.rejects(
    s.createExperiment('rest-a'),
    (err: unknown) => isVesselprintError(err, 'TRACKING') && /RESOURCE_ALREADY_EXISTS/.test((err as Error).message),
  );
});

test('RestStore.logBatch() of 2345 metrics, 250 params, 130 tags sends only requests within the log-batch limits and all values arrive', async () => {
  const s = new RestStore(url, fast);
  const exp = await s.createExperiment('rest-limits');
  const run = await s.createRun({ experimentId: exp, runName: 'big', userId: 'u' });
  const metrics: Metric[] = Array.from({ length: 2345 }, (_, i) => ({ key: `m${i % 7}`, value: i / 3, timestamp: 1000 + i, step: i }));
  const params = Array.from({ length: 250 }, (_, i) => ({ key: `p${i}`, value: String(i) }));
  const tags = Array.from({ length: 130 }, (_, i) => ({ key: `t${i}`, value: `v${i}` }));
  server.requests.length = 0;
  await s.logBatch(run.runId, { metrics, params, tags });
  const batches = server.requests
    .filter((r) => r.path.endsWith('/runs/log-batch'))
    .map((r) => JSON.parse(r.body) as { metrics: unknown[]; params: unknown[]; tags: unknown[] });
  for (const b of batches) {
    assert.ok(b.metrics.length <= 1000 && b.params.length <= 100 && b.tags.length <= 100);
    assert.ok(b.metrics.length + b.params.length + b.tags.length <= 1000);
  }
  const r = server.runs.get(run.runId)!;
  assert.equal(r.metrics.length, 2345);
  assert.equal(r.params.size, 250);
  assert.equal(r.tags.size, 130 + 2); // + mlflow.runName, mlflow.user
  // the minimum number of requests: params need 3, metrics 3 (2345/1000), tags 2; packed greedily
  assert.ok(batches.length >= 4 && batches.length <= 6, `batches ${batches.length}`);
});

test('splitBatch() keeps every item exactly once and in order', () => {
  const metrics: Metric[] = Array.from({ length: 1500 }, (_, i) => ({ key: 'k', value: i, timestamp: i, step: i }));
  const parts = splitBatch({ metrics, params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: 'x' })) });
  assert.deepEqual(
    parts.flatMap((p) => p.metrics ?? []).map((m) => m.value),
    metrics.map((m) => m.value),
  );
  assert.equal(parts.flatMap((p) => p.params ?? []).length, 101);
  assert.ok(parts.every((p) => (p.params?.length ?? 0) <= 100 && (p.metrics?.length ?? 0) + (p.params?.length ?? 0) <= 1000));
});

test('splitBatch() splits by size before a request reaches 1 MB', () => {
  const params = Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: 'x'.repeat(6000) }));
  const tags = Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: 'y'.repeat(5000) }));
  const parts = splitBatch({ params, tags });
  for (const p of parts) assert.ok(JSON.stringify(p).length < 1_000_000);
  assert.equal(parts.flatMap((p) => p.tags ?? []).length, 100);
});

test("RestStore.logBatch() of a changed param value is rejected with the server's INVALID_PARAMETER_VALUE message", async () => {
  const s = new RestStore(url, fast);
  const run = await s.createRun({ experimentId: '0', runName: 'p', userId: 'u' });
  await s.logBatch(run.runId, { params: [{ key: 'alpha', value: '1' }] });
  await s.logBatch(run.runId, { params: [{ key: 'alpha', value: '1' }] }); // same value: allowed
  await assert.rejects(
    s.logBatch(run.runId, { params: [{ key: 'alpha', value: '2' }] }),
    /HTTP 400 INVALID_PARAMETER_VALUE: Changing param values is not allowed/,
  );
});

test('RestStore sends NaN and ±Infinity metrics as protobuf JSON strings and reads them back', async () => {
  const s = new RestStore(url, fast);
  const run = await s.createRun({ experimentId: '0', runName: 'nan', userId: 'u' });
  await s.logBatch(run.runId, {
    metrics: [NaN, Infinity, -Infinity, 1e21].map((value, step) => ({ key: 'x', value, step, timestamp: 5 })),
  });
  const body = JSON.parse(server.requests.at(-1)!.body) as { metrics: { value: unknown }[] };
  assert.deepEqual(
    body.metrics.map((m) => m.value),
    ['NaN', 'Infinity', '-Infinity', 1e21],
  );
  const h = await s.getMetricHistory(run.runId, 'x');
  assert.deepEqual(
    h.map((m) => m.value),
    [NaN, Infinity, -Infinity, 1e21],
  );
});

test('RestStore.getMetricHistory() and searchRuns() follow next_page_token across pages', async () => {
  const s = new RestStore(url, fast);
  const exp = await s.createExperiment('rest-pages');
  const ids: string[] = [];
  for (let i = 0; i < 7; i++)
    ids.push((await s.createRun({ experimentId: exp, runName: `r${i}`, userId: 'u', startTime: 1000 + i })).runId);
  await s.logBatch(ids[0]!, { metrics: Array.from({ length: 10 }, (_, i) => ({ key: 'loss', value: 10 - i, timestamp: 1, step: i })) });
  const h = await s.getMetricHistory(ids[0]!, 'loss');
  assert.deepEqual(
    h.map((m) => m.step),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  const runs = await s.searchRuns({ experimentIds: [exp] });
  assert.deepEqual(
    runs.map((r) => r.info.runName),
    ['r6', 'r5', 'r4', 'r3', 'r2', 'r1', 'r0'],
  );
  assert.equal((await s.searchRuns({ experimentIds: [exp], maxResults: 4 })).length, 4);
  assert.ok(server.requests.filter((r) => r.path.endsWith('/runs/search')).length >= 3);
});

test('RestStore.logArtifact() PUTs raw bytes to the artifact proxy path of the run and reads them back', async () => {
  const s = new RestStore(url, fast);
  const run = await s.createRun({ experimentId: '0', runName: 'art', userId: 'u' });
  const bytes = new Uint8Array([0, 1, 2, 250, 255]);
  await s.logArtifact(run.runId, 'figures/a b.bin', bytes);
  const put = server.requests.find((r) => r.method === 'PUT')!;
  assert.equal(put.path, `/api/2.0/mlflow-artifacts/artifacts/0/${run.runId}/artifacts/figures/a%20b.bin`);
  assert.deepEqual(await s.readArtifact(run.runId, 'figures/a b.bin'), bytes);
  assert.deepEqual(await s.listArtifacts(run.runId), [{ path: 'figures', isDir: true }]);
  assert.deepEqual(await s.listArtifacts(run.runId, 'figures'), [{ path: 'figures/a b.bin', isDir: false, fileSize: 5 }]);
});

test('RestStore retries 5xx answers with backoff and succeeds when the server recovers', async () => {
  const s = new RestStore(url, fast);
  server.failNext = 2;
  const id = await s.createExperiment('rest-retry');
  assert.ok(id);
  assert.equal(server.requests.filter((r) => r.path.endsWith('/experiments/create')).length, 3);
});

test('RestStore retries a dropped connection (network error)', async () => {
  const s = new RestStore(url, fast);
  server.dropNext = 1;
  assert.equal(await s.getExperimentByName('nope-2'), undefined);
  assert.equal(server.requests.length, 2);
});

test('RestStore gives up after its retries with a TRACKING error naming the server and the last problem', async () => {
  const s = new RestStore(url, { ...fast, retries: 2 });
  server.failNext = 10;
  await assert.rejects(
    s.listExperiments(),
    (e: unknown) =>
      isVesselprintError(e, 'TRACKING') &&
      /did not answer POST .*experiments\/search after 3 attempts \(last: HTTP 503\)/.test((e as Error).message),
  );
  assert.equal(server.requests.length, 3);
  server.failNext = 0;
});

test('RestStore on an unreachable server fails with a clear TRACKING error (connection refused)', async () => {
  const port = await new Promise<number>((r) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => r(typeof a === 'object' && a ? a.port : 1));
    });
  });
  const s = new RestStore(`http://127.0.0.1:${port}`, { retries: 1, backoffMs: 1, env: {} });
  await assert.rejects(
    s.getExperimentByName('x'),
    (e: unknown) =>
      isVesselprintError(e, 'TRACKING') &&
      /unreachable|did not answer/.test((e as Error).message) &&
      /ECONNREFUSED/.test((e as Error).message) &&
      /mlflow server/.test((e as Error).message),
  );
});

test('RestStore sends bearer auth from MLFLOW_TRACKING_TOKEN and never puts it in errors', async () => {
  server.requireAuth = 'Bearer s3cret-token';
  const ok = new RestStore(url, { ...fast, env: { MLFLOW_TRACKING_TOKEN: 's3cret-token' } });
  assert.equal(await ok.getExperimentByName('nope'), undefined);
  const bad = new RestStore(url, { ...fast, env: { MLFLOW_TRACKING_TOKEN: 'wrong-token' } });
  await assert.rejects(bad.getExperimentByName('nope'), (e: unknown) => {
    const m = (e as Error).message;
    return /HTTP 401 UNAUTHENTICATED/.test(m) && !m.includes('wrong-token') && /bearer/.test(m);
  });
  assert.equal(JSON.stringify(bad).includes('wrong-token'), false);
  const none = new RestStore(url, fast);
  await assert.rejects(none.getExperimentByName('nope'), /MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/);
});

test('RestStore sends basic auth from MLFLOW_TRACKING_USERNAME/PASSWORD or from user:pass in the URI, and shows the URI without them', async () => {
  const expected = `Basic ${Buffer.from('ana:pw:1').toString('base64')}`;
  server.requireAuth = expected;
  const a = new RestStore(url, { ...fast, env: { MLFLOW_TRACKING_USERNAME: 'ana', MLFLOW_TRACKING_PASSWORD: 'pw:1' } });
  assert.equal(await a.getExperimentByName('nope'), undefined);
  const b = new RestStore(url.replace('http://', 'http://ana:pw%3A1@'), fast);
  assert.equal(await b.getExperimentByName('nope'), undefined);
  assert.equal(b.uri.includes('pw'), false);
  assert.equal(b.uri, url);
});

test('RestStore.logInputs() sends the dataset with its tags and getRun() returns it', async () => {
  const s = new RestStore(url, fast);
  const run = await s.createRun({ experimentId: '0', runName: 'in', userId: 'u' });
  await s.logInputs(run.runId, [
    {
      dataset: { name: 'm.csv', digest: 'abc', sourceType: 'local', source: '{"uri":"m.csv"}' },
      tags: { 'mlflow.data.context': 'manifest' },
    },
  ]);
  const r = await s.getRun(run.runId);
  assert.deepEqual(r.inputs, [
    {
      dataset: { name: 'm.csv', digest: 'abc', sourceType: 'local', source: '{"uri":"m.csv"}' },
      tags: { 'mlflow.data.context': 'manifest' },
    },
  ]);
});

test('RestStore.updateRun() sets status and end time; getRun() reflects it', async () => {
  const s = new RestStore(url, fast);
  const run = await s.createRun({ experimentId: '0', runName: 'u', userId: 'u', startTime: 100 });
  const info = await s.updateRun(run.runId, 'KILLED', 250);
  assert.equal(info.status, 'KILLED');
  assert.equal(info.endTime, 250);
  const body = JSON.parse(server.requests.at(-1)!.body) as Record<string, unknown>;
  assert.deepEqual(body, { run_id: run.runId, status: 'KILLED', end_time: 250 });
  assert.equal((await s.getRun(run.runId)).info.status, 'KILLED');
});

test('RestStore.getRun() of an unknown run is a TRACKING error with RESOURCE_DOES_NOT_EXIST', async () => {
  const s = new RestStore(url, fast);
  await assert.rejects(s.getRun('0'.repeat(32)), /HTTP 404 RESOURCE_DOES_NOT_EXIST/);
});
