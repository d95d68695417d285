import { FEATURE_REGISTRY } from '../radiomics/registry.js';
import { FINGERPRINT_FEATURES, fingerprintColumn, invarianceText } from '../vascular/registry.js';
import type { DictionaryEntry } from '../table/types.js';
import type { ExperimentConfig } from './config.js';
import { RECORDING_MEASURE_DOCS, CAPILLAROSCOPY_REFERENCE } from '../capillaroscopy/measureDocs.js';
import { RETINA_FAILURE_DOC, RETINA_FAILURE_FIELD, RETINA_FIELD_DOCS } from '../retina/fieldDocs.js';

/** The QC and meta columns of every extracted table. */
export const QC_META_DICTIONARY: readonly DictionaryEntry[] = [
  { name: 'qc.fov_fraction', unit: '1', definition: 'fraction of the image inside the field of view', reference: '' },
  {
    name: 'qc.focus_laplacian_var',
    unit: '1',
    definition: 'variance of the 4-neighbour Laplacian of the green/grey channel scaled to [0,1], inside the FOV (higher = sharper)',
    reference: 'Pech-Pacheco et al. 2000, doi:10.1109/ICPR.2000.903548',
  },
  { name: 'qc.contrast_rms', unit: '1', definition: 'RMS contrast: SD / mean of the channel inside the FOV', reference: '' },
  {
    name: 'qc.illumination_cv',
    unit: '1',
    definition: 'coefficient of variation of the background (Gaussian blur, sigma 5% of width) inside the FOV',
    reference: '',
  },
  { name: 'qc.mean_intensity', unit: 'grey level', definition: 'mean of the channel inside the FOV', reference: '' },
  {
    name: 'qc.pass',
    unit: '0/1',
    definition: 'exclusion rule of the config (qc.minFovFraction, qc.minFocus, qc.minContrast): 1 = keep',
    reference: '',
  },
  { name: 'meta.pixel_spacing_um', unit: 'um/px', definition: 'pixel spacing used (manifest, else file header)', reference: '' },
  { name: 'meta.width_px', unit: 'px', definition: 'image width', reference: '' },
  { name: 'meta.height_px', unit: 'px', definition: 'image height', reference: '' },
  { name: 'meta.segmentation', unit: '', definition: 'segmentation method that produced the vessel mask', reference: '' },
  {
    name: 'meta.fov_source',
    unit: '',
    definition:
      'where the field of view came from: "mask" (manifest fov_mask_path), "estimated" (estimateFov on a fundus photograph without FOV mask), "whole image" (no FOV mask and no dark rim found, or skin)',
    reference: '',
  },
];

/**
 * The data dictionary of a feature table made with `cfg`: QC and meta columns, every fingerprint
 * column (`vascular.*`: unit, definition, resolution invariance and reference from the
 * fingerprint registry, `src/vascular/registry.ts`) and every radiomics column (IBSI name and
 * code, per ROI and filter), the `retina.*` columns (`retina/fieldDocs`) and the capillaroscopy columns of skin recordings.
 *
 * @example featureDictionary().find((d) => d.name === 'vascular.tortuosity_density')?.unit // 'mm⁻¹'
 */
export function featureDictionary(cfg?: ExperimentConfig): DictionaryEntry[] {
  const out = [...QC_META_DICTIONARY];
  for (const f of FINGERPRINT_FEATURES) {
    const applies = f.modality === 'both' ? '' : ` (${f.modality} only)`;
    out.push({
      name: fingerprintColumn(f.key),
      unit: f.unit,
      definition: `${f.label}${applies}: ${f.definition}; ${invarianceText(f)}`,
      reference: f.reference,
    });
  }
  for (const [k, d] of Object.entries(RETINA_FIELD_DOCS))
    out.push({ name: `retina.${k}`, unit: d.unit, definition: `${d.definition} (fundus, retina block)`, reference: d.reference });
  out.push({
    name: `retina.${RETINA_FAILURE_FIELD}`,
    unit: RETINA_FAILURE_DOC.unit,
    definition: RETINA_FAILURE_DOC.definition,
    reference: RETINA_FAILURE_DOC.reference,
  });
  for (const [k, d] of Object.entries(RECORDING_MEASURE_DOCS))
    out.push({
      name: `capillaroscopy.${k}`,
      unit: d.unit,
      definition: `${d.definition} (skin recordings: rows with a phase)`,
      reference: CAPILLAROSCOPY_REFERENCE,
    });
  const rois = cfg?.radiomics.rois ?? ['vessels', 'background', 'fov'];
  const filters = (cfg?.radiomics.filters ?? ['none']).map((f) => f.replace(/[:.]/g, '_'));
  for (const roi of rois) {
    for (const f of filters) {
      const prefix = f === 'none' ? `radiomics.${roi}` : `radiomics.${roi}.${f}`;
      for (const e of FEATURE_REGISTRY) {
        out.push({
          name: `${prefix}.${e.family}.${e.name}${e.aggregation ? `.${e.aggregation}` : ''}`,
          unit: 'see IBSI',
          definition: `${e.doc} (ROI: ${roi}${f === 'none' ? '' : `, filter ${f}`})`,
          reference: `IBSI ${e.ibsi}${e.aggregation ? ` / ${e.aggregation}` : ''}; Zwanenburg et al. 2020, doi:10.1148/radiol.2020191145`,
        });
      }
    }
  }
  return out;
}
