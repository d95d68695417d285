/**
 * `vesselprint repeatability --table T --id COL --by COL --features a,b [--json]`: per feature
 * ICC(2,1) and ICC(3,1) with McGraw & Wong 95 % CIs, SEM, MDC95 and Bland–Altman bias/limits of
 * agreement (second − first level of `--by`), ranked by ICC(2,1); a Bland–Altman figure of each
 * feature; one MLflow run unless `--no-track`. Documentation: docs/learn.md ("Repeatability").
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { VesselprintError } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { writeCsv } from '../../table/csv.js';
import { repeatability, type RepeatabilityRow } from '../../learn/stats/repeatability.js';
import { toNumber, type Row } from '../../learn/types.js';
import { blandAltmanFigure } from '../../plot/blandAltman.js';
import { finiteMetrics, loadTable, tracked } from './analyze.js';
import { featureLabel } from '../../features/featureLabel.js';

interface RepeatabilityFlags {
  table?: string;
  id?: string;
  by?: string;
  features?: string[];
  level?: string;
  out?: string;
  json?: boolean;
  track: boolean;
  experiment?: string;
}

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** Numeric columns except id, by and id-like names (`id`, `*_id`, `*Id`). */
function defaultFeatures(rows: readonly Row[], id: string, by: string): string[] {
  const cols = Object.keys(rows[0] ?? {});
  return cols.filter(
    (c) =>
      c !== id &&
      c !== by &&
      !/(^id$|_id$|Id$)/.test(c) &&
      rows.some((r) => toNumber(r[c]) !== undefined) &&
      rows.every((r) => r[c] === null || r[c] === undefined || r[c] === '' || toNumber(r[c]) !== undefined),
  );
}

/** A result row as a plain CSV/JSON record. */
const plain = (x: RepeatabilityRow): Record<string, number | string | null> =>
  Object.fromEntries(Object.entries(x).map(([k, v]: [string, number | string | undefined]) => [k, v ?? null]));

const JSON_KEYS = [
  'feature',
  'n',
  'icc2',
  'icc2_ci_low',
  'icc2_ci_high',
  'icc3',
  'sem',
  'mdc95',
  'ba_bias',
  'ba_loa_low',
  'ba_loa_high',
] as const;
const CSV_KEYS = [
  'feature',
  'n',
  'k',
  'icc2',
  'icc2_ci_low',
  'icc2_ci_high',
  'icc3',
  'icc3_ci_low',
  'icc3_ci_high',
  'sem',
  'mdc95',
  'ba_bias',
  'ba_bias_ci_low',
  'ba_bias_ci_high',
  'ba_loa_low',
  'ba_loa_high',
  'error',
];

