/**
 * The main job (`npm run demo` / `vesselprint demo`): the whole study on the bundled synthetic
 * cohort — synthesise → validate the manifest → segment → fingerprint + radiomics → feature
 * table → covariate-adjusted associations and a cross-validated model → figures → MLflow runs
 * → HTML report. Each step prints one progress line; the last lines say where things are.
 */
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeCohort } from '../synth/writeCohort.js';
import { addSkinRecordingArm } from '../synth/skinRecordingArm.js';
import { validateManifest } from '../manifest/validateManifest.js';
import { formatProblem } from '../manifest/problems.js';
import { loadExperimentConfig } from '../pipeline/config.js';
import { extractCohort } from '../pipeline/extract.js';
import { writeCsv, columnOrder } from '../table/csv.js';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { VesselprintError } from '../core/errors.js';
import { runAssociate } from '../learn/analysis/runAssociate.js';
import { benjaminiHochberg } from '../learn/stats/multipleTesting.js';
import { runModel } from '../learn/analysis/runModel.js';
import { associateConfigSchema, modelConfigSchema } from '../learn/analysis/config.js';
import { startRun } from '../track/startRun.js';
import type { ActiveRun } from '../track/activeRun.js';
import type { FeatureRow } from '../table/types.js';
import { subjectTable } from './subjectTable.js';
import { demoFigures, type DemoFigureInputs } from './demoFigures.js';
import { epiDemo, logEpiDemo } from './epiDemo.js';
import { writeReport } from '../report/writeReport.js';
import { openStore } from '../track/openStore.js';
import { mean as ssMean, sampleStandardDeviation } from 'simple-statistics';

/** Options of {@link runDemo}; every path is relative to the current folder. */
export interface DemoOptions {
  /** Synthetic subjects (default 30). */
  subjects?: number;
  /** Seed of the cohort and every random step (default 42). */
  seed?: number;
  /** Worker threads for extraction (default: all cores). */
  workers?: number;
  /** Experiment config of the extraction (default experiments/demo.json). */
  config?: string;
  /** Where the synthetic cohort goes (default data-manifests/generated/demo). */
  cohortDir?: string;
  /** Output folder (default out/demo). */
  outDir?: string;
  /** Print progress (default true). */
  verbose?: boolean;
}

export const DEFAULT_DEMO = {
  subjects: 30,
  seed: 42,
  config: 'experiments/demo.json',
  cohortDir: 'data-manifests/generated/demo',
  outDir: 'out/demo',
} as const;

export interface DemoResult {
  outDir: string;
  manifest: string;
  tableDir: string;
  studyRunId: string;
  extractRunId?: string;
  reportIndex?: string;
  auc?: { mean: number; low: number; high: number };
  associations: number;
}

