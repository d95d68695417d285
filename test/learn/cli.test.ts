import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { captureStdio } from '../captureStdio.js';
import { register } from '../../src/cli/commands/analyze.js';
import { createRng } from '../../src/core/rng.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { writeCsv, columnOrder, readCsv } from '../../src/table/csv.js';
import { associate } from '../../src/learn/stats/associate.js';

function makeTable(dir: string): string {
  const rng = createRng(11);
  const rows: Record<string, number | string | null>[] = [];
  for (let s = 0; s < 120; s++) {
    const dm = rng.bernoulli(0.35) ? 1 : 0,
      age = Math.round(rng.range(40, 80)),
      sex = rng.bernoulli(0.5) ? 'M' : 'F';
    for (let k = 0; k < 2; k++)
      rows.push({
        subject_id: `S${s}`,
        dm,
        age,
        sex,
        vd: 0.3 - 0.04 * dm + 0.02 * rng.normal(),
        fd: rng.bernoulli(0.05) ? null : 1.6 - 0.05 * dm + 0.05 * rng.normal(),
        sbp: 100 + 0.6 * age + 8 * dm + rng.normal(0, 8),
      });
  }
  const p = join(dir, 'cohort.csv');
  writeCsv(p, rows, columnOrder(rows, ['subject_id']));
  return p;
}

/** Runs the command in-process and returns what it printed to stdout. */
async function cli(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  register(program);
  return (await captureStdio(() => program.parseAsync(args, { from: 'user' }))).stdout;
}

const dir = mkdtempSync(join(tmpdir(), 'vp-learn-cli-'));
const table = makeTable(dir);

test('vesselprint model --table … --json prints auc_mean, auc_ci_low, auc_ci_high and per-fold results', async () => {
  const out = JSON.parse(
    await cli([
      'model',
      '--table',
      table,
      '--outcome',
      'dm',
      '--group',
      'subject_id',
      '--model',
      'gbm',
      '--cv',
      '4',
      '--repeats',
      '2',
      '--seed',
      '3',
      '--exclude',
      'sbp',
      '--no-track',
      '--json',
    ]),
  ) as Record<string, unknown>;
  const auc = out.auc_mean as number,
    lo = out.auc_ci_low as number,
    hi = out.auc_ci_high as number;
  assert.ok(auc > 0.75 && lo < hi && lo > 0.5, JSON.stringify({ auc, lo, hi }));
  const folds = out.folds as Record<string, number>[];
  assert.equal(folds.length, 8);
  assert.ok(folds.every((f) => f.n_train + f.n_test === 240 && typeof f.auc === 'number'));
  assert.equal(out.n_features, 3); // age, vd, fd: not subject_id, sex (label), dm, sbp
});

test('vesselprint model on a continuous outcome reports r2_mean and mae_mean, and writes artifacts with --out', async () => {
  const outDir = join(dir, 'out');
  const out = JSON.parse(
    await cli([
      'model',
      '--table',
      table,
      '--outcome',
      'sbp',
      '--group',
      'subject_id',
      '--model',
      'rf',
      '--param',
      'nTrees=50',
      '--cv',
      '3',
      '--seed',
      '1',
      '--exclude',
      'dm',
      '--categorical',
      'sex',
      '--no-track',
      '--json',
      '--out',
      outDir,
    ]),
  ) as Record<string, number>;
  assert.ok(out.r2_mean! > 0.2 && out.mae_mean! > 0);
  assert.equal(out.auc_mean, undefined);
  assert.deepEqual(readdirSync(outDir).sort(), ['folds.csv', 'model_report.json', 'predictions.csv']);
  assert.equal(readCsv(join(outDir, 'predictions.csv')).length, 240);
});

test('vesselprint associate --json equals the library result; binomial adds or/or_ci_low/or_ci_high', async () => {
  const g = JSON.parse(
    await cli([
      'associate',
      '--table',
      table,
      '--outcome',
      'sbp',
      '--exposure',
      'vd',
      '--covariates',
      'age,sex',
      '--family',
      'gaussian',
      '--no-track',
      '--json',
    ]),
  ) as Record<string, number>;
  const lib = associate(readCsv(table), 'sbp ~ vd + age + sex');
  assert.deepEqual([g.beta, g.se, g.ci_low, g.ci_high, g.p, g.n], [lib.beta, lib.se, lib.ci_low, lib.ci_high, lib.p, lib.n]);
  const b = JSON.parse(
    await cli([
      'associate',
      '--table',
      table,
      '--outcome',
      'dm',
      '--exposure',
      'vd',
      '--covariates',
      'age,sex',
      '--family',
      'binomial',
      '--standardize',
      '--no-track',
      '--json',
    ]),
  ) as Record<string, number>;
  assert.ok(b.beta < 0 && b.or! < 1 && b.or_ci_low! < b.or! && b.or! < b.or_ci_high!);
  assert.equal(b.or, Math.exp(b.beta!));
  assert.equal(b.n, 240);
});

