import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { startRun, withRun } from '../../src/track/startRun.js';
import { FileStore } from '../../src/track/fileStore.js';
import { RestStore } from '../../src/track/restStore.js';
import { openStore } from '../../src/track/openStore.js';
import { flattenParams } from '../../src/track/flatten.js';
import { sanitizeRemote, projectRelative, scrubPaths } from '../../src/track/reproducibility.js';
import { isVesselprintError } from '../../src/core/errors.js';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
const newStore = (): FileStore => new FileStore(join(mkdtempSync(join(tmpdir(), 'vp-run-')), 'mlruns'));
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

test('flattenParams() flattens nested objects with dots, keeps arrays as JSON and skips undefined', () => {
  assert.deepEqual(flattenParams({ seed: 1, a: { b: { c: 'x' }, d: [1, 2], e: null, f: undefined, g: true }, h: {} }), {
    seed: '1',
    'a.b.c': 'x',
    'a.d': '[1,2]',
    'a.e': 'null',
    'a.g': 'true',
    h: '{}',
  });
});

test('startRun() records git commit and dirty flag as `git` itself reports them', async () => {
  const store = newStore();
  const run = await startRun({ store, experiment: 'repro', projectRoot: repoRoot, runName: 'r' });
  const r = await store.getRun(run.runId);
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
  const dirty =
    spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim() !== '';
  assert.equal(r.tags['mlflow.source.git.commit'], head);
  assert.equal(r.tags['mlflow.source.git.dirty'], String(dirty));
  assert.equal(r.tags['mlflow.source.type'], 'LOCAL');
  assert.equal(r.tags['mlflow.runName'], 'r');
  assert.equal(r.tags['mlflow.user'], r.info.userId);
  await run.end();
});

test('startRun() records vesselprint, Node and installed library versions read from their package.json files', async () => {
  const store = newStore();
  const run = await startRun({ store, projectRoot: repoRoot, git: false, tfjsBackend: 'wasm', libraries: ['commander'] });
  const t = (await store.getRun(run.runId)).tags;
  const ver = (p: string): string => (JSON.parse(readFileSync(join(repoRoot, p), 'utf8')) as { version: string }).version;
  assert.equal(t['vesselprint.version'], ver('package.json'));
  assert.equal(t['vesselprint.node_version'], process.version);
  assert.equal(t['vesselprint.lib.tensorflow.tfjs'], ver('node_modules/@tensorflow/tfjs/package.json'));
  assert.equal(t['vesselprint.lib.sharp'], ver('node_modules/sharp/package.json'));
  assert.equal(t['vesselprint.lib.commander'], ver('node_modules/commander/package.json'));
  assert.equal(t['vesselprint.tfjs_backend'], 'wasm');
  assert.equal(t['mlflow.source.git.commit'], undefined);
});

test('startRun({ config, seed, manifest }) logs flattened params, config.json, the seed and the manifest path + SHA-256 as tags and a dataset input', async () => {
  const store = newStore();
  const config = { seed: 7, segment: { method: 'frangi', sigmas: [1, 2, 4] } };
  const manifest = join(repoRoot, 'package.json');
  const run = await startRun({ store, projectRoot: repoRoot, git: false, config, seed: 7, manifest, description: 'first try' });
  await run.end();
  const r = await store.getRun(run.runId);
  assert.deepEqual(r.params, { seed: '7', 'segment.method': 'frangi', 'segment.sigmas': '[1,2,4]' });
  assert.deepEqual(JSON.parse(text(await store.readArtifact(run.runId, 'config.json'))), config);
  const sha = createHash('sha256').update(readFileSync(manifest)).digest('hex');
  assert.equal(r.tags['vesselprint.manifest.path'], 'package.json');
  assert.equal(r.tags['vesselprint.manifest.sha256'], sha);
  assert.equal(r.tags['vesselprint.seed'], '7');
  assert.equal(r.tags['mlflow.note.content'], 'first try');
  assert.deepEqual(r.inputs, [
    {
      dataset: { name: 'package.json', digest: sha.slice(0, 16), sourceType: 'local', source: '{"uri":"package.json"}' },
      tags: { 'mlflow.data.context': 'manifest' },
    },
  ]);
});

