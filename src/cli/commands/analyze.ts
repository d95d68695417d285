/**
 * `vesselprint model [CONFIG]` (cross-validated prediction) and `vesselprint associate [CONFIG]`
 * (covariate-adjusted association), both on a feature table (CSV), both logging one MLflow run
 * (CV folds as nested runs) unless `--no-track`. Flags fill/override the config's fields.
 * Documentation: docs/learn.md.
 */
import type { Command } from 'commander';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { z } from 'zod';
import { VesselprintError } from '../../core/errors.js';
import { parseConfig, readConfigFile } from '../../core/config.js';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { readCsv, writeCsv, columnOrder } from '../../table/csv.js';
import { startRun } from '../../track/startRun.js';
import type { ActiveRun } from '../../track/activeRun.js';
import { configParams } from '../../track/flatten.js';
import {
  associateConfigSchema,
  modelConfigSchema,
  MODEL_NAMES,
  type AssociateConfig,
  type ModelConfig,
} from '../../learn/analysis/config.js';
import { runModel, type ModelReport } from '../../learn/analysis/runModel.js';
import { runCoxModel } from '../../learn/analysis/runCoxModel.js';
import { associationFigures } from '../associationFigures.js';
import { exposuresOf, runAssociate, runExposureWide } from '../../learn/analysis/runAssociate.js';
import type { Row } from '../../learn/types.js';
import type { Figure } from '../../plot/types.js';

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
const int =
  (field: string) =>
  (s: string): number => {
    const v = Number(s);
    if (!Number.isInteger(v)) throw new VesselprintError('BAD_ARGUMENT', `expected an integer, got "${s}"`, { field });
    return v;
  };

/** Reads a JSON/YAML config; a relative `table` is resolved against the config's folder. */
/** The config file through the one loader (`core/config.ts`); a relative `table` is relative to the config's folder. */
function readConfig(path: string): Record<string, unknown> {
  const o = readConfigFile(path);
  if (typeof o.table === 'string' && !isAbsolute(o.table)) o.table = join(dirname(resolve(path)), o.table);
  return o;
}

function validate<S extends z.ZodType>(schema: S, obj: unknown, source: string): z.output<S> {
  return parseConfig(schema, obj, source, 'analysis config');
}

export function loadTable(path: string): Row[] {
  if (!/\.csv$/i.test(path))
    throw new VesselprintError('UNSUPPORTED_FORMAT', 'the table must be a .csv file (export Parquet/DuckDB tables to CSV first)', { path });
  return readCsv(path);
}

export function finiteMetrics(m: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => typeof v === 'number' && Number.isFinite(v))) as Record<string, number>;
}

export async function tracked<T>(
  enabled: boolean,
  experiment: string,
  config: Record<string, unknown>,
  seed: number | undefined,
  source: string,
  body: (run: ActiveRun | undefined) => Promise<T>,
): Promise<T> {
  if (!enabled) return body(undefined);
  const run = await startRun({ experiment, config: configParams(config), sourceName: source, ...(seed !== undefined ? { seed } : {}) });
  try {
    const out = await body(run);
    await run.end();
    return out;
  } catch (e) {
    await run.setTag('vesselprint.error', e instanceof Error ? e.message.slice(0, 5000) : String(e)).catch(() => undefined);
    await run.end('FAILED').catch(() => undefined);
    throw e;
  }
}

interface ModelFlags {
  table?: string;
  outcome?: string;
  group?: string;
  model?: string;
  cv?: number;
  repeats?: number;
  seed?: number;
  features?: string[];
  categorical?: string[];
  exclude?: string[];
  task?: string;
  impute?: string;
  winsorize?: string;
  param?: string[];
  out?: string;
  json?: boolean;
  track: boolean;
  experiment?: string;
  baseline?: string[];
  holdout?: string;
  family?: string;
  time?: string;
  event?: string;
}

/**
 * Overlays command-line flags on a config object: every flag named like a top-level key of the
 * zod schema (and not in `special`, which the caller maps itself) replaces the file's value, so
 * the option set follows the schema instead of a field-by-field copy.
 */
