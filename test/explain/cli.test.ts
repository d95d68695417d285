import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../src/core/rng.js';
import { FileStore } from '../../src/track/fileStore.js';
import { startRun } from '../../src/track/startRun.js';
import { findChromium } from '../../src/plot/export.js';
import { pngDpi } from '../../src/plot/pngDpi.js';
import { py } from '../learn/pyOracle.js';
import { runCli } from './runCli.js';
import { readCsv } from '../../src/table/csv.js';
import { explainTable } from '../../src/explain/explainTable.js';

interface Out {
  expected_value: number;
  output_scale: string;
  rows: { row: number; prediction: number; shap: Record<string, number> }[];
}

function table(): { path: string; rows: (number | null)[][] } {
  const dir = mkdtempSync(join(tmpdir(), 'vp-explain-'));
  const rng = createRng(8);
  const rows: (number | null)[][] = [];
  const lines = ['subject_id,vd,fd,tort,age,dm'];
  for (let i = 0; i < 90; i++) {
    const vd = rng.normal(),
      fd = i % 13 === 0 ? null : rng.normal(),
      tort = rng.normal(),
      age = 60 + 10 * rng.normal();
    const dm = rng.bernoulli(1 / (1 + Math.exp(-(1.2 * vd - 0.8 * (fd ?? 0) + 0.03 * (age - 60))))) ? 1 : 0;
    rows.push([vd, fd, tort, age, dm]);
    lines.push(`S${i},${vd.toFixed(5)},${fd === null ? '' : fd.toFixed(5)},${tort.toFixed(5)},${age.toFixed(3)},${dm}`);
  }
  const path = join(dir, 't.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return {
    path,
    rows: lines.slice(1).map((l) =>
      l
        .split(',')
        .slice(1)
        .map((v) => (v === '' ? null : Number(v))),
    ),
  };
}

