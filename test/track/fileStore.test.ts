import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { FileStore } from '../../src/track/fileStore.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { requirePython, runPython } from './fixtures/python.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'vp-track-'));
const here = new URL('.', import.meta.url).pathname;

interface PyStore {
  experiments: {
    id: string;
    id_type: string;
    name: string;
    keys: string[];
    artifact_location: string;
    lifecycle_stage: string;
    tags: Record<string, string>;
  }[];
  runs: {
    run_id: string;
    experiment_id: string;
    meta: Record<string, unknown>;
    meta_types: Record<string, string>;
    params: Record<string, string>;
    tags: Record<string, string>;
    metrics: Record<string, [number, number | string, number][]>;
    artifacts: string[];
  }[];
  problems: string[];
}

async function sampleStore(): Promise<{ root: string; store: FileStore; expId: string; runId: string; runningId: string }> {
  const root = join(tmp(), 'mlruns');
  const store = new FileStore(root);
  const expId = await store.createExperiment("it's: a test", { 'mlflow.note.content': 'exp note' });
  const run = await store.createRun({
    experimentId: expId,
    runName: 'rf: baseline',
    userId: 'tester',
    startTime: 1_700_000_000_000,
    tags: { team: 'eye' },
  });
  await store.logBatch(run.runId, {
    params: [
      { key: 'model.C', value: '1.0' },
      { key: 'path with space', value: 'a b' },
    ],
    tags: [{ key: 'note', value: 'line1\nline2' }],
    metrics: [
      { key: 'fold/loss', value: 0.5, timestamp: 1_700_000_000_001, step: 0 },
      { key: 'fold/loss', value: NaN, timestamp: 1_700_000_000_002, step: 1 },
      { key: 'fold/loss', value: Infinity, timestamp: 1_700_000_000_003, step: 2 },
      { key: 'big', value: 1e21, timestamp: 1_700_000_000_004, step: 0 },
      { key: 'neg', value: -2.5e-7, timestamp: 1_700_000_000_005, step: -3 },
    ],
  });
  await store.logArtifact(run.runId, 'figures/roc.json', new TextEncoder().encode('{"data":[]}'));
  await store.updateRun(run.runId, 'FINISHED', 1_700_000_000_100);
  const running = await store.createRun({ experimentId: expId, runName: 'still running', userId: 'tester', startTime: 1_700_000_000_200 });
  return { root, store, expId, runId: run.runId, runningId: running.runId };
}