function overlayFlags(schema: z.ZodObject, o: Record<string, unknown>, flags: object, special: readonly string[]): void {
  const given = new Map(Object.entries(flags));
  for (const k of Object.keys(schema.shape)) if (!special.includes(k) && given.get(k) !== undefined) o[k] = given.get(k);
}

function modelConfigFrom(configPath: string | undefined, f: ModelFlags): ModelConfig {
  const o: Record<string, unknown> = configPath ? readConfig(configPath) : {};
  overlayFlags(modelConfigSchema, o, f, ['cv', 'preprocess', 'params', 'holdout']);
  if (f.holdout !== undefined) o.holdout = Number(f.holdout);
  if (o.family === 'cox' && o.outcome === undefined) o.outcome = o.event;
  if (f.cv !== undefined || f.repeats !== undefined)
    o.cv = {
      ...(o.cv as object | undefined),
      ...(f.cv !== undefined ? { k: f.cv } : {}),
      ...(f.repeats !== undefined ? { repeats: f.repeats } : {}),
    };
  if (f.impute !== undefined || f.winsorize !== undefined) {
    const w = f.winsorize === undefined ? undefined : f.winsorize === 'none' ? null : list(f.winsorize).map(Number);
    o.preprocess = {
      ...(o.preprocess as object | undefined),
      ...(f.impute !== undefined ? { impute: f.impute } : {}),
      ...(w !== undefined ? { winsorize: w } : {}),
    };
  }
  if (f.param) {
    const params = { ...(o.params as object | undefined) } as Record<string, unknown>;
    for (const kv of f.param) {
      const m = /^([A-Za-z]\w*)=(.+)$/.exec(kv);
      if (!m) throw new VesselprintError('BAD_ARGUMENT', `expected --param key=value (e.g. nTrees=300), got "${kv}"`, { field: 'param' });
      const vals = list(m[2]!).map(Number);
      if (vals.some((v) => !Number.isFinite(v)))
        throw new VesselprintError('BAD_ARGUMENT', `--param ${m[1]} needs numbers, got "${m[2]}"`, { field: 'param' });
      params[m[1]!] = vals.length === 1 ? vals[0] : vals;
    }
    o.params = params;
  }
  return validate(modelConfigSchema, o, configPath ?? 'command line');
}

function modelJson(r: ModelReport, runId?: string): Record<string, unknown> {
  const head =
    r.task === 'classification'
      ? {
          auc_mean: r.auc_mean,
          auc_ci_low: r.auc_ci_low,
          auc_ci_high: r.auc_ci_high,
          auc_sd: r.auc_sd,
          auc_pooled: r.auc_pooled,
          auc_boot_ci_low: r.auc_boot_ci_low,
          auc_boot_ci_high: r.auc_boot_ci_high,
        }
      : { r2_mean: r.r2_mean, mae_mean: r.mae_mean, rmse_mean: r.rmse_mean };
  const means = Object.fromEntries(Object.entries(r.summary).map(([k, v]) => [`${k}_mean`, v.mean]));
  const cmp = { ...(r.baseline ? { baseline: r.baseline, delong: r.delong } : {}), ...(r.holdout ? { holdout: r.holdout } : {}) };
  return {
    ...head,
    ...means,
    ...head,
    task: r.task,
    model: r.model,
    n: r.n,
    n_dropped: r.n_dropped,
    n_features: r.features.length + r.categorical.length,
    ...cmp,
    folds: r.folds,
    ...(runId ? { run_id: runId } : {}),
  };
}

/** One nested run per fold, then folds.csv, predictions.csv and model_report.json. */
async function logFoldsAndReport(
  run: ActiveRun,
  report: { folds: Record<string, number | string>[]; predictions: Record<string, number>[] },
): Promise<void> {
  for (const f of report.folds) {
    const child = await run.child({
      runName: `repeat${f.repeat}-fold${f.fold}`,
      config: {
        repeat: f.repeat!,
        fold: f.fold!,
        n_train: f.n_train!,
        n_test: f.n_test!,
        ...(f.chosen !== undefined ? { chosen: f.chosen } : {}),
      },
    });
    await child.logMetrics(finiteMetrics(f));
    await child.end();
  }
  await run.logTable(report.folds, 'folds.csv');
  await run.logTable(report.predictions, 'predictions.csv');
  await run.logDict({ ...report, predictions: undefined }, 'model_report.json');
}