test('explain --table --model logistic --json equals w_j·(z_j − mean z_j) of scikit-learn LogisticRegression(C=1) on the median-imputed, z-scored table', async (t) => {
  const { path, rows } = table();
  const r = await runCli(['explain', '--table', path, '--outcome', 'dm', '--model', 'logistic', '--seed', '1', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Out;
  assert.equal(out.output_scale, 'log-odds');
  assert.equal(out.rows.length, 90);
  for (const row of out.rows)
    assert.ok(Math.abs(out.expected_value + Object.values(row.shap).reduce((a, b) => a + b, 0) - row.prediction) < 1e-9);
  const ref = py<number[][]>(
    t,
    `
from sklearn.linear_model import LogisticRegression
X = np.array([[np.nan if v is None else v for v in r[:4]] for r in data]); y = np.array([r[4] for r in data])
med = np.nanmedian(X, axis=0); X = np.where(np.isnan(X), med, X)
Z = (X - X.mean(0)) / X.std(0, ddof=1)
m = LogisticRegression(C=1.0, tol=1e-12, max_iter=10000).fit(Z, y)
result = (m.coef_[0] * (Z - Z.mean(0))).tolist()`,
    rows,
  );
  if (!ref) return;
  out.rows.forEach((row, i) =>
    ['vd', 'fd', 'tort', 'age'].forEach((f, j) =>
      assert.ok(
        Math.abs(row.shap[f]! - ref[i]![j]!) < 1e-4 * Math.max(1, Math.abs(ref[i]![j]!)),
        `row ${i} ${f}: ${row.shap[f]} vs ${ref[i]![j]}`,
      ),
    ),
  );
});

test('explain --table --model gbm|rf: local accuracy on the log-odds / probability scale; clear errors for a bad outcome or model', async () => {
  const { path } = table();
  for (const [model, scale] of [
    ['gbm', 'log-odds'],
    ['rf', 'probability'],
  ] as const) {
    const r = await runCli(['explain', '--table', path, '--outcome', 'dm', '--model', model, '--seed', '2', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Out;
    assert.equal(out.output_scale, scale);
    for (const row of out.rows)
      assert.ok(Math.abs(out.expected_value + Object.values(row.shap).reduce((a, b) => a + b, 0) - row.prediction) < 1e-9);
    if (model === 'rf') assert.ok(out.rows.every((row) => row.prediction >= -1e-12 && row.prediction <= 1 + 1e-12));
  }
  const rows = readCsv(path);
  assert.throws(() => explainTable(rows, { outcome: 'nope', model: 'rf' }), /no column "nope"/);
  assert.throws(() => explainTable(rows, { outcome: 'age', model: 'logistic' }), /needs a 0\/1 outcome/);
  assert.throws(() => explainTable(rows, { outcome: 'dm', model: 'svm' as 'rf' }), /expected one of "logistic", "rf", "gbm", "tree"/);
  const bad = await runCli(['explain', '--table', path, '--outcome', 'dm', '--model', 'svm']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /vesselprint: error \[BAD_ARGUMENT\]: field model: expected one of/);
});

test('explain RUN_ID refits the logged model config and logs shap.json and shap_values.csv to the run', async () => {
  const { path } = table();
  const dir = mkdtempSync(join(tmpdir(), 'vp-runs-'));
  const store = new FileStore(dir);
  const run = await startRun({
    store,
    experiment: 'explain-test',
    config: { table: path, outcome: 'dm', group: 'subject_id', model: 'gbm', seed: 3, params: { nRounds: 30 } },
    seed: 3,
    git: false,
  });
  await run.end();
  const r = await runCli(['explain', run.runId, '--tracking-uri', `file://${dir}`, '--no-figures', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout) as { output_scale: string; artifacts: string[] };
  assert.equal(res.output_scale, 'log-odds');
  const shap = JSON.parse(new TextDecoder().decode(await store.readArtifact(run.runId, 'explain/shap.json'))) as Out;
  assert.equal(shap.rows.length, 90);
  assert.ok(!('subject_id' in shap.rows[0]!.shap));
  const csv = new TextDecoder().decode(await store.readArtifact(run.runId, 'explain/shap_values.csv'));
  assert.match(csv.split('\n')[0]!, /^row,prediction,vd,fd,tort,age/);
  assert.match((await runCli(['explain', 'ffffffffffffffffffffffffffffffff', '--tracking-uri', `file://${dir}`])).error!.message, /ffff/);
});

test('figure SPEC.json --out fig.png --width-mm 88 --height-mm 60 --dpi 150 writes a PNG with 150 dpi recorded (real Chromium)', async (t) => {
  try {
    findChromium();
  } catch (e) {
    if (process.env.CI) throw e;
    t.skip(`Chromium missing: ${(e as Error).message}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vp-fig-'));
  const spec = join(dir, 's.json');
  writeFileSync(
    spec,
    JSON.stringify({ data: [{ type: 'scatter', x: [1, 2, 3], y: [2, 1, 3] }], layout: { xaxis: { title: { text: 'x' } } } }),
  );
  const r = await runCli(['figure', spec, '--out', join(dir, 'f.png'), '--width-mm', '88', '--height-mm', '60', '--dpi', '150']);
  assert.equal(r.code, 0, r.stderr);
  const png = new Uint8Array(readFileSync(join(dir, 'f.png')));
  assert.ok(Math.abs(pngDpi(png)! - 150) < 0.05); // pHYs stores whole px per metre: 5906 px/m = 150.01 dpi
  assert.ok(Math.abs(new DataView(png.buffer).getUint32(16) - (88 / 25.4) * 150) <= 2);
  assert.match((await runCli(['figure', spec, '--out', join(dir, 'f.gif')])).error!.message, /\.pdf, \.svg or \.png/);
  writeFileSync(join(dir, 'bad.json'), '{"layout": {}}');
  assert.match(
    (await runCli(['figure', join(dir, 'bad.json'), '--out', join(dir, 'f.svg')])).error!.message,
    /bad\.json: field data: expected a Plotly spec/,
  );
});

test("model --features (30 long names) then explain RUN_ID works: the run's config.json holds the full feature list, not the shortened param", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-explain30-'));
  const rng = createRng(30);
  const names = Array.from({ length: 30 }, (_, j) => `vascular.measure_with_a_long_name_${j}_um`);
  const lines = [`subject_id,${names.join(',')},dm`];
  for (let i = 0; i < 80; i++) {
    const x = names.map(() => rng.normal());
    lines.push(`S${i},${x.map((v) => v.toFixed(4)).join(',')},${rng.bernoulli(1 / (1 + Math.exp(-x[0]!))) ? 1 : 0}`);
  }
  const path = join(dir, 't.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  const runs = join(dir, 'mlruns');
  const old = process.env.MLFLOW_TRACKING_URI;
  process.env.MLFLOW_TRACKING_URI = `file://${runs}`;
  try {
    const m = spawnSync(
      process.execPath,
      [
        'bin/vesselprint.mjs',
        'model',
        '--table',
        path,
        '--outcome',
        'dm',
        '--group',
        'subject_id',
        '--model',
        'logistic',
        '--cv',
        '2',
        '--features',
        names.join(','),
        '--seed',
        '1',
        '--json',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(m.status, 0, m.stderr);
    const runId = (JSON.parse(m.stdout) as { run_id: string }).run_id;
    const r = await runCli(['explain', runId, '--tracking-uri', `file://${runs}`, '--no-figures', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const shap = JSON.parse(new TextDecoder().decode(await new FileStore(runs).readArtifact(runId, 'explain/shap.json'))) as Out;
    assert.deepEqual(Object.keys(shap.rows[0]!.shap).sort(), [...names].sort());
  } finally {
    if (old === undefined) delete process.env.MLFLOW_TRACKING_URI;
    else process.env.MLFLOW_TRACKING_URI = old;
  }
});
