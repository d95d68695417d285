import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { captureStdio } from '../captureStdio.js';
import { register as registerAnalyze } from '../../src/cli/commands/analyze.js';
import { register as registerRepeat } from '../../src/cli/commands/repeatability.js';
import { createRng } from '../../src/core/rng.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { columnOrder, writeCsv } from '../../src/table/csv.js';
import { scalarText } from '../../src/core/text.js';

/** Two eyes per subject, imaged twice (session 1, 2), with follow-up time and events per subject. */
function makeTables(dir: string): { eyes: string; long: string } {
  const rng = createRng(21);
  const eyes: Record<string, number | string | null>[] = [],
    long: Record<string, number | string | null>[] = [];
  for (let s = 0; s < 150; s++) {
    const u = rng.normal(),
      age = Math.round(rng.range(40, 80)),
      sex = rng.bernoulli(0.5) ? 'M' : 'F';
    const risk = Math.exp(-0.8 * u + 0.03 * (age - 60));
    const t = -Math.log(1 - rng.uniform()) / (0.08 * risk),
      c = rng.range(3, 10);
    for (const eye of ['OD', 'OS']) {
      const vd = 0.3 + 0.02 * u + 0.01 * rng.normal();
      const sbp = 100 + 0.6 * age - 200 * (vd - 0.3) + (sex === 'M' ? 5 : 0) + rng.normal(0, 8);
      eyes.push({ subject_id: `S${s}`, eye, age, sex, vd, sbp, time_y: Number(Math.min(t, c).toFixed(3)), event: t <= c ? 1 : 0 });
      for (const session of [1, 2])
        long.push({ eye_id: `S${s}-${eye}`, session, vd: vd + 0.004 * rng.normal() + (session === 2 ? 0.002 : 0), noise: rng.normal() });
    }
  }
  const a = join(dir, 'eyes.csv'),
    b = join(dir, 'long.csv');
  writeCsv(a, eyes, columnOrder(eyes, ['subject_id']));
  writeCsv(b, long, columnOrder(long, ['eye_id']));
  return { eyes: a, long: b };
}

async function cli(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerAnalyze(program);
  registerRepeat(program);
  return (await captureStdio(() => program.parseAsync(args, { from: 'user' }))).stdout;
}

const dir = mkdtempSync(join(tmpdir(), 'vp-epi-cli-'));
const { eyes, long } = makeTables(dir);
const base = ['associate', '--table', eyes, '--no-track', '--json'];
type Json = Record<string, number | string | unknown[] | Record<string, unknown>>;

test('vesselprint associate --cluster / --gee --cluster print n_clusters and cluster-robust estimates', async () => {
  const naive = JSON.parse(
    await cli([...base, '--outcome', 'sbp', '--exposure', 'vd', '--covariates', 'age,sex', '--standardize']),
  ) as Json;
  const cl = JSON.parse(
    await cli([...base, '--outcome', 'sbp', '--exposure', 'vd', '--covariates', 'age,sex', '--standardize', '--cluster', 'subject_id']),
  ) as Json;
  const gee = JSON.parse(
    await cli([
      ...base,
      '--outcome',
      'sbp',
      '--exposure',
      'vd',
      '--covariates',
      'age,sex',
      '--standardize',
      '--gee',
      '--cluster',
      'subject_id',
    ]),
  ) as Json;
  assert.equal(cl.n_clusters, 150);
  assert.equal(gee.n_clusters, 150);
  assert.equal(cl.beta, naive.beta, 'cluster-robust SE keep the OLS estimate');
  assert.notEqual(cl.se, naive.se);
  for (const k of ['beta', 'se', 'ci_low', 'ci_high', 'p']) assert.equal(typeof gee[k], 'number', k);
  assert.equal(gee.cov_type, 'gee-exchangeable');
});

test('vesselprint associate --family cox --time --event prints hr, hr_ci_low, hr_ci_high (beta = log HR)', async () => {
  const r = JSON.parse(
    await cli([
      ...base,
      '--family',
      'cox',
      '--time',
      'time_y',
      '--event',
      'event',
      '--exposure',
      'vd',
      '--covariates',
      'age,sex',
      '--standardize',
      '--cluster',
      'subject_id',
      '--ties',
      'breslow',
    ]),
  ) as Json;
  assert.ok(Math.abs(Math.log(r.hr as number) - (r.beta as number)) < 1e-12);
  assert.ok((r.hr_ci_low as number) < (r.hr as number) && (r.hr as number) < (r.hr_ci_high as number));
  assert.ok((r.hr as number) < 1, 'higher vessel density, lower hazard (as simulated)');
  assert.equal(r.n_clusters, 150);
  assert.ok(Array.isArray(r.ph_test));
  const outDir = join(dir, 'cox-out');
  await cli([...base, '--family', 'cox', '--time', 'time_y', '--event', 'event', '--exposure', 'vd', '--out', outDir]);
  assert.ok(existsSync(join(outDir, 'km_by_tertile.json')) && existsSync(join(outDir, 'association.json')));
  const st = JSON.parse(
    await cli([
      ...base,
      '--family',
      'cox',
      '--time',
      'time_y',
      '--event',
      'event',
      '--exposure',
      'vd',
      '--covariates',
      'age',
      '--strata',
      'sex',
    ]),
  ) as Json;
  assert.ok(!(st.coefficients as { term: string }[]).some((c) => c.term.startsWith('sex')), 'a stratification column is not a coefficient');
  const wide = JSON.parse(
    await cli([...base, '--family', 'cox', '--time', 'time_y', '--event', 'event', '--exposure', 'vd,age', '--standardize']),
  ) as { rows: { hr: number }[]; forest: { scale: string }[] };
  assert.equal(wide.forest[0]!.scale, 'HR');
  assert.ok(wide.rows.every((x) => x.hr > 0));
});

