/**
 * `vesselprint explain`: SHAP values of a fitted model (docs/explain.md).
 *   explain --table FILE.csv --outcome COL --model logistic|rf|gbm|tree [--seed S] [--json] [--out DIR]
 *     fits the model on every row with an outcome and prints
 *     { expected_value, output_scale, rows: [{ row, prediction, shap: { feature: φ } }] }
 *     (scale: log-odds for logistic and gbm, probability for rf/tree on a 0/1 outcome);
 *     --out DIR also writes the standard figure set (spec JSON + PDF + PNG) and shap.json there.
 *   explain RUN_ID [--model NAME] [--tracking-uri URI]
 *     reads the run's config.json (written by `vesselprint model`), refits that model on the whole
 *     table (same seed and params), and logs shap.json, shap_values.csv and the figure set under
 *     the run's `explain/` artifacts.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { parseConfig } from '../../core/config.js';
import { VesselprintError } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { readCsv } from '../../table/csv.js';
import { openStore } from '../../track/openStore.js';
import { tableBytes } from '../../track/artifactFormats.js';
import { modelConfigSchema } from '../../learn/analysis/config.js';
import type { Row } from '../../learn/types.js';
import { EXPLAIN_MODELS, explainTable, explanationJson, type ExplainModel, type TableExplanation } from '../../explain/explainTable.js';
import { standardShapFigures } from '../../plot/standardFigures.js';
import { logFigures, type FigureSink } from '../../plot/logFigures.js';
import { closeFigureExporter, findChromium } from '../../plot/export.js';
import type { Figure } from '../../plot/types.js';
import { featureLabel } from '../../features/featureLabel.js';

interface ExplainFlags {
  table?: string;
  outcome?: string;
  model?: string;
  seed?: number;
  json?: boolean;
  out?: string;
  features?: string;
  trackingUri?: string;
  figures: boolean;
}

const FIGURE_SIZE = { widthMm: 88, heightMm: 75 };

function modelName(v: string | undefined, fallback: ExplainModel): ExplainModel {
  const m = v ?? fallback;
  if ((EXPLAIN_MODELS as readonly string[]).includes(m)) return m as ExplainModel;
  if (m === 'elasticnet')
    throw new VesselprintError(
      'NOT_IMPLEMENTED',
      'explain: elasticnet (penalty chosen by nested CV) cannot be refitted reproducibly yet; use --model logistic (NOT_IMPLEMENTED)',
      { field: 'model' },
    );
  throw new VesselprintError('BAD_ARGUMENT', `expected one of ${EXPLAIN_MODELS.map((a) => `"${a}"`).join(', ')}, got "${m}"`, {
    field: 'model',
  });
}

function shapRows(t: TableExplanation): Record<string, number>[] {
  const e = t.explanation;
  return t.rows.map((row, r) => ({
    row,
    prediction: e.output[r]!,
    ...Object.fromEntries(t.features.map((f, j) => [f, e.values[r * e.nFeatures + j]!])),
  }));
}

function chromiumAvailable(): boolean {
  try {
    findChromium();
    return true;
  } catch (e) {
    process.stderr.write(`vesselprint: warning: ${(e as Error).message}; only figure specs (JSON) are written\n`);
    return false;
  }
}

async function writeFigures(sink: FigureSink, figs: Record<string, Figure>, dir: string, render: boolean): Promise<string[]> {
  try {
    return await logFigures(sink, figs, { dir, formats: render ? ['pdf', 'png'] : [], ...FIGURE_SIZE });
  } finally {
    await closeFigureExporter();
  }
}

function summary(t: TableExplanation): string {
  const e = t.explanation,
    m = e.nFeatures;
  const imp = t.features
    .map((f, j) => [f, t.rows.reduce((a, _, r) => a + Math.abs(e.values[r * m + j]!), 0) / t.rows.length] as const)
    .sort((a, b) => b[1] - a[1]);
  return (
    [
      `model ${t.model} (${t.task}), ${t.rows.length} rows, ${m} features; SHAP on the ${e.outputScale} scale, expected value ${e.expectedValue.toPrecision(4)}`,
      'mean |SHAP|:',
      ...imp.slice(0, 15).map(([f, v]) => `  ${v.toPrecision(3).padStart(10)}  ${f}`),
    ].join('\n') + '\n'
  );
}

async function fromTable(flags: ExplainFlags): Promise<void> {
  if (!flags.outcome) throw new VesselprintError('BAD_ARGUMENT', 'explain --table needs --outcome COL', { field: 'outcome' });
  const rows: Row[] = readCsv(flags.table!);
  const t = explainTable(rows, {
    outcome: flags.outcome,
    model: modelName(flags.model, 'rf'),
    seed: flags.seed ?? 0,
    ...(flags.features
      ? {
          features: flags.features
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
  });
  const json = explanationJson(t);
  if (flags.out) {
    writeFileAtomic(join(flags.out, 'shap.json'), `${JSON.stringify(json)}\n`);
    if (flags.figures) {
      const sink: FigureSink = {
        logFigure: async (f, p) => writeFileAtomic(join(flags.out!, p), f instanceof Uint8Array ? f : `${JSON.stringify(f)}\n`),
      };
      await writeFigures(
        sink,
        standardShapFigures(
          t,
          10,
          t.features.map((f) => featureLabel(f).text),
        ),
        'figures',
        chromiumAvailable(),
      );
    }
  }
  process.stdout.write(flags.json ? `${JSON.stringify(json)}\n` : summary(t));
}

async function fromRun(runId: string, flags: ExplainFlags): Promise<void> {
  const store = openStore(flags.trackingUri);
  const rec = await store.getRun(runId);
  const parent = rec.tags['mlflow.parentRunId'];
  if (parent)
    throw new VesselprintError('BAD_ARGUMENT', `run ${runId} is a child run (a CV fold); explain its parent run ${parent}`, {
      field: 'runId',
    });
  let cfgRaw: unknown;
  try {
    cfgRaw = JSON.parse(new TextDecoder().decode(await store.readArtifact(runId, 'config.json')));
  } catch (e) {
    throw new VesselprintError(
      'TRACKING',
      `run ${runId} has no readable config.json artifact (explain RUN_ID needs a run logged by \`vesselprint model\`)`,
      { cause: e },
    );
  }
  const cfg = parseConfig(modelConfigSchema, cfgRaw, `run ${runId}: config.json`, 'model config');
  if (cfg.categorical.length > 0)
    throw new VesselprintError(
      'NOT_IMPLEMENTED',
      'explain RUN_ID: runs with categorical features are not supported yet (NOT_IMPLEMENTED)',
      { field: 'categorical' },
    );
  const params = Object.fromEntries(Object.entries(cfg.params).filter((kv): kv is [string, number] => typeof kv[1] === 'number'));
  const rows: Row[] = readCsv(cfg.table);
  const t = explainTable(rows, {
    outcome: cfg.outcome,
    model: modelName(flags.model ?? cfg.model, 'rf'),
    seed: cfg.seed,
    params,
    exclude: [...cfg.exclude, ...(cfg.group ? [cfg.group] : [])],
    ...(cfg.features ? { features: cfg.features } : {}),
  });
  const json = explanationJson(t);
  const put = (p: string, b: Uint8Array): Promise<void> => store.logArtifact(runId, p, b);
  await put('explain/shap.json', new TextEncoder().encode(`${JSON.stringify(json)}\n`));
  await put('explain/shap_values.csv', tableBytes(shapRows(t)));
  const sink: FigureSink = {
    logFigure: (f, p) => put(p, f instanceof Uint8Array ? f : new TextEncoder().encode(`${JSON.stringify(f)}\n`)),
  };
  const written = flags.figures
    ? await writeFigures(
        sink,
        standardShapFigures(
          t,
          10,
          t.features.map((f) => featureLabel(f).text),
        ),
        'explain/figures',
        chromiumAvailable(),
      )
    : [];
  if (flags.json)
    process.stdout.write(
      `${JSON.stringify({ run_id: runId, model: t.model, output_scale: json.output_scale, expected_value: json.expected_value, artifacts: ['explain/shap.json', 'explain/shap_values.csv', ...written] })}\n`,
    );
  else
    process.stdout.write(
      `${summary(t)}logged to run ${runId}: explain/shap.json, explain/shap_values.csv, ${written.length} figure files under explain/figures/\n`,
    );
}

export function register(program: Command): void {
  program
    .command('explain')
    .description('SHAP values of a model: fitted on a table (--table) or refitted from a logged run (RUN_ID)')
    .argument('[runId]', 'run logged by `vesselprint model` (omit with --table)')
    .option('--table <file>', 'feature table (CSV)')
    .option('--outcome <col>', 'outcome column (with --table)')
    .option('--model <name>', `model: ${EXPLAIN_MODELS.join(' | ')} (default rf with --table; the run's model with RUN_ID)`)
    .option('--features <list>', 'comma-separated feature columns (default: every numeric column but the outcome and id-like columns)')
    .option('--seed <n>', 'seed of the model fit', (s) => {
      const v = Number(s);
      if (!Number.isInteger(v)) throw new VesselprintError('BAD_ARGUMENT', `expected an integer, got "${s}"`, { field: 'seed' });
      return v;
    })
    .option('--out <dir>', 'with --table: write shap.json and the figure set here')
    .option('--no-figures', 'do not write figures')
    .option('--tracking-uri <uri>', 'tracking store (default MLFLOW_TRACKING_URI or ./mlruns)')
    .option('--json', 'print JSON')
    .action(async (runId: string | undefined, flags: ExplainFlags) => {
      if (flags.table !== undefined && runId !== undefined)
        throw new VesselprintError('BAD_ARGUMENT', 'give either RUN_ID or --table, not both', { field: 'table' });
      if (flags.table !== undefined) return fromTable(flags);
      if (runId === undefined)
        throw new VesselprintError('BAD_ARGUMENT', 'explain needs RUN_ID or --table FILE.csv --outcome COL', { field: 'table' });
      return fromRun(runId, flags);
    });
}
