import { queryTable } from '../table/featureTable.js';
import type { FeatureRow } from '../table/types.js';
import { scalarText } from '../core/text.js';

/** Fingerprint features analysed in the demo study (subject level; fundus = mean of both eyes). */
export const DEMO_FUNDUS_FEATURES = [
  'vascular.vessel_area_fraction',
  'vascular.vessel_length_density_mm_per_mm2',
  'vascular.fractal_dimension_box',
  'vascular.tortuosity_arc_chord',
  'vascular.tortuosity_density',
  'vascular.branch_point_density_per_mm2',
  'vascular.vessel_width_mean_um',
  'vascular.branching_angle_mean_deg',
] as const;
/**
 * Retinal calibres of the demo (subject level, mean of both eyes as `fundus.crae_um` …): `extract`'s
 * retina block on the synthetic cohort's own artery/vein labels (`av_mask_path`, `avSource: "manual"`),
 * whose generator narrows arterioles with blood pressure and widens venules with diabetes (`synth/cohortModel`).
 */
export const DEMO_RETINA_FEATURES = ['retina.crae_um', 'retina.crve_um', 'retina.avr'] as const;
const DEMO_SKIN_FEATURES = ['vascular.capillary_density_per_mm2', 'vascular.intercapillary_distance_mean_um'] as const;
const DEMO_COVARIATES = ['age', 'sex', 'bmi', 'sbp', 'diabetes', 'hypertension', 'ckd', 'smoker'] as const;

function q(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * One row per subject (first visit): fundus features and retinal calibres (CRAE, CRVE, AVR) averaged over both eyes (QC-passed images
 * only), skin capillary features, skin capillaroscopy density per phase and recruitment
 * (`skin.density_<phase>_per_mm2`, `skin.recruitment_hyperaemia_pct`), and the manifest covariates — the
 * analysis table of the demo.
 * Feature columns are renamed `fundus.<name>` / `skin.<name>`.
 */
export async function subjectTable(tableDir: string): Promise<FeatureRow[]> {
  const cols = (await queryTable(tableDir, 'DESCRIBE features')).map((r) => String(r.column_name));
  const has = (c: string): boolean => cols.includes(c);
  // vascular.<name> and retina.<name> become fundus.<name>
  const fundus = [...DEMO_FUNDUS_FEATURES, ...DEMO_RETINA_FEATURES]
    .filter(has)
    .map((c) => `avg(CASE WHEN modality = 'fundus' THEN ${q(c)} END) AS ${q(`fundus.${c.slice(c.indexOf('.') + 1)}`)}`);
  const skin = DEMO_SKIN_FEATURES.filter(has).map(
    (c) => `avg(CASE WHEN modality = 'skin' THEN ${q(c)} END) AS ${q(`skin.${c.slice('vascular.'.length)}`)}`,
  );
  // skin capillaroscopy recordings (rows with a phase): density per phase and recruitment at peak hyperaemia
  const dens = 'capillaroscopy.capillary_density_per_mm2';
  const phaseDensity = (p: string): string => `avg(CASE WHEN phase = '${p}' THEN ${q(dens)} END)`;
  const capillaroscopy =
    has(dens) && has('phase')
      ? [
          `${phaseDensity('baseline')} AS ${q('skin.density_baseline_per_mm2')}`,
          `${phaseDensity('hyperaemia')} AS ${q('skin.density_hyperaemia_per_mm2')}`,
          `${phaseDensity('congestion')} AS ${q('skin.density_congestion_per_mm2')}`,
          `100 * (${phaseDensity('hyperaemia')} - ${phaseDensity('baseline')}) / ${phaseDensity('baseline')} AS ${q('skin.recruitment_hyperaemia_pct')}`,
        ]
      : [];
  const covs = DEMO_COVARIATES.filter(has).map((c) => `any_value(${q(c)}) AS ${q(c)}`);
  const firstVisit = has('visit') ? `WHERE CAST(visit AS VARCHAR) = (SELECT min(CAST(visit AS VARCHAR)) FROM features)` : '';
  // recordings carry their own QC (frames dropped), not the still-image qc.pass
  const qcFilter = has('qc.pass') ? `AND (${q('qc.pass')} = 1${has('phase') ? ' OR phase IS NOT NULL' : ''})` : '';
  const sql = `SELECT subject_id, ${[...covs, ...fundus, ...skin, ...capillaroscopy].join(', ')} FROM (SELECT * FROM features ${firstVisit} ${firstVisit ? qcFilter : qcFilter.replace(/^AND/, 'WHERE')}) GROUP BY subject_id ORDER BY subject_id`;
  const rows = await queryTable(tableDir, sql);
  return rows.map((r) => {
    const out: FeatureRow = {};
    for (const [k, v] of Object.entries(r))
      out[k] = v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'string' ? v : scalarText(v);
    return out;
  });
}