/** `model --family cox`: cross-validated Cox model scored by Harrell's C. */
async function coxModelAction(cfg: ModelConfig, flags: ModelFlags): Promise<void> {
  const rows = loadTable(cfg.table);
  const { report, runId } = await tracked(flags.track, cfg.experiment, cfg, cfg.seed, 'vesselprint model', async (run) => {
    const report = runCoxModel(rows, cfg);
    if (run) {
      await run.logMetrics(
        finiteMetrics({
          c_mean: report.c_mean,
          c_sd: report.c_sd,
          c_pooled: report.c_pooled,
          c_ci_low: report.c_ci_low,
          c_ci_high: report.c_ci_high,
          n: report.n,
          n_events: report.n_events,
        }),
      );
      await logFoldsAndReport(run, report);
    }
    return { report, runId: run?.runId };
  });
  if (flags.out) {
    writeFileAtomic(join(flags.out, 'model_report.json'), `${JSON.stringify({ ...report, predictions: undefined }, null, 2)}\n`);
    writeCsv(join(flags.out, 'predictions.csv'), report.predictions, ['row', 'repeat', 'fold', 'time', 'event', 'lp']);
  }
  const { predictions: _p, ...rest } = report;
  if (flags.json) process.stdout.write(`${JSON.stringify({ ...rest, ...(runId ? { run_id: runId } : {}) })}\n`);
  else
    process.stdout.write(
      `Cox model on ${report.n} rows (${report.n_events} events), ${report.features.length + report.categorical.length} features, ${report.folds.length} folds\nHarrell's C ${fmt(report.c_mean)} ± ${fmt(report.c_sd)} (pooled ${fmt(report.c_pooled)}, 95% CI ${fmt(report.c_ci_low)}–${fmt(report.c_ci_high)})\n${runId ? `MLflow run ${runId}\n` : ''}`,
    );
}