async function action(flags: RepeatabilityFlags): Promise<void> {
  for (const f of ['table', 'id', 'by'] as const)
    if (flags[f] === undefined) throw new VesselprintError('BAD_ARGUMENT', `repeatability needs --${f}`, { field: f });
  const level = flags.level === undefined ? 0.95 : Number(flags.level);
  if (!(level > 0 && level < 1))
    throw new VesselprintError('BAD_ARGUMENT', `--level must be in (0, 1), got "${flags.level}"`, { field: 'level' });
  const rows = loadTable(flags.table!);
  const features = flags.features ?? defaultFeatures(rows, flags.id!, flags.by!);
  const config = { table: flags.table!, id: flags.id!, by: flags.by!, features, level };
  const { result, runId } = await tracked(
    flags.track,
    flags.experiment ?? 'vesselprint-repeatability',
    config,
    undefined,
    'vesselprint repeatability',
    async (run) => {
      const r = repeatability(rows, { id: flags.id!, by: flags.by!, features, level, source: flags.table! });
      if (run) {
        const ok = r.rows.filter((x) => x.error === undefined);
        await run.logMetrics(
          finiteMetrics({
            n_features: r.rows.length,
            n_failed: r.rows.length - ok.length,
            n_icc2_ge_075: ok.filter((x) => x.icc2_ci_low >= 0.75).length,
            icc2_max: ok[0]?.icc2,
            icc2_median: ok[Math.floor(ok.length / 2)]?.icc2,
          }),
        );
        await run.logTable(r.rows.map(plain), 'repeatability.csv');
        for (const x of ok.slice(0, 10))
          await run.logFigure(
            figureOf(rows, flags.id!, flags.by!, r.levels, x),
            `figures/bland_altman_${x.feature.replace(/[^\w.-]+/g, '_')}.json`,
          );
      }
      return { result: r, runId: run?.runId };
    },
  );
  if (flags.out) {
    writeCsv(join(flags.out, 'repeatability.csv'), result.rows.map(plain), CSV_KEYS);
    for (const x of result.rows.filter((q) => q.error === undefined)) {
      writeFileAtomic(
        join(flags.out, `bland_altman_${x.feature.replace(/[^\w.-]+/g, '_')}.json`),
        `${JSON.stringify(figureOf(rows, flags.id!, flags.by!, result.levels, x))}\n`,
      );
    }
  }
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify(result.rows.map((x) => ({ ...Object.fromEntries(JSON_KEYS.map((k) => [k, x[k]])), icc3_ci_low: x.icc3_ci_low, icc3_ci_high: x.icc3_ci_high, ...(x.error ? { error: x.error } : {}) })))}\n`,
    );
    return;
  }
  const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : 'NA');
  process.stdout.write(`repeatability by ${flags.by} (${result.levels.join(' vs ')}), ranked by ICC(2,1):\n`);
  for (const x of result.rows) {
    process.stdout.write(
      x.error
        ? `${x.feature}: failed: ${x.error}\n`
        : `${x.feature}: ICC(2,1) ${f(x.icc2)} (${f(x.icc2_ci_low)}–${f(x.icc2_ci_high)}), ICC(3,1) ${f(x.icc3)}, SEM ${f(x.sem)}, MDC95 ${f(x.mdc95)}, BA bias ${f(x.ba_bias)} (LoA ${f(x.ba_loa_low)} to ${f(x.ba_loa_high)}), n=${x.n}\n`,
    );
  }
  if (runId) process.stdout.write(`MLflow run ${runId}\n`);
}

/** Bland–Altman figure of one feature (second − first level). */
function figureOf(
  rows: readonly Row[],
  id: string,
  by: string,
  levels: string[],
  x: RepeatabilityRow,
): ReturnType<typeof blandAltmanFigure> {
  const first = new Map<string, number>(),
    second = new Map<string, number>();
  for (const r of rows) {
    const v = toNumber(r[x.feature]);
    if (v === undefined) continue;
    if (String(r[by]) === levels[0]) first.set(String(r[id]), v);
    else if (String(r[by]) === levels[1]) second.set(String(r[id]), v);
  }
  const ids = [...first.keys()].filter((k) => second.has(k));
  return blandAltmanFigure(
    ids.map((k) => second.get(k)!),
    ids.map((k) => first.get(k)!),
    {
      xLabel: `${featureLabel(x.feature).text}, mean of ${levels[0]} and ${levels[1]}`,
      yLabel: `${levels[1]} − ${levels[0]}`,
      title: `${featureLabel(x.feature).label}: ICC(2,1) ${x.icc2.toFixed(2)}`,
    },
  );
}

export function register(program: Command): void {
  program
    .command('repeatability')
    .description(
      'test–retest / inter-grader repeatability per feature: ICC(2,1), ICC(3,1) with 95% CIs, SEM, MDC95, Bland–Altman; logs one MLflow run',
    )
    .option('--table <file>', 'long feature table (.csv): one row per subject × occasion')
    .option('--id <col>', 'subject (or eye) id column')
    .option('--by <col>', 'occasion column: eye | visit | grader (≥ 2 levels)')
    .option('--features <cols>', 'comma-separated feature columns (default: every numeric column except id/by/id-like)', list)
    .option('--level <p>', 'confidence level (default 0.95)')
    .option('--out <dir>', 'write repeatability.csv and bland_altman_<feature>.json here')
    .option('--experiment <name>', 'MLflow experiment name')
    .option('--no-track', 'do not log an MLflow run')
    .option('--json', 'print the ranked table as JSON')
    .action((opts: RepeatabilityFlags) => action(opts));
}
