/**
 * The epidemiology part of the demo study (issue 17), run after the main analyses on the same
 * synthetic cohort: (1) a two-eye association with GEE (exchangeable) and cluster-robust SE by
 * subject; (2) a Cox hazard ratio per SD of skin capillary density for incident cardiovascular
 * events (follow-up of `planFollowUp`) with a Kaplan–Meier figure by tertile; (3) effect
 * modification of the diabetes–capillary density difference by sex; (4) test–retest
 * repeatability of the fundus fingerprint on re-imaged eyes (`generateRetestImage`). A failing
 * part is reported and the others still run.
 */
import { join } from 'node:path';
import { writeImage } from '../io/writeImage.js';
import { associate, type AssociationResult } from '../learn/stats/associate.js';
import { repeatability, type RepeatabilityResult } from '../learn/stats/repeatability.js';
import { toNumber, type Row } from '../learn/types.js';
import { manifestWorkItems } from '../pipeline/extract.js';
import { createProcessor } from '../pipeline/imageProcessor.js';
import type { ExperimentConfig } from '../pipeline/config.js';
import { generateRetestImage, planCohort, planFollowUp, retestPlan } from '../synth/cohort.js';
import { queryTable } from '../table/featureTable.js';
import type { FeatureRow } from '../table/types.js';
import { groupsByTertile, kaplanMeierFigure } from '../plot/kaplanMeier.js';
import { blandAltmanFigure } from '../plot/blandAltman.js';
import type { Figure } from '../plot/types.js';
import type { ActiveRun } from '../track/activeRun.js';
import { DEMO_FUNDUS_FEATURES } from './subjectTable.js';
import { featureLabel } from '../features/featureLabel.js';

export interface EpiDemoInputs {
  tableDir: string;
  subjects: FeatureRow[];
  manifest: string;
  cohortDir: string;
  cfg: ExperimentConfig;
  nSubjects: number;
  seed: number;
  /** Eyes re-imaged for repeatability: the first `retestSubjects` subjects (both eyes). Default 5. */
  retestSubjects?: number;
}

export interface EpiDemoResult {
  lines: string[];
  figures: Record<string, Figure>;
  tables: Record<string, Record<string, number | string | null>[]>;
  gee?: AssociationResult;
  cox?: AssociationResult;
  interaction?: AssociationResult;
  repeat?: RepeatabilityResult;
}

const f2 = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? 'NA' : v.toFixed(2));
const pv = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? 'NA' : v.toExponential(2));