async function modelAction(configPath: string | undefined, flags: ModelFlags): Promise<void> {
  const cfg = modelConfigFrom(configPath, flags);
  if (cfg.family === 'cox') return coxModelAction(cfg, flags);
  const rows = loadTable(cfg.table);
  const { report, runId } = await tracked(flags.track, cfg.experiment, cfg, cfg.seed, 'vesselprint model', async (run) => {
    const report = runModel(rows, cfg);
    if (run) {
      await run.logMetrics(finiteMetrics(modelJson(report)));
      if (report.holdout)
        await run.logMetrics(
          finiteMetrics(Object.fromEntries(Object.entries(report.holdout.metrics).map(([k, v]) => [`holdout_${k}`, v]))),
        );
      if (report.delong)
        await run.logMetrics(
          finiteMetrics({ baseline_auc_pooled: report.baseline!.auc_pooled, delong_diff: report.delong.diff, delong_p: report.delong.p }),
        );
      await logFoldsAndReport(run, report);
    }
    return { report, runId: run?.runId };
  });
  if (flags.out) {
    writeFileAtomic(join(flags.out, 'model_report.json'), `${JSON.stringify({ ...report, predictions: undefined }, null, 2)}\n`);
    writeCsv(join(flags.out, 'folds.csv'), report.folds, columnOrder(report.folds, ['repeat', 'fold']));
    writeCsv(join(flags.out, 'predictions.csv'), report.predictions, ['row', 'repeat', 'fold', 'y', 'pred']);
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(modelJson(report, runId))}\n`);
  else {
    const s = report.summary;
    const line =
      report.task === 'classification'
        ? `AUC ${fmt(report.auc_mean)} ± ${fmt(report.auc_sd)} (pooled ${fmt(report.auc_pooled)}, 95% CI ${fmt(report.auc_ci_low)}–${fmt(report.auc_ci_high)}), AUC-PR ${fmt(s.ap?.mean)}, Brier ${fmt(s.brier?.mean)}, calibration slope ${fmt(s.calibration_slope?.mean)}`
        : `R² ${fmt(report.r2_mean)}, MAE ${fmt(report.mae_mean)}, RMSE ${fmt(report.rmse_mean)}`;
    const ho = report.holdout
      ? `held-out test (${report.holdout.n_test} rows, model fitted on ${report.holdout.n_dev}): ${Object.entries(report.holdout.metrics)
          .filter(([k]) => ['auc', 'brier', 'r2', 'mae', 'rmse'].includes(k))
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join(', ')}\n`
      : '';
    const cmp =
      ho +
      (report.delong
        ? `vs baseline (${report.baseline!.features.join(', ')}): AUC ${fmt(report.baseline!.auc_pooled)}, difference ${fmt(report.delong.diff)} (95% CI ${fmt(report.delong.ci_low)}–${fmt(report.delong.ci_high)}), DeLong p=${report.delong.p.toExponential(3)}\n`
        : '');
    process.stdout.write(
      `${report.model} on ${report.n} rows (${report.n_dropped} without outcome), ${report.features.length + report.categorical.length} features, ${report.folds.length} folds\n${line}\n${cmp}${runId ? `MLflow run ${runId}\n` : ''}`,
    );
  }
}

const fmt = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? 'NA' : v.toFixed(3));

interface AssociateFlags {
  table?: string;
  outcome?: string;
  exposure?: string[];
  covariates?: string[];
  categorical?: string[];
  family?: string;
  standardize?: boolean;
  robust?: string | boolean;
  missing?: string;
  out?: string;
  json?: boolean;
  track: boolean;
  experiment?: string;
  cluster?: string;
  gee?: boolean;
  time?: string;
  event?: string;
  ties?: string;
  strata?: string;
  interaction?: string;
  formula?: string;
}

function associateConfigFrom(configPath: string | undefined, f: AssociateFlags): AssociateConfig {
  const o: Record<string, unknown> = configPath ? readConfig(configPath) : {};
  if (typeof o.exposure === 'string' && o.exposures === undefined) {
    o.exposures = [o.exposure];
    delete o.exposure;
  }
  overlayFlags(associateConfigSchema, o, f, ['exposures', 'covType']);
  if (f.exposure !== undefined) o.exposures = f.exposure;
  if (f.robust !== undefined && f.robust !== false) {
    const fam = (o.family as string | undefined) ?? 'gaussian';
    o.covType = f.robust === true ? (fam === 'binomial' ? 'HC0' : 'HC3') : f.robust;
  }
  return validate(associateConfigSchema, o, configPath ?? 'command line');
}

/** What `associate` computed: one exposure's report and figures, or the exposure-wide table. */
type AssociateOutcome =
  | { kind: 'single'; r: ReturnType<typeof runAssociate>; figures: Record<string, Figure> }
  | { kind: 'wide'; w: ReturnType<typeof runExposureWide> };

async function associateAction(configPath: string | undefined, flags: AssociateFlags): Promise<void> {
  const cfg = associateConfigFrom(configPath, flags);
  const rows = loadTable(cfg.table);
  const single = exposuresOf(cfg).length === 1;
  const { outcome, runId } = await tracked(
    flags.track,
    cfg.experiment,
    cfg,
    undefined,
    'vesselprint associate',
    async (run): Promise<{ outcome: AssociateOutcome; runId: string | undefined }> => {
      if (single) {
        const r = runAssociate(rows, cfg);
        const figs = associationFigures(rows, cfg, r);
        if (run) {
          await run.logMetrics(
            finiteMetrics({
              beta: r.beta,
              se: r.se,
              ci_low: r.ci_low,
              ci_high: r.ci_high,
              p: r.p,
              n: r.n,
              or: r.or,
              or_ci_low: r.or_ci_low,
              or_ci_high: r.or_ci_high,
              hr: r.hr,
              hr_ci_low: r.hr_ci_low,
              hr_ci_high: r.hr_ci_high,
              n_events: r.n_events,
              n_clusters: r.n_clusters,
              gee_alpha: r.gee_alpha,
              p_interaction: r.p_interaction,
              p_nonlinear: r.p_nonlinear,
            }),
          );
          await run.logDict(r, 'association.json');
          await run.logTable(r.coefficients, 'coefficients.csv');
          for (const [name, fig] of Object.entries(figs)) await run.logFigure(fig, `figures/${name}.json`);
        }
        return { outcome: { kind: 'single', r, figures: figs }, runId: run?.runId };
      }
      const w = runExposureWide(rows, cfg);
      if (run) {
        await run.logMetrics({
          n_exposures: w.rows.length,
          n_fdr_05: w.rows.filter((r) => r.q_bh < 0.05).length,
          n_failed: w.rows.filter((r) => r.error !== undefined).length,
        });
        await run.logTable(w.rows, 'exposure_wide.csv');
        await run.logDict(w.forest, 'forest.json');
      }
      return { outcome: { kind: 'wide', w }, runId: run?.runId };
    },
  );
  const result = outcome.kind === 'single' ? outcome.r : outcome.w;
  if (flags.out) {
    if (outcome.kind === 'single') {
      writeFileAtomic(join(flags.out, 'association.json'), `${JSON.stringify(result, null, 2)}\n`);
      for (const [name, fig] of Object.entries(outcome.figures))
        writeFileAtomic(join(flags.out, `${name}.json`), `${JSON.stringify(fig)}\n`);
    } else {
      const w = outcome.w;
      const rws = w.rows;
      writeCsv(
        join(flags.out, 'exposure_wide.csv'),
        rws,
        columnOrder(rws, ['exposure', 'outcome', 'family', 'n', 'beta', 'se', 'ci_low', 'ci_high', 'p', 'q_bh', 'p_bonferroni']),
      );
      writeFileAtomic(join(flags.out, 'forest.json'), `${JSON.stringify(w.forest, null, 2)}\n`);
    }
  }
  const withRun = runId ? { ...result, run_id: runId } : result;
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(withRun)}\n`);
    return;
  }
  if (outcome.kind === 'single') {
    const r = outcome.r;
    const or =
      (r.or !== undefined ? `, OR ${fmt(r.or)} (${fmt(r.or_ci_low)}–${fmt(r.or_ci_high)})` : '') +
      (r.hr !== undefined ? `, HR ${fmt(r.hr)} (${fmt(r.hr_ci_low)}–${fmt(r.hr_ci_high)}), ${r.n_events} events` : '') +
      (r.n_clusters !== undefined ? `, ${r.n_clusters} clusters (${r.cov_type})` : '') +
      (r.p_interaction !== undefined ? `, p_interaction=${r.p_interaction.toExponential(3)}` : '') +
      (r.p_nonlinear !== undefined ? `, p_nonlinear=${r.p_nonlinear.toExponential(3)}` : '');
    process.stdout.write(
      `${r.formula} (${r.family}, n=${r.n}, ${r.n_dropped} dropped)\n` +
        `${r.exposure}${r.standardized ? ' per SD' : ''}: beta ${fmt(r.beta)} (95% CI ${fmt(r.ci_low)}–${fmt(r.ci_high)}), p=${r.p.toExponential(3)}${or}\n${runId ? `MLflow run ${runId}\n` : ''}`,
    );
  } else {
    for (const r of outcome.w.rows)
      process.stdout.write(
        r.error
          ? `${r.exposure}: failed: ${r.error}\n`
          : `${r.exposure}: beta ${fmt(r.beta)} (${fmt(r.ci_low)}–${fmt(r.ci_high)}) p=${r.p.toExponential(2)} q=${r.q_bh.toExponential(2)} n=${r.n}\n`,
      );
    if (runId) process.stdout.write(`MLflow run ${runId}\n`);
  }
}

