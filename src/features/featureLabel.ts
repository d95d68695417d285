/**
 * Human labels with units for any feature-table column, for figure axes, tables and notebooks:
 * fingerprint columns (`vascular.*`, and the subject-level `fundus.*` / `skin.*`) from the
 * fingerprint registry (subject-level retinal calibres `fundus.crae_um` … from `retina/fieldDocs`), `radiomics.*` from the radiomics registry, `qc.*` / `meta.*` from the
 * data dictionary, `retina.*` from `retina/fieldDocs`, `capillaroscopy.*` (per recording) and the recruitment measures (`recruitment.*`,
 * subject-level `skin.density_<phase>_per_mm2` / `skin.recruitment_*`) from their docs; anything else (covariates) keeps its raw name.
 */
import { fingerprintFeature } from '../vascular/registry.js';
import { FEATURE_REGISTRY, getFamily } from '../radiomics/registry.js';
import { QC_META_DICTIONARY } from '../pipeline/dictionary.js';
import { RECORDING_MEASURE_DOCS, RECRUITMENT_MEASURE_DOCS } from '../capillaroscopy/measureDocs.js';
import { RETINA_FAILURE_DOC, RETINA_FAILURE_FIELD, RETINA_FIELD_DOCS } from '../retina/fieldDocs.js';

/** A column's label: `text` is what an axis shows (`label (unit)`, or `label` for dimensionless features and raw names). */
export interface FeatureLabel {
  label: string;
  /** Unit when known and not dimensionless. */
  unit?: string;
  text: string;
}

const SUBJECT_PREFIXES = ['fundus', 'skin'] as const;

/**
 * The label of a table column.
 *
 * @param column e.g. `vascular.tortuosity_density`, `fundus.fractal_dimension_box`,
 *   `radiomics.vessels.glcm.contrast.3_mrg`, `qc.focus_laplacian_var`, `age`
 * @example featureLabel('vascular.vessel_width_mean_um').text // 'Mean vessel width (µm)'
 * @example featureLabel('age').text // 'age'
 */
export function featureLabel(column: string): FeatureLabel {
  const dot = column.indexOf('.');
  const head = dot < 0 ? '' : column.slice(0, dot),
    rest = column.slice(dot + 1);
  if (head === 'vascular' || (SUBJECT_PREFIXES as readonly string[]).includes(head)) {
    const f = fingerprintFeature(rest);
    if (f) return make(head === 'vascular' ? f.label : `${f.label}, ${head}`, f.unit);
    const r = head === 'skin' ? RECRUITMENT_MEASURE_DOCS[rest] : undefined;
    if (r) return make(`${r.label}, skin`, displayUnit(r.unit));
    const rt = head === 'fundus' ? RETINA_FIELD_DOCS[rest] : undefined;
    if (rt) return make(`${rt.label}, fundus`, displayUnit(rt.unit));
  }
  if (head === 'recruitment' && RECRUITMENT_MEASURE_DOCS[rest]) {
    const r = RECRUITMENT_MEASURE_DOCS[rest]!;
    return make(r.label, displayUnit(r.unit));
  }
  if (head === 'radiomics') {
    const r = radiomicsLabel(rest);
    if (r) return r;
  }
  const rf = head !== 'retina' ? undefined : rest === RETINA_FAILURE_FIELD ? RETINA_FAILURE_DOC : RETINA_FIELD_DOCS[rest];
  if (rf) return make(rf.label, displayUnit(rf.unit));
  const m = head === 'capillaroscopy' ? RECORDING_MEASURE_DOCS[rest] : undefined;
  if (m) return make(`${m.label}, skin video`, displayUnit(m.unit));
  const d = QC_META_DICTIONARY.find((e) => e.name === column);
  if (d)
    return make(
      d.definition
        .split(/[:(]/)[0]!
        .trim()
        .replace(/^./, (ch) => ch.toUpperCase()),
      displayUnit(d.unit),
    );
  return { label: column, text: column };
}

/** The dictionary's ASCII units as an axis shows them: `um` → µm, `1/mm2` → mm⁻², `mm2` → mm². */
function displayUnit(unit: string): string {
  const map: Record<string, string> = { um: 'µm', 'um/px': 'µm/px', '1/mm2': 'mm⁻²', mm2: 'mm²', '1/s': 's⁻¹' };
  return map[unit] ?? unit;
}

function make(label: string, unit: string): FeatureLabel {
  const dimensionless = unit === '' || unit === '1' || unit === '0/1';
  return dimensionless ? { label, text: label } : { label, unit, text: `${label} (${unit})` };
}

/** `ROI[.FILTER].FAMILY.NAME[.AGG]` → "GLCM contrast (3_mrg), vessels". */
function radiomicsLabel(rest: string): FeatureLabel | null {
  const parts = rest.split('.');
  for (let i = 1; i < parts.length - 1; i++) {
    const family = parts[i]!,
      name = parts[i + 1]!,
      agg = parts[i + 2];
    const e = FEATURE_REGISTRY.find((x) => x.family === family && x.name === name && (x.aggregation ?? undefined) === agg);
    if (!e) continue;
    const where = parts.slice(0, i).join(', ');
    const label = `${getFamily(e.family).title}: ${name.replace(/_/g, ' ')}${agg ? ` (${agg})` : ''}, ${where}`;
    return { label, text: label };
  }
  return null;
}