test('vesselprint associate --interaction and --formula with rcs() print p_interaction and the spline tests', async () => {
  const r = JSON.parse(
    await cli([
      ...base,
      '--outcome',
      'sbp',
      '--exposure',
      'vd',
      '--covariates',
      'age,sex',
      '--interaction',
      'sex',
      '--cluster',
      'subject_id',
    ]),
  ) as Json;
  assert.equal(typeof r.p_interaction, 'number');
  assert.equal(((r.interaction as Record<string, unknown>).modifiers as { levels: unknown[] }[])[0]!.levels.length, 2);
  const s = JSON.parse(await cli([...base, '--formula', 'sbp ~ vd*sex + rcs(age, 4)'])) as Json;
  assert.equal(typeof s.p_interaction, 'number');
  assert.ok((s.coefficients as { term: string }[]).some((c) => c.term === "age''"));
  const sp = JSON.parse(await cli([...base, '--formula', 'sbp ~ rcs(vd, 4) + age', '--out', join(dir, 'rcs-out')])) as Json;
  assert.equal(typeof sp.p_nonlinear, 'number');
  assert.ok(existsSync(join(dir, 'rcs-out', 'dose_response.json')));
  await assert.rejects(cli([...base, '--outcome', 'sbp', '--exposure', 'vd,age', '--interaction', 'sex']), /single exposure/);
  await assert.rejects(
    cli([...base, '--outcome', 'sbp', '--exposure', 'vd', '--gee']),
    (e: unknown) => isVesselprintError(e, 'CONFIG_INVALID') && /cluster/.test(e.message),
  );
  await assert.rejects(
    cli([...base, '--family', 'cox', '--exposure', 'vd', '--event', 'event']),
    (e: unknown) => isVesselprintError(e, 'CONFIG_INVALID') && /time/.test(e.message),
  );
});

test('vesselprint repeatability --json prints the ranked per-feature table and logs an MLflow run', async () => {
  const r = JSON.parse(
    await cli(['repeatability', '--table', long, '--id', 'eye_id', '--by', 'session', '--no-track', '--json']),
  ) as Record<string, number | string>[];
  assert.deepEqual(
    r.map((x) => x.feature),
    ['vd', 'noise'],
  );
  for (const k of ['feature', 'n', 'icc2', 'icc2_ci_low', 'icc2_ci_high', 'icc3', 'sem', 'mdc95', 'ba_bias', 'ba_loa_low', 'ba_loa_high'])
    assert.ok(k in r[0]!, k);
  assert.equal(r[0]!.n, 300);
  assert.ok((r[0]!.icc2 as number) > 0.8 && (r[1]!.icc2 as number) < 0.3);
  const mlruns = join(dir, 'mlruns');
  process.env.MLFLOW_TRACKING_URI = mlruns;
  try {
    await cli(['repeatability', '--table', long, '--id', 'eye_id', '--by', 'session', '--features', 'vd', '--out', join(dir, 'rep')]);
    assert.ok(existsSync(join(dir, 'rep', 'repeatability.csv')) && existsSync(join(dir, 'rep', 'bland_altman_vd.json')));
    assert.ok(readdirSync(mlruns).some((d) => /^\d+$/.test(d) && d !== '0'));
  } finally {
    delete process.env.MLFLOW_TRACKING_URI;
  }
});

test("vesselprint model --family cox reports Harrell's C of cross-validated predictions with a CI", async () => {
  const r = JSON.parse(
    await cli([
      'model',
      '--table',
      eyes,
      '--family',
      'cox',
      '--time',
      'time_y',
      '--event',
      'event',
      '--group',
      'subject_id',
      '--features',
      'vd,age',
      '--cv',
      '4',
      '--seed',
      '1',
      '--no-track',
      '--json',
    ]),
  ) as Json;
  assert.equal(r.task, 'survival');
  assert.equal((r.folds as unknown[]).length, 4);
  assert.ok((r.c_pooled as number) > 0.6, `C ${scalarText(r.c_pooled)}`);
  assert.ok((r.c_ci_low as number) < (r.c_pooled as number) && (r.c_pooled as number) < (r.c_ci_high as number));
  assert.ok(!('predictions' in r));
});
