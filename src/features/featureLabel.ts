/**
 * Human labels with units for any feature-table column, for figure axes, tables and notebooks:
 * fingerprint columns (`vascular.*`, and the subject-level `fundus.*` / `skin.*`) from the
 * fingerprint registry, `radiomics.*` from the radiomics registry, `qc.*` / `meta.*` from the
 * data dictionary; anything else (covariates) keeps its raw name.
 */
import { fingerprintFeature } from '../vascular/registry.js';
import { FEATURE_REGISTRY, getFamily } from '../radiomics/registry.js';
import { QC_META_DICTIONARY } from '../pipeline/dictionary.js';
import { RECORDING_MEASURE_DOCS } from '../capillaroscopy/measureDocs.js';

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
  const head = dot < 0 ? '' : column.slice(0, dot), rest = column.slice(dot + 1);
  if (head === 'vascular' || (SUBJECT_PREFIXES as readonly string[]).includes(head)) {
    const f = fingerprintFeature(rest);
    if (f) return make(head === 'vascular' ? f.label : `${f.label}, ${head}`, f.unit);
  }
  if (head === 'radiomics') {
    const r = radiomicsLabel(rest);
    if (r) return r;
  }
  if (head === 'capillaroscopy' && rest in RECORDING_MEASURE_DOCS) {
    const m = RECORDING_MEASURE_DOCS[rest as keyof typeof RECORDING_MEASURE_DOCS];
    return make(m.definition.split(/[:(;,]/)[0]!.trim().replace(/^./, (ch) => ch.toUpperCase()), m.unit);
  }
  const d = QC_META_DICTIONARY.find((e) => e.name === column);
  if (d) return make(d.definition.split(/[:(]/)[0]!.trim().replace(/^./, (ch) => ch.toUpperCase()), d.unit);
  return { label: column, text: column };
}

function make(label: string, unit: string): FeatureLabel {
  const dimensionless = unit === '' || unit === '1' || unit === '0/1';
  return dimensionless ? { label, text: label } : { label, unit, text: `${label} (${unit})` };
}

/** `ROI[.FILTER].FAMILY.NAME[.AGG]` → "GLCM contrast (3_mrg), vessels". */
function radiomicsLabel(rest: string): FeatureLabel | null {
  const parts = rest.split('.');
  for (let i = 1; i < parts.length - 1; i++) {
    const family = parts[i]!, name = parts[i + 1]!, agg = parts[i + 2];
    const e = FEATURE_REGISTRY.find((x) => x.family === family && x.name === name && (x.aggregation ?? undefined) === agg);
    if (!e) continue;
    const where = parts.slice(0, i).join(', ');
    const label = `${getFamily(e.family).title}: ${name.replace(/_/g, ' ')}${agg ? ` (${agg})` : ''}, ${where}`;
    return { label, text: label };
  }
  return null;
}