test('startRun() logs only the file name of a manifest outside the project unless allowAbsolutePaths', async () => {
  const outside = join(mkdtempSync(join(tmpdir(), 'vp-outside-')), 'secret-site.csv');
  writeFileSync(outside, 'id\n1\n');
  const store = newStore();
  const a = await startRun({ store, projectRoot: repoRoot, git: false, manifest: outside, sourceName: 'test' });
  const ta = (await store.getRun(a.runId)).tags;
  assert.equal(ta['vesselprint.manifest.path'], 'secret-site.csv');
  assert.ok(!JSON.stringify(ta).includes(tmpdir()), 'no absolute path outside the project in tags');
  const b = await startRun({ store, projectRoot: repoRoot, git: false, manifest: outside, allowAbsolutePaths: true });
  assert.equal((await store.getRun(b.runId)).tags['vesselprint.manifest.path'], outside);
  assert.equal(projectRelative('/elsewhere/x/y.csv', repoRoot), 'y.csv');
  assert.equal(projectRelative(join(repoRoot, 'data', 'm.csv'), repoRoot), 'data/m.csv');
});

test('sanitizeRemote() drops credentials and local paths from git remotes', () => {
  assert.equal(sanitizeRemote('https://user:tok@github.com/org/repo.git'), 'https://github.com/org/repo.git');
  assert.equal(sanitizeRemote('git@github.com:org/repo.git'), 'github.com:org/repo.git');
  assert.equal(sanitizeRemote('/home/ana/repos/vesselprint'), undefined);
  assert.equal(sanitizeRemote('file:///home/ana/repo'), undefined);
});

test('scrubPaths() makes project paths relative, keeps only file names of other absolute paths and leaves URLs alone', () => {
  assert.equal(scrubPaths("ENOENT: open '/home/ana/site-A/img.png'", '/work/p'), "ENOENT: open '…/img.png'");
  assert.equal(scrubPaths('bad row in /work/p/data/m.csv: row 3', '/work/p'), 'bad row in data/m.csv: row 3');
  assert.equal(scrubPaths('server http://mlflow.lab:5000/api/2.0 down', '/work/p'), 'server http://mlflow.lab:5000/api/2.0 down');
});

test('withRun() logs the error message without absolute paths outside the project', async () => {
  const store = newStore();
  let id = '';
  await assert.rejects(
    withRun({ store, git: false, projectRoot: repoRoot }, (run) => {
      id = run.runId;
      throw new Error(`cannot read /secret/site-B/S001.dcm or ${join(repoRoot, 'x.csv')}`);
    }),
  );
  assert.equal((await store.getRun(id)).tags['vesselprint.error'], 'cannot read …/S001.dcm or x.csv');
});

test('withRun() ends FINISHED and returns the value; on an exception marks FAILED with the message and re-throws', async () => {
  const store = newStore();
  let id = '';
  const v = await withRun({ store, git: false, experiment: 'w' }, async (run) => {
    id = run.runId;
    await run.logMetric('x', 1);
    return 42;
  });
  assert.equal(v, 42);
  assert.equal((await store.getRun(id)).info.status, 'FINISHED');
  await assert.rejects(
    withRun({ store, git: false, experiment: 'w' }, async (run) => {
      id = run.runId;
      throw new Error('segmentation exploded');
    }),
    /segmentation exploded/,
  );
  const r = await store.getRun(id);
  assert.equal(r.info.status, 'FAILED');
  assert.ok(r.info.endTime !== undefined);
  assert.equal(r.tags['vesselprint.error'], 'segmentation exploded');
});

test('ActiveRun.child() creates a nested run in the same experiment with mlflow.parentRunId', async () => {
  const store = newStore();
  const parent = await startRun({ store, git: false, experiment: 'cv' });
  const fold = await parent.child({ runName: 'fold-0', config: { fold: 0 } });
  await fold.logMetric('auc', 0.8);
  await fold.end();
  await parent.end();
  const c = await store.getRun(fold.runId);
  assert.equal(c.tags['mlflow.parentRunId'], parent.runId);
  assert.equal(c.info.experimentId, parent.experimentId);
  assert.equal(c.info.runName, 'fold-0');
  assert.deepEqual(c.params, { fold: '0' });
});

test('ActiveRun applies un-awaited calls in order and refuses to log after end()', async () => {
  const store = newStore();
  const run = await startRun({ store, git: false });
  for (let i = 0; i < 50; i++) void run.logMetric('loss', 1 / (i + 1), i);
  await run.end();
  assert.deepEqual(
    (await store.getMetricHistory(run.runId, 'loss')).map((m) => m.step),
    Array.from({ length: 50 }, (_, i) => i),
  );
  await assert.rejects(run.logMetric('loss', 0), /already ended/);
  await assert.rejects(run.end(), /already ended/);
});