export function register(program: Command): void {
  program
    .command('model')
    .description(
      'cross-validated prediction from a feature table (logistic | elasticnet | rf | gbm | tree); logs one MLflow run with folds as nested runs',
    )
    .argument('[config]', 'JSON/YAML config (see docs/learn.md); flags override its fields')
    .option('--table <file>', 'feature table (.csv)')
    .option('--outcome <col>', 'outcome column (0/1 → classification, else regression)')
    .option('--family <family>', "cox: cross-validated Cox model scored by Harrell's C (needs --time, --event)")
    .option('--time <col>', 'Cox: follow-up time column')
    .option('--event <col>', 'Cox: event column (1 event, 0 censored)')
    .option('--group <col>', 'subject id column: rows of a subject stay in one fold')
    .option('--model <name>', `model: ${MODEL_NAMES.join(' | ')}`)
    .option('--cv <k>', 'number of folds', int('cv'))
    .option('--repeats <r>', 'repeats of the k-fold split', int('repeats'))
    .option('--seed <s>', 'seed of every random step', int('seed'))
    .option('--features <cols>', 'comma-separated numeric features (default: all numeric columns except outcome/group/id-like)', list)
    .option('--categorical <cols>', 'comma-separated categorical columns (one-hot inside folds)', list)
    .option('--exclude <cols>', 'columns never used as features', list)
    .option('--task <task>', 'classification | regression (default: inferred from the outcome)')
    .option('--impute <how>', 'median | mean | none')
    .option('--winsorize <lo,hi>', 'winsorising quantiles, e.g. 0.01,0.99 (or none)')
    .option(
      '--param <key=value...>',
      'model hyperparameters, e.g. nTrees=300 maxDepth=6 nRounds=300 learningRate=0.05 l1Ratio=0.5 lambdaRatios=0.1,0.01',
    )
    .option(
      '--baseline <cols>',
      "also fit the same model on these columns only (e.g. age,sex) with the same folds and compare AUCs by DeLong's test",
      list,
    )
    .option('--holdout <fraction>', 'hold out this fraction of subjects as a test set (CV runs on the rest; final model tested once on it)')
    .option('--out <dir>', 'write model_report.json, folds.csv, predictions.csv here')
    .option('--experiment <name>', 'MLflow experiment name')
    .option('--no-track', 'do not log an MLflow run')
    .option('--json', 'print the result as JSON')
    .action((config: string | undefined, opts: ModelFlags) => modelAction(config, opts));

  program
    .command('associate')
    .description(
      'covariate-adjusted association (linear, logistic or Cox; cluster-robust or GEE for two eyes/visits; interactions and splines), one exposure or an exposure-wide table with FDR; logs one MLflow run',
    )
    .argument('[config]', 'JSON/YAML config (see docs/learn.md); flags override its fields')
    .option('--table <file>', 'feature table (.csv)')
    .option('--outcome <col>', 'outcome column')
    .option('--exposure <cols>', 'exposure column; several (comma-separated) → exposure-wide table with BH FDR', list)
    .option(
      '--formula <formula>',
      'general model, e.g. "sbp ~ vd*sex + rcs(age, 4)" (first term = exposure; a*b, a:b, C(col), rcs(col, k))',
    )
    .option('--interaction <col>', 'exposure × COL: adds p_interaction and per-level estimates')
    .option('--cluster <col>', 'subject id: cluster-robust SE for rows clustered by subject (two eyes, visits)')
    .option('--gee', 'GEE with exchangeable working correlation within --cluster (gaussian, binomial)')
    .option('--time <col>', 'Cox: follow-up time column')
    .option('--event <col>', 'Cox: event column (1 event, 0 censored)')
    .option('--ties <method>', 'Cox ties: efron (default) | breslow')
    .option('--strata <col>', 'Cox: stratify the baseline hazard by this column')
    .option('--covariates <cols>', 'comma-separated adjustment covariates (label columns are one-hot; C(col) forces categorical)', list)
    .option('--categorical <cols>', 'covariates to treat as categorical even if numeric', list)
    .option('--family <family>', 'gaussian | binomial | cox')
    .option('--standardize', 'effect per SD of the exposure')
    .option('--robust [type]', 'robust standard errors: HC3 (gaussian default) or HC0')
    .option('--missing <policy>', 'complete-case | error')
    .option('--out <dir>', 'write association.json or exposure_wide.csv + forest.json here')
    .option('--experiment <name>', 'MLflow experiment name')
    .option('--no-track', 'do not log an MLflow run')
    .option('--json', 'print the result as JSON')
    .action((config: string | undefined, opts: AssociateFlags) => associateAction(config, opts));
}