/** Runs the demo study end to end; see the module doc. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const o = { ...DEFAULT_DEMO, ...options };
  const say = (s: string): void => {
    if (o.verbose !== false) process.stdout.write(`${s}\n`);
  };
  const t0 = Date.now();
  const steps = 8;
  // 1. synthesise (reused when the same seed and size are already there: generation is deterministic)
  const marker = join(o.cohortDir, 'demo-cohort.json');
  // avLabels: the manifest lists the artery/vein labels (av_mask_path) that the retina block reads
  const want = JSON.stringify({ subjects: o.subjects, seed: o.seed, skinRecordings: 1, avLabels: 1 });
  const manifest = join(o.cohortDir, 'manifest.csv');
  if (existsSync(marker) && existsSync(manifest) && readFileSync(marker, 'utf8') === want) {
    say(`[1/${steps}] synthetic cohort: reusing ${o.cohortDir} (${o.subjects} subjects, seed ${o.seed})`);
  } else {
    say(`[1/${steps}] synthesising ${o.subjects} subjects (seed ${o.seed}) into ${o.cohortDir} …`);
    const w = await writeCohort(o.cohortDir, { subjects: o.subjects, seed: o.seed });
    const recordings = addSkinRecordingArm(o.cohortDir, { seed: o.seed });
    writeFileAtomic(marker, want);
    say(`      ${w.images} images, ${w.files} files, ${recordings} skin capillaroscopy recordings (baseline, hyperaemia, congestion)`);
  }
  // 2. validate
  const v = validateManifest(manifest);
  const errors = v.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0)
    throw new VesselprintError('MANIFEST_INVALID', `demo manifest invalid:\n${errors.map(formatProblem).join('\n')}`, { path: manifest });
  say(`[2/${steps}] manifest valid: ${v.rows.length} images of ${new Set(v.rows.map((r) => r.subject_id)).size} subjects`);
  // 3. extract
  const cfg = loadExperimentConfig(o.config);
  cfg.manifest = manifest;
  cfg.out = join(o.outDir, 'features');
  say(
    `[3/${steps}] extracting features (segmentation ${cfg.segmentation.method}, fingerprint, radiomics, QC${cfg.retina.enabled ? `, retinal calibres from ${cfg.retina.avSource === 'manual' ? 'the artery/vein labels' : 'the artery/vein CNN'}` : ''}) …`,
  );
  const ex = await extractCohort(cfg, { ...(o.workers ? { workers: o.workers } : {}), quiet: o.verbose === false });
  say(
    `      ${ex.succeeded}/${ex.total} images ok, ${ex.failed} failed, ${(ex.elapsedMs / 1000).toFixed(1)} s → ${ex.tableDir}/features.csv`,
  );
  // 4. subject-level analysis table
  const subjects = await subjectTable(ex.tableDir);
  mkdirSync(o.outDir, { recursive: true });
  const subjectsCsv = join(o.outDir, 'subjects.csv');
  writeCsv(subjectsCsv, subjects, columnOrder(subjects, ['subject_id']));
  const exposures = Object.keys(subjects[0] ?? {}).filter((k) => k.startsWith('fundus.') || k.startsWith('skin.'));
  say(`[4/${steps}] analysis table: ${subjects.length} subjects x ${exposures.length} fingerprint features → ${subjectsCsv}`);
  // 5. associations: z(feature) ~ diabetes + age + sex (OLS), one model per feature, BH FDR
  const assocRows = demoAssociations(subjects, exposures, cfg.tracking.experiment, subjectsCsv);
  const fitted = assocRows.filter((r) => r.error === undefined);
  say(
    `[5/${steps}] feature differences with diabetes (SD units, adjusted for age, sex): ${fitted.length} fitted, ${fitted.filter((r) => r.q_bh < 0.05).length} with FDR q < 0.05`,
  );
  const rec = fitted.find((r) => r.feature === 'skin.recruitment_hyperaemia_pct');
  if (rec)
    say(
      `      skin capillaroscopy: recruitment at peak hyperaemia with diabetes: beta ${fmt(rec.beta)} SD (95% CI ${fmt(rec.ci_low)} to ${fmt(rec.ci_high)}), p ${rec.p.toExponential(2)} (density per phase: skin.density_<phase>_per_mm2 in ${subjectsCsv})`,
    );
  const crve = fitted.find((r) => r.feature === 'fundus.crve_um');
  if (crve)
    say(
      `      retinal venular calibre (CRVE, Knudtson) with diabetes: beta ${fmt(crve.beta)} SD (95% CI ${fmt(crve.ci_low)} to ${fmt(crve.ci_high)}), p ${crve.p.toExponential(2)} (the generator widens venules by 6 % with diabetes; CRAE, AVR: fundus.crae_um, fundus.avr)`,
    );
  for (const r of [...fitted].sort((a, b) => a.p - b.p).slice(0, 3))
    say(
      `      ${r.feature}: beta ${fmt(r.beta)} SD (95% CI ${fmt(r.ci_low)} to ${fmt(r.ci_high)}), p ${r.p.toExponential(2)}, q ${r.q_bh.toExponential(2)}`,
    );
  // 6. cross-validated prediction of diabetes from the fingerprint + age, sex
  const modelCfg = modelConfigSchema.parse({
    table: subjectsCsv,
    outcome: 'diabetes',
    group: 'subject_id',
    features: [...exposures, 'age'],
    model: 'logistic',
    cv: { k: 5, repeats: 2 },
    seed: o.seed,
    experiment: cfg.tracking.experiment,
  });
  const model = runModel(subjects, modelCfg);
  say(
    `[6/${steps}] 5-fold CV (x2) logistic model of diabetes: AUC ${fmt(model.auc_mean)} (95% CI ${fmt(model.auc_ci_low)}–${fmt(model.auc_ci_high)})`,
  );
  // 6b. epidemiology: two-eye GEE, Cox + KM, an interaction, test–retest repeatability (src/demo/epiDemo.ts)
  const epi = await epiDemo({
    tableDir: ex.tableDir,
    subjects,
    manifest,
    cohortDir: o.cohortDir,
    cfg,
    nSubjects: o.subjects,
    seed: o.seed,
  });
  say(`      epidemiology:`);
  for (const l of epi.lines) say(`      ${l}`);
  // 7. log the study run with tables and figures, then the report
  const run = await startRun({
    experiment: cfg.tracking.experiment,
    runName: 'demo-study',
    config: {
      subjects: o.subjects,
      seed: o.seed,
      association: { formula: 'z(feature) ~ diabetes + age + C(sex)', family: 'gaussian', fdr: 'BH' },
      model: modelCfg,
    },
    manifest,
    seed: o.seed,
    sourceName: 'vesselprint demo',
    sourceType: 'LOCAL',
    description: 'Demo study on the synthetic cohort: associations with diabetes and a cross-validated model.',
  });
  try {
    await logStudy(run, { subjects, assoc: assocRows, model });
    await logEpiDemo(run, epi);
    const figs = await demoFigures(run, {
      subjects,
      associations: assocRows,
      model,
      features: [...exposures, 'age'],
      outDir: o.outDir,
      seed: o.seed,
    } satisfies DemoFigureInputs);
    say(
      `[7/${steps}] logged run ${run.runId} (experiment "${cfg.tracking.experiment}") with ${figs.logged} figures${figs.exported ? `, ${figs.exported} exported as PDF to ${join(o.outDir, 'figures')}` : ' (specs only: Chromium not found, see vesselprint doctor)'}`,
    );
    await run.end('FINISHED');
  } catch (e) {
    await run.end('FAILED');
    throw e;
  }
  // 8. the review report for supervisors (static HTML, opens from disk)
  const report = await writeReport(openStore(undefined, { readOnly: true }), join(o.outDir, 'report'), {
    experiment: cfg.tracking.experiment,
    compare: [run.runId],
  });
  say(`[8/${steps}] review report: ${report.index}`);
  const result: DemoResult = {
    outDir: o.outDir,
    manifest,
    tableDir: ex.tableDir,
    studyRunId: run.runId,
    associations: fitted.length,
    reportIndex: report.index,
  };
  if (model.auc_mean !== undefined)
    result.auc = { mean: model.auc_mean, low: model.auc_ci_low ?? Number.NaN, high: model.auc_ci_high ?? Number.NaN };
  say(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  say(`  feature table: ${resolve(ex.tableDir)}/features.csv`);
  say(`  MLflow runs:   ${resolve('mlruns')}  (vesselprint runs --experiment ${cfg.tracking.experiment}; study run ${run.runId})`);
  say(`  report:        ${report.index}  (open in a browser)`);
  return result;
}

async function logStudy(
  run: ActiveRun,
  d: { subjects: FeatureRow[]; assoc: readonly object[]; model: ReturnType<typeof runModel> },
): Promise<void> {
  await run.logTable(d.subjects, 'tables/subjects.csv');
  await run.logTable(d.assoc, 'tables/associations.csv');
  await run.logTable(d.model.folds, 'tables/model_folds.csv');
  await run.logTable(d.model.predictions, 'tables/model_oof_predictions.csv');
  const m: Record<string, number> = { n_subjects: d.subjects.length };
  for (const k of ['auc_mean', 'auc_sd', 'auc_ci_low', 'auc_ci_high', 'auc_pooled'] as const) {
    const v = d.model[k];
    if (v !== undefined && Number.isFinite(v)) m[`model.${k}`] = v;
  }
  await run.logMetrics(m);
}

function fmt(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? 'NA' : x.toFixed(2);
}

/** One row of the demo's association table: adjusted difference in SD units of a feature between people with and without diabetes. */
export interface DemoAssociation {
  feature: string;
  n: number;
  beta: number;
  ci_low: number;
  ci_high: number;
  p: number;
  q_bh: number;
  error?: string;
}