test('ActiveRun.logFigure() stores a Plotly spec as JSON and SVG/PDF bytes as given; mismatches are BAD_ARGUMENT', async () => {
  const store = newStore();
  const run = await startRun({ store, git: false });
  const spec = { data: [{ type: 'scatter', x: [1, 2], y: [3, 4] }], layout: { title: { text: 'ROC' } } };
  await run.logFigure(spec, 'figures/roc.json');
  await run.logFigure('<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'figures/roc.svg');
  const pdf = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
  await run.logFigure(pdf, 'figures/roc.pdf');
  assert.deepEqual(JSON.parse(text(await store.readArtifact(run.runId, 'figures/roc.json'))), spec);
  assert.deepEqual(await store.readArtifact(run.runId, 'figures/roc.pdf'), pdf);
  await assert.rejects(run.logFigure(spec, 'figures/roc.png'), (e: unknown) => isVesselprintError(e, 'BAD_ARGUMENT'));
  await assert.rejects(run.logFigure(new TextEncoder().encode('hello'), 'figures/x.pdf'), /expected PDF/);
  await assert.rejects(run.logFigure({ nodata: 1 } as never, 'figures/x.json'), /Plotly figure/);
  await run.end();
});

test('ActiveRun.logTable() writes a CSV that an independent CSV parser reads back; logDict() writes JSON and YAML', async () => {
  const store = newStore();
  const run = await startRun({ store, git: false });
  const rows = [
    { subject: 'S01', dice: 0.81, note: 'a, "quoted" value' },
    { subject: 'S02', dice: NaN, extra: 3 },
  ];
  await run.logTable(rows, 'tables/dice.csv');
  const parsed = parseCsv(text(await store.readArtifact(run.runId, 'tables/dice.csv')), { columns: true }) as Record<string, string>[];
  assert.deepEqual(parsed, [
    { subject: 'S01', dice: '0.81', note: 'a, "quoted" value', extra: '' },
    { subject: 'S02', dice: 'NaN', note: '', extra: '3' },
  ]);
  await run.logDict({ a: { b: [1, 2] }, s: 'x: y' }, 'cfg/settings.yaml');
  assert.deepEqual(parseYaml(text(await store.readArtifact(run.runId, 'cfg/settings.yaml'))), { a: { b: [1, 2] }, s: 'x: y' });
  await run.logDict({ k: 1 }, 'k.json');
  assert.deepEqual(JSON.parse(text(await store.readArtifact(run.runId, 'k.json'))), { k: 1 });
  await assert.rejects(run.logDict({}, 'k.txt'), /\.json, \.yaml or \.yml/);
  await assert.rejects(run.logArtifact('/nonexistent/file.bin'), (e: unknown) => isVesselprintError(e, 'FILE_NOT_FOUND'));
  await assert.rejects(run.logArtifact(new Uint8Array(1)), /bytes need an artifact path/);
  const file = join(mkdtempSync(join(tmpdir(), 'vp-art-')), 'model.bin');
  writeFileSync(file, Buffer.from([1, 2, 3]));
  await run.logArtifact(file);
  await run.logArtifact(file, 'models/unet.bin');
  assert.deepEqual([...(await store.readArtifact(run.runId, 'model.bin'))], [1, 2, 3]);
  assert.deepEqual([...(await store.readArtifact(run.runId, 'models/unet.bin'))], [1, 2, 3]);
  await run.end();
});

test('openStore() chooses the store from the URI or MLFLOW_TRACKING_URI; database URIs get a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-open-'));
  assert.ok(openStore('http://127.0.0.1:1') instanceof RestStore);
  assert.ok(openStore('https://mlflow.example.org') instanceof RestStore);
  const f = openStore(`file://${dir}/a`);
  assert.ok(f instanceof FileStore && f.root === join(dir, 'a'));
  const g = openStore(join(dir, 'b'));
  assert.ok(g instanceof FileStore && g.root === join(dir, 'b'));
  const old = process.env.MLFLOW_TRACKING_URI;
  process.env.MLFLOW_TRACKING_URI = 'http://127.0.0.1:2';
  try {
    assert.ok(openStore() instanceof RestStore);
  } finally {
    if (old === undefined) delete process.env.MLFLOW_TRACKING_URI;
    else process.env.MLFLOW_TRACKING_URI = old;
  }
  assert.throws(() => openStore(join(dir, 'typo'), { readOnly: true }), /no MLflow file store here/);
  assert.equal(existsSync(join(dir, 'typo')), false);
  const ro = openStore(join(dir, 'a'), { readOnly: true });
  assert.ok(ro instanceof FileStore && ro.readOnly);
  assert.throws(
    () => openStore('sqlite:///mlflow.db'),
    (e: unknown) => isVesselprintError(e, 'BAD_ARGUMENT') && /mlflow server --backend-store-uri sqlite/.test((e as Error).message),
  );
});