test('vesselprint associate with several exposures and a YAML config gives the FDR table; tracking writes one run with artifacts', async () => {
  const cfg = join(dir, 'assoc.yaml');
  writeFileSync(cfg, 'table: cohort.csv\noutcome: sbp\nexposures: [vd, fd]\ncovariates: [age, sex]\nstandardize: true\n');
  const mlruns = join(dir, 'mlruns');
  process.env.MLFLOW_TRACKING_URI = mlruns;
  try {
    const out = JSON.parse(await cli(['associate', cfg, '--json'])) as {
      rows: { exposure: string; q_bh: number }[];
      forest: unknown[];
      run_id: string;
    };
    assert.deepEqual(
      out.rows.map((r) => r.exposure),
      ['vd', 'fd'],
    );
    assert.ok(out.rows.every((r) => r.q_bh >= 0 && r.q_bh <= 1));
    assert.equal(out.forest.length, 2);
    const exp = readdirSync(mlruns).filter((d) => /^\d+$/.test(d) && d !== '0');
    const runDir = exp.map((e) => join(mlruns, e, out.run_id)).find((p) => existsSync(p))!;
    assert.ok(existsSync(join(runDir, 'artifacts', 'exposure_wide.csv')) && existsSync(join(runDir, 'artifacts', 'forest.json')));
    assert.match(readFileSync(join(runDir, 'meta.yaml'), 'utf8'), /status: 3|FINISHED/);
  } finally {
    delete process.env.MLFLOW_TRACKING_URI;
  }
});

test('vesselprint model / associate reject bad input with VesselprintErrors naming the field', async () => {
  await assert.rejects(
    cli(['model', '--table', table, '--outcome', 'dm', '--model', 'svm', '--no-track']),
    (e: unknown) => isVesselprintError(e, 'CONFIG_INVALID') && /field model/.test(e.message),
  );
  await assert.rejects(cli(['model', '--table', join(dir, 'missing.csv'), '--outcome', 'dm', '--no-track']), (e: unknown) =>
    isVesselprintError(e, 'FILE_NOT_FOUND'),
  );
  await assert.rejects(
    cli(['associate', '--table', table, '--outcome', 'sbp', '--exposure', 'vd', '--family', 'binomial', '--no-track']),
    /field sbp: binary outcome must be 0 or 1/,
  );
  await assert.rejects(
    cli(['associate', '--table', table, '--outcome', 'sbp', '--no-track']),
    (e: unknown) => isVesselprintError(e, 'CONFIG_INVALID') && /exposures/.test(e.message),
  );
});

test('vesselprint model --baseline age adds the baseline AUC and the DeLong comparison to the JSON', async () => {
  const out = JSON.parse(
    await cli([
      'model',
      '--table',
      table,
      '--outcome',
      'dm',
      '--group',
      'subject_id',
      '--model',
      'logistic',
      '--cv',
      '4',
      '--seed',
      '2',
      '--exclude',
      'sbp',
      '--baseline',
      'age',
      '--no-track',
      '--json',
    ]),
  ) as {
    auc_pooled: number;
    auc_boot_ci_low: number;
    auc_boot_ci_high: number;
    baseline: { auc_pooled: number };
    delong: { diff: number; p: number };
  };
  assert.ok(Math.abs(out.delong.diff - (out.auc_pooled - out.baseline.auc_pooled)) < 1e-12);
  assert.ok(out.delong.p < 0.01 && out.auc_boot_ci_low < out.auc_pooled && out.auc_pooled < out.auc_boot_ci_high);
});

test('vesselprint model --holdout 0.25 cross-validates the development subjects only and tests the final model once on held-out subjects', async () => {
  const outDir = join(dir, 'out-holdout');
  const out = JSON.parse(
    await cli([
      'model',
      '--table',
      table,
      '--outcome',
      'dm',
      '--group',
      'subject_id',
      '--model',
      'logistic',
      '--cv',
      '3',
      '--seed',
      '4',
      '--exclude',
      'sbp',
      '--holdout',
      '0.25',
      '--no-track',
      '--json',
      '--out',
      outDir,
    ]),
  ) as { n: number; holdout: { n_dev: number; n_test: number; metrics: { auc: number } } };
  assert.equal(out.holdout.n_dev + out.holdout.n_test, 240);
  assert.equal(out.n, out.holdout.n_dev);
  assert.ok(out.holdout.n_test >= 40 && out.holdout.n_test <= 80 && out.holdout.metrics.auc > 0.7);
  const cvRows = new Set(readCsv(join(outDir, 'predictions.csv')).map((r) => r.row as number));
  assert.equal(cvRows.size, out.holdout.n_dev);
  const all = readCsv(table);
  const cvSubjects = new Set([...cvRows].map((r) => all[r - 1]!.subject_id));
  const heldSubjects = all.filter((_, i) => !cvRows.has(i + 1)).map((r) => r.subject_id);
  assert.ok(
    heldSubjects.every((s) => !cvSubjects.has(s)),
    'a held-out subject was in the CV data',
  );
});