/**
 * For each feature: OLS of the z-scored feature on diabetes, adjusted for age and sex
 * (`z(feature) ~ diabetes + age + C(sex)`); β = adjusted difference in SD units; Benjamini–Hochberg
 * q-values across the features that fitted.
 */
export function demoAssociations(
  rows: readonly FeatureRow[],
  features: readonly string[],
  experiment: string,
  table: string,
): DemoAssociation[] {
  const out: DemoAssociation[] = features.map((f) => {
    const vals = rows.map((r) => r[f]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    // descriptive statistics from simple-statistics (sample SD, n − 1); fewer than 2 values: no z-scores
    const mean = vals.length > 0 ? ssMean(vals) : Number.NaN;
    const sd = vals.length > 1 ? sampleStandardDeviation(vals) : 0;
    const z = rows.map((r) => ({ ...r, __z: typeof r[f] === 'number' && sd > 0 ? (r[f] - mean) / sd : null }));
    try {
      const cfgA = associateConfigSchema.parse({
        table,
        outcome: '__z',
        exposures: ['diabetes'],
        covariates: ['age', 'sex'],
        categorical: ['sex'],
        family: 'gaussian',
        experiment,
      });
      const r = runAssociate(z, cfgA);
      return { feature: f, n: r.n, beta: r.beta, ci_low: r.ci_low, ci_high: r.ci_high, p: r.p, q_bh: Number.NaN };
    } catch (e) {
      return {
        feature: f,
        n: 0,
        beta: Number.NaN,
        ci_low: Number.NaN,
        ci_high: Number.NaN,
        p: Number.NaN,
        q_bh: Number.NaN,
        error: e instanceof Error ? e.message : String(e),
      };
    }
  });
  const ok = out.filter((r) => r.error === undefined);
  const q = benjaminiHochberg(ok.map((r) => r.p));
  ok.forEach((r, i) => (r.q_bh = q[i]!));
  return out;
}