/** Runs the four analyses; never throws for one failing analysis (its line says why). */
export async function epiDemo(d: EpiDemoInputs): Promise<EpiDemoResult> {
  const out: EpiDemoResult = { lines: [], figures: {}, tables: {} };
  const attempt = async (what: string, body: () => Promise<void> | void): Promise<void> => {
    try {
      await body();
    } catch (e) {
      out.lines.push(`${what}: failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const tort = 'vascular.tortuosity_density';
  await attempt('two-eye GEE', async () => {
    const eyes = (await queryTable(
      d.tableDir,
      `SELECT subject_id, eye, "${tort}", diabetes, age, sex FROM features WHERE modality = 'fundus' AND CAST(visit AS VARCHAR) = '1'`,
    )) as Row[];
    const formula = `${tort} ~ diabetes + age + sex`;
    const gee = associate(eyes, formula, { cluster: 'subject_id', gee: true, categorical: ['sex'] });
    const robust = associate(eyes, formula, { cluster: 'subject_id', categorical: ['sex'] });
    out.gee = gee;
    out.lines.push(
      `two eyes per subject (${gee.n} eyes, ${gee.n_clusters} subjects): tortuosity density with diabetes, GEE exchangeable (alpha ${f2(gee.gee_alpha)}) beta ${gee.beta.toPrecision(3)} (95% CI ${gee.ci_low.toPrecision(3)} to ${gee.ci_high.toPrecision(3)}), p ${pv(gee.p)}; cluster-robust OLS beta ${robust.beta.toPrecision(3)}, p ${pv(robust.p)}`,
    );
  });
  const cap = 'skin.capillary_density_per_mm2';
  await attempt('Cox', () => {
    const fu = new Map(planFollowUp({ subjects: d.nSubjects, seed: d.seed }).map((r) => [r.subject_id, r]));
    const rows = d.subjects.map((s) => ({ ...s, ...fu.get(String(s.subject_id)) })) as Row[];
    out.tables.followup = [...fu.values()].map((r) => ({ ...r }));
    const cox = associate(rows, `incident_cvd ~ ${cap} + age + sex + diabetes`, {
      family: 'cox',
      time: 'followup_years',
      event: 'incident_cvd',
      standardize: true,
      categorical: ['sex'],
    });
    out.cox = cox;
    const ph = cox.ph_test?.find((r) => r.term === 'GLOBAL');
    out.lines.push(
      `incident CVD (${cox.n_events} events in ${cox.n} subjects, up to 10 y): HR per SD of skin capillary density ${f2(cox.hr)} (95% CI ${f2(cox.hr_ci_low)}–${f2(cox.hr_ci_high)}), p ${pv(cox.p)}, adjusted for age, sex, diabetes; Schoenfeld PH test p ${f2(ph?.p)}`,
    );
    const num = (r: Row, c: string): number => toNumber(r[c]) ?? Number.NaN;
    const groups = groupsByTertile(
      rows.map((r) => num(r, cap)),
      rows.map((r) => num(r, 'followup_years')),
      rows.map((r) => num(r, 'incident_cvd')),
      'capillaries',
    );
    out.figures['km_capillary_density_tertiles'] = kaplanMeierFigure(groups, {
      xLabel: 'Years since baseline',
      yLabel: 'Free of cardiovascular events',
      title: 'By thirds of skin capillary density (mm⁻²)',
      atRiskTimes: [0, 2, 4, 6, 8, 10],
    });
  });
  await attempt('interaction', () => {
    const r = associate(d.subjects, `${cap} ~ diabetes*sex + age`, { categorical: ['sex'] });
    out.interaction = r;
    const lv = r.interaction?.modifiers[0]?.levels ?? [];
    out.lines.push(
      `effect modification: capillary density difference with diabetes by sex, ${lv.map((l) => `${l.level}: ${f2(l.beta)} mm⁻² (${f2(l.ci_low)} to ${f2(l.ci_high)})`).join('; ')}; p_interaction ${f2(r.p_interaction)}`,
    );
  });
  await attempt('repeatability', async () => {
    const nR = Math.min(d.retestSubjects ?? 5, d.nSubjects);
    const plans = planCohort({ subjects: d.nSubjects, seed: d.seed })
      .filter((p) => p.modality === 'fundus' && p.visit === '1')
      .slice(0, 2 * nR);
    const items = new Map(manifestWorkItems(d.manifest).items.map((it) => [it.imageId, it]));
    const cfg: ExperimentConfig = { ...d.cfg, radiomics: { ...d.cfg.radiomics, enabled: false } };
    const process = createProcessor(cfg);
    const features = [...DEMO_FUNDUS_FEATURES];
    const first = await queryTable(
      d.tableDir,
      `SELECT image_id, ${features.map((f) => `"${f}"`).join(', ')} FROM features WHERE image_id IN (${plans.map((p) => `'${p.image_id}'`).join(', ')})`,
    );
    const long: Row[] = first.map((r) => ({ ...(r as Row), eye_id: String(r.image_id), session: 1 }));
    for (const p of plans) {
      const rp = retestPlan(p);
      const img = generateRetestImage(rp, d.seed);
      const rel = `retest/${rp.image_id}.png`;
      await writeImage(join(d.cohortDir, rel), img.image);
      const orig = items.get(p.image_id);
      if (!orig) continue;
      const row = await process({ ...orig, imageId: rp.image_id, row: { ...orig.row, image_id: rp.image_id, image_path: rel } });
      long.push({ ...Object.fromEntries(features.map((f) => [f, row[f] ?? null])), eye_id: p.image_id, session: 2 });
    }
    const rep = repeatability(long, { id: 'eye_id', by: 'session', features });
    out.repeat = rep;
    out.tables.repeatability = rep.rows.map((r) => ({ ...r, error: r.error ?? null }));
    out.lines.push(
      `test–retest repeatability (${plans.length} eyes re-imaged with new illumination and noise), ICC(2,1) [95% CI]: ${rep.rows
        .filter((r) => !r.error)
        .map((r) => `${r.feature.replace('vascular.', '')} ${f2(r.icc2)} [${f2(r.icc2_ci_low)}, ${f2(r.icc2_ci_high)}]`)
        .join('; ')}`,
    );
    const top = rep.rows.find((r) => !r.error);
    if (top) {
      const ba = rep.blandAltman[top.feature]!;
      out.figures[`bland_altman_${top.feature}`] = blandAltmanFigure(
        ba.means.map((m, i) => m + ba.diffs[i]! / 2),
        ba.means.map((m, i) => m - ba.diffs[i]! / 2),
        {
          xLabel: `${featureLabel(top.feature).text}, mean of sessions`,
          yLabel: `Retest − test${featureLabel(top.feature).unit ? ` (${featureLabel(top.feature).unit})` : ''}`,
          title: `${featureLabel(top.feature).label}: ICC(2,1) ${f2(top.icc2)}`,
        },
      );
    }
  });
  return out;
}

/** Logs the epidemiology results to the study run: figures, tables and headline metrics. */
export async function logEpiDemo(run: ActiveRun, e: EpiDemoResult): Promise<void> {
  for (const [name, fig] of Object.entries(e.figures)) await run.logFigure(fig, `figures/${name.replace(/[^\w.-]+/g, '_')}.json`);
  for (const [name, rows] of Object.entries(e.tables)) await run.logTable(rows, `tables/${name}.csv`);
  const m: Record<string, number | undefined> = {
    'epi.gee_beta': e.gee?.beta,
    'epi.gee_p': e.gee?.p,
    'epi.gee_alpha': e.gee?.gee_alpha,
    'epi.cox_hr_per_sd': e.cox?.hr,
    'epi.cox_hr_ci_low': e.cox?.hr_ci_low,
    'epi.cox_hr_ci_high': e.cox?.hr_ci_high,
    'epi.cox_events': e.cox?.n_events,
    'epi.p_interaction': e.interaction?.p_interaction,
    'epi.icc2_max': e.repeat?.rows.find((r) => !r.error)?.icc2,
  };
  await run.logMetrics(
    Object.fromEntries(Object.entries(m).filter((kv): kv is [string, number] => typeof kv[1] === 'number' && Number.isFinite(kv[1]))),
  );
}