test('new FileStore(root) creates the Default experiment "0" with the meta.yaml fields MLflow reads', () => {
  const root = join(tmp(), 'mlruns');
  new FileStore(root);
  const meta = parseYaml(readFileSync(join(root, '0', 'meta.yaml'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(meta).sort(), [
    'artifact_location',
    'creation_time',
    'experiment_id',
    'last_update_time',
    'lifecycle_stage',
    'name',
  ]);
  assert.equal(meta.experiment_id, '0');
  assert.equal(meta.name, 'Default');
  assert.equal(meta.lifecycle_stage, 'active');
  assert.equal(meta.artifact_location, pathToFileURL(join(root, '0')).href);
  assert.ok(Number.isInteger(meta.creation_time));
});

test('FileStore writes experiment and run folders field by field as in the MLflow format notes', async () => {
  const { root, expId, runId, runningId } = await sampleStore();
  assert.match(expId, /^[1-9]\d{17}$/); // 18-digit integer id as a string
  const em = parseYaml(readFileSync(join(root, expId, 'meta.yaml'), 'utf8')) as Record<string, unknown>;
  assert.equal(em.experiment_id, expId);
  assert.equal(em.name, "it's: a test");
  assert.equal(readFileSync(join(root, expId, 'tags', 'mlflow.note.content'), 'utf8'), 'exp note');
  const runDir = join(root, expId, runId);
  for (const sub of ['metrics', 'params', 'artifacts', 'tags']) assert.ok(statSync(join(runDir, sub)).isDirectory(), sub);
  const rm = parseYaml(readFileSync(join(runDir, 'meta.yaml'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(rm).sort(), [
    'artifact_uri',
    'end_time',
    'entry_point_name',
    'experiment_id',
    'lifecycle_stage',
    'run_id',
    'run_name',
    'run_uuid',
    'source_name',
    'source_type',
    'source_version',
    'start_time',
    'status',
    'tags',
    'user_id',
  ]);
  assert.equal(rm.run_id, runId);
  assert.equal(rm.run_uuid, runId);
  assert.match(runId, /^[0-9a-f]{32}$/);
  assert.equal(rm.experiment_id, expId);
  assert.equal(rm.status, 3); // FINISHED
  assert.equal(rm.start_time, 1_700_000_000_000);
  assert.equal(rm.end_time, 1_700_000_000_100);
  assert.equal(rm.user_id, 'tester');
  assert.equal(rm.run_name, 'rf: baseline');
  assert.equal(rm.lifecycle_stage, 'active');
  assert.equal(rm.source_type, 4);
  assert.deepEqual(rm.tags, []);
  assert.equal(rm.artifact_uri, `${pathToFileURL(join(root, expId)).href}/${runId}/artifacts`);
  // tags: one file each, raw value, no trailing newline; mlflow.runName in sync with run_name
  assert.equal(readFileSync(join(runDir, 'tags', 'mlflow.runName'), 'utf8'), 'rf: baseline');
  assert.equal(readFileSync(join(runDir, 'tags', 'mlflow.user'), 'utf8'), 'tester');
  assert.equal(readFileSync(join(runDir, 'tags', 'note'), 'utf8'), 'line1\nline2');
  // params raw, no newline
  assert.equal(readFileSync(join(runDir, 'params', 'model.C'), 'utf8'), '1.0');
  // metrics: a key with "/" is a sub-folder; lines "timestamp value step"
  const lines = readFileSync(join(runDir, 'metrics', 'fold', 'loss'), 'utf8');
  assert.equal(lines, '1700000000001 0.5 0\n1700000000002 NaN 1\n1700000000003 Infinity 2\n');
  assert.equal(readFileSync(join(runDir, 'metrics', 'neg'), 'utf8'), '1700000000005 -2.5e-7 -3\n');
  // artifacts land under the artifact_uri folder
  assert.equal(readFileSync(join(runDir, 'artifacts', 'figures', 'roc.json'), 'utf8'), '{"data":[]}');
  // a running run: status 1 and end_time null
  const rr = parseYaml(readFileSync(join(root, expId, runningId, 'meta.yaml'), 'utf8')) as Record<string, unknown>;
  assert.equal(rr.status, 1);
  assert.equal(rr.end_time, null);
  // no temp files left behind
  const all = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? all(join(d, n)) : [n]));
  assert.deepEqual(
    all(root).filter((n) => n.endsWith('.tmp')),
    [],
  );
});

test("FileStore output read by an independent Python/PyYAML reader following MLflow's read rules has no problems and the same values", async (t) => {
  if (!requirePython(t, 'yaml')) return;
  const { root, expId, runId, runningId } = await sampleStore();
  const py = JSON.parse(runPython([join(here, 'fixtures', 'read_mlruns.py'), root])) as PyStore;
  assert.deepEqual(py.problems, []);
  assert.deepEqual(
    py.experiments.map((e) => [e.id, e.id_type, e.name]).sort(),
    [
      ['0', 'str', 'Default'],
      [expId, 'str', "it's: a test"],
    ].sort(),
  );
  const r = py.runs.find((x) => x.run_id === runId)!;
  assert.equal(r.meta_types.experiment_id, 'str');
  assert.equal(r.meta_types.status, 'int');
  assert.equal(r.meta_types.start_time, 'int');
  assert.equal(r.meta.run_name, 'rf: baseline');
  assert.equal(r.meta.end_time, 1_700_000_000_100);
  assert.deepEqual(r.metrics['fold/loss'], [
    [1_700_000_000_001, 0.5, 0],
    [1_700_000_000_002, 'nan', 1],
    [1_700_000_000_003, 'inf', 2],
  ]);
  assert.deepEqual(r.metrics.big, [[1_700_000_000_004, 1e21, 0]]);
  assert.deepEqual(r.metrics.neg, [[1_700_000_000_005, -2.5e-7, -3]]);
  assert.deepEqual(r.params, { 'model.C': '1.0', 'path with space': 'a b' });
  assert.equal(r.tags.note, 'line1\nline2');
  assert.deepEqual(r.artifacts, ['figures/roc.json']);
  const running = py.runs.find((x) => x.run_id === runningId)!;
  assert.equal(running.meta.end_time, null);
  assert.equal(running.meta.status, 1);
});

test('FileStore round trip: getRun(), getMetricHistory(), searchRuns(), listArtifacts() read back what was written', async () => {
  const { store, expId, runId, runningId } = await sampleStore();
  const r = await store.getRun(runId);
  assert.equal(r.info.status, 'FINISHED');
  assert.equal(r.info.runName, 'rf: baseline');
  assert.deepEqual(r.params, { 'model.C': '1.0', 'path with space': 'a b' });
  assert.equal(r.tags.team, 'eye');
  const latest = Object.fromEntries(r.metrics.map((m) => [m.key, [m.value, m.step]]));
  assert.deepEqual(latest, { big: [1e21, 0], 'fold/loss': [Infinity, 2], neg: [-2.5e-7, -3] });
  const h = await store.getMetricHistory(runId, 'fold/loss');
  assert.deepEqual(
    h.map((m) => [m.timestamp, m.value, m.step]),
    [
      [1_700_000_000_001, 0.5, 0],
      [1_700_000_000_002, NaN, 1],
      [1_700_000_000_003, Infinity, 2],
    ],
  );
  const runs = await store.searchRuns({ experimentIds: [expId] });
  assert.deepEqual(
    runs.map((x) => x.info.runId),
    [runningId, runId],
  ); // newest first
  assert.deepEqual(await store.listArtifacts(runId), [{ path: 'figures', isDir: true }]);
  assert.deepEqual(await store.listArtifacts(runId, 'figures'), [{ path: 'figures/roc.json', isDir: false, fileSize: 11 }]);
  assert.equal(new TextDecoder().decode(await store.readArtifact(runId, 'figures/roc.json')), '{"data":[]}');
  assert.equal((await store.getExperimentByName("it's: a test"))?.experimentId, expId);
  assert.equal(await store.getExperimentByName('absent'), undefined);
});

test('FileStore.logBatch() refuses to change a logged param (MLflow rule) but accepts the same value again', async () => {
  const { store, runningId } = await sampleStore();
  await store.logBatch(runningId, { params: [{ key: 'lr', value: '0.1' }] });
  await store.logBatch(runningId, { params: [{ key: 'lr', value: '0.1' }] });
  await assert.rejects(
    store.logBatch(runningId, { params: [{ key: 'lr', value: '0.2' }] }),
    (e: unknown) => isVesselprintError(e, 'BAD_ARGUMENT') && /changing param values is not allowed/.test((e as Error).message),
  );
});

test('FileStore rejects keys MLflow rejects: "..", absolute, forbidden characters, too long', async () => {
  const { store, runningId } = await sampleStore();
  for (const key of ['../escape', '/abs', 'a/../b', 'semi;colon', 'x'.repeat(251), '', 'a//b']) {
    await assert.rejects(
      store.logBatch(runningId, { metrics: [{ key, value: 1, timestamp: 1, step: 0 }] }),
      (e: unknown) => isVesselprintError(e, 'BAD_ARGUMENT'),
      key,
    );
  }
  await assert.rejects(store.logBatch(runningId, { params: [{ key: 'p', value: 'x'.repeat(6001) }] }), /at most 6000/);
  await assert.rejects(
    store.logBatch(runningId, { metrics: [{ key: 'k', value: 1, timestamp: 1, step: 0.5 }] }),
    /step must be an integer/,
  );
  await assert.rejects(store.logArtifact(runningId, '../x.txt', new Uint8Array(1)), /invalid artifact path/);
});

test('FileStore reader ignores a final metric line cut short by a killed writer, and names file and line of a corrupt one', async () => {
  const { root, store, expId, runningId } = await sampleStore();
  const f = join(root, expId, runningId, 'metrics', 'loss');
  writeFileSync(f, '1700000000001 0.5 0\n1700000000002 0.4 1\n17000000000');
  assert.deepEqual(
    (await store.getMetricHistory(runningId, 'loss')).map((m) => m.value),
    [0.5, 0.4],
  );
  appendFileSync(f, '\n');
  await assert.rejects(
    store.getMetricHistory(runningId, 'loss'),
    (e: unknown) => isVesselprintError(e, 'TRACKING') && /metrics\/loss: row 3/.test((e as Error).message),
  );
});

test('FileStore reads legacy 2-field and dataset-linked 5-field metric lines as MLflow does', async () => {
  const { root, store, expId, runningId } = await sampleStore();
  writeFileSync(join(root, expId, runningId, 'metrics', 'acc'), '100 0.25\n200 0.5 3 train abc123\n');
  assert.deepEqual(
    (await store.getMetricHistory(runningId, 'acc')).map((m) => [m.timestamp, m.value, m.step]),
    [
      [100, 0.25, 0],
      [200, 0.5, 3],
    ],
  );
});

test('FileStore.experimentIdFor(name) is deterministic, so concurrent creators of one experiment converge on one folder', async () => {
  const root = join(tmp(), 'mlruns');
  const a = new FileStore(root),
    b = new FileStore(root);
  assert.equal(FileStore.experimentIdFor('x'), FileStore.experimentIdFor('x'));
  assert.notEqual(FileStore.experimentIdFor('x'), FileStore.experimentIdFor('y'));
  const [ia, ib] = await Promise.allSettled([a.createExperiment('same'), b.createExperiment('same')]);
  const ids = [ia, ib].filter((r) => r.status === 'fulfilled').map((r) => r.value);
  assert.ok(ids.length >= 1);
  assert.deepEqual((await a.listExperiments()).filter((e) => e.name === 'same').length, 1);
});

test('FileStore skips an id taken by another experiment or by one in .trash', async () => {
  const root = join(tmp(), 'mlruns');
  const s = new FileStore(root);
  const first = FileStore.experimentIdFor('trashed');
  mkdirSync(join(root, '.trash', first), { recursive: true });
  const id = await s.createExperiment('trashed');
  assert.notEqual(id, first);
  assert.equal(id, FileStore.experimentIdFor('trashed', 1));
  await assert.rejects(s.createExperiment('trashed'), /already exists/);
});

test('FileStore ignores folders MLflow ignores: reserved names, incomplete runs, README files at the root', async () => {
  const { root, store, expId } = await sampleStore();
  writeFileSync(join(root, 'README.md'), 'x');
  mkdirSync(join(root, expId, 'datasets'), { recursive: true });
  mkdirSync(join(root, expId, 'f'.repeat(32), 'metrics'), { recursive: true }); // no meta.yaml
  const exps = await store.listExperiments();
  assert.deepEqual(exps.map((e) => e.name).sort(), ["it's: a test", 'Default'].sort());
  assert.equal((await store.searchRuns({ experimentIds: [expId] })).length, 2);
});

test('FileStore.logInputs() writes datasets/<md5(name+digest)> and inputs/<md5(dataset_id+run_id)> as MLflow does', async () => {
  const { root, store, expId, runningId } = await sampleStore();
  await store.logInputs(runningId, [
    {
      dataset: { name: 'cohort.csv', digest: 'abcd1234', sourceType: 'local', source: '{"uri":"data/cohort.csv"}' },
      tags: { 'mlflow.data.context': 'train' },
    },
  ]);
  const dsId = createHash('md5').update('cohort.csv').update('abcd1234').digest('hex');
  const inId = createHash('md5').update(dsId).update(runningId).digest('hex');
  const ds = parseYaml(readFileSync(join(root, expId, 'datasets', dsId, 'meta.yaml'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(ds, {
    digest: 'abcd1234',
    name: 'cohort.csv',
    profile: null,
    schema: null,
    source: '{"uri":"data/cohort.csv"}',
    source_type: 'local',
  });
  const inp = parseYaml(readFileSync(join(root, expId, runningId, 'inputs', inId, 'meta.yaml'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(inp, {
    destination_id: dsId,
    destination_type: 'RUN',
    source_id: dsId,
    source_type: 'DATASET',
    tags: { 'mlflow.data.context': 'train' },
  });
  assert.deepEqual((await store.getRun(runningId)).inputs, [
    {
      dataset: { name: 'cohort.csv', digest: 'abcd1234', sourceType: 'local', source: '{"uri":"data/cohort.csv"}' },
      tags: { 'mlflow.data.context': 'train' },
    },
  ]);
  assert.ok(existsSync(join(root, expId, runningId, 'meta.yaml')));
});

test('FileStore.getRun() of an unknown id is a TRACKING error; a malformed id is BAD_ARGUMENT', async () => {
  const { store } = await sampleStore();
  await assert.rejects(store.getRun('a'.repeat(32)), (e: unknown) => isVesselprintError(e, 'TRACKING'));
  await assert.rejects(store.getRun('../../etc'), (e: unknown) => isVesselprintError(e, 'BAD_ARGUMENT'));
});
