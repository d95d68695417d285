import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FINGERPRINT_FEATURES, FINGERPRINT_GROUPS } from '../../src/vascular/registry.js';
import { analyzeVessels } from '../../src/vascular/fingerprint.js';
import { featureLabel } from '../../src/features/featureLabel.js';
import { recruitment } from '../../src/capillaroscopy/recruitment.js';
import { featureDictionary } from '../../src/pipeline/dictionary.js';
import { maskFrom } from './shapes.js';

const UNITS = new Set(['1', 'px', 'µm/px', 'µm', 'µm²', 'mm', 'mm²', 'mm⁻¹', 'mm⁻²', 'mm/mm²', 'rad/mm', '°']);
/** Units a key's suffix allows (first match wins), or null when the key names no unit. */
function unitsOfSuffix(key: string): string[] | null {
  const table: [RegExp, string[]][] = [
    [/_per_mm2$/, ['mm⁻²', 'mm/mm²']],
    [/_per_mm$/, ['mm⁻¹', 'rad/mm']],
    [/_um2$/, ['µm²']],
    [/_mm2$/, ['mm²']],
    [/spacing_um$/, ['µm/px']],
    [/_um$/, ['µm']],
    [/_mm$/, ['mm']],
    [/_deg$/, ['°']],
    [/_px$/, ['px']],
  ];
  return table.find(([re]) => re.test(key))?.[1] ?? null;
}

test('FINGERPRINT_FEATURES: unique keys, each with label, a known unit matching the key suffix, definition, reference and invariance', () => {
  const keys = FINGERPRINT_FEATURES.map((f) => f.key);
  assert.equal(new Set(keys).size, keys.length, 'duplicate keys');
  for (const f of FINGERPRINT_FEATURES) {
    assert.ok(f.label.length > 2 && f.definition.length > 5, `${f.key}: label/definition`);
    assert.ok(UNITS.has(f.unit), `${f.key}: unknown unit ${f.unit}`);
    const allowed = unitsOfSuffix(f.key);
    if (allowed) assert.ok(allowed.includes(f.unit), `${f.key}: unit ${f.unit} does not match the key suffix`);
    assert.ok(
      /doi:10\.|^none \(|^as `|^standard morphometry/.test(f.reference),
      `${f.key}: reference without DOI or reason: ${f.reference}`,
    );
    const inv = f.invariance;
    assert.ok('notInvariant' in inv ? inv.notInvariant.length > 10 : inv.x2 > 0 && inv.x4 >= inv.x2, `${f.key}: invariance`);
  }
});

test('each registry group returns exactly the keys it lists (fundus with disc and labels; skin)', () => {
  const m = maskFrom(
    160,
    160,
    (r, c) => Math.abs(r - 80) < 3 || Math.abs(c - 80) < 3 || Math.hypot(r - 30, c - 30) < 6 || Math.hypot(r - 130, c - 40) < 5,
  );
  const av = new Uint8Array(160 * 160).map((_, i) => (m.data[i] ? (i % 160 < 80 ? 1 : 2) : 0));
  const fundus = analyzeVessels(m, { spacingUm: 10, disc: { row: 80, col: 80, radiusPx: 8 }, arteryVein: av }).fingerprint;
  const skin = analyzeVessels(m, { spacingUm: 2.5, modality: 'skin' }).fingerprint;
  for (const g of FINGERPRINT_GROUPS) {
    const rec = g.modality === 'skin' ? skin : fundus;
    const listed = g.features.map((f) => f.key);
    const missing = listed.filter((k) => !(k in rec));
    assert.deepEqual(missing, [], `group ${g.id}: listed but not computed`);
  }
  const all = new Set(FINGERPRINT_FEATURES.map((f) => f.key));
  assert.deepEqual(
    [...Object.keys(fundus), ...Object.keys(skin)].filter((k) => !all.has(k)),
    [],
    'computed but not in the registry',
  );
  assert.equal('capillary_count' in fundus, false, 'skin group ran on a fundus image');
});

test('featureLabel(column) labels fingerprint, subject-level, radiomics and QC columns and keeps covariates raw', () => {
  assert.deepEqual(featureLabel('vascular.vessel_width_mean_um'), {
    label: 'Mean vessel width',
    unit: 'µm',
    text: 'Mean vessel width (µm)',
  });
  assert.deepEqual(featureLabel('vascular.tortuosity_arc_chord'), { label: 'Tortuosity (arc/chord)', text: 'Tortuosity (arc/chord)' });
  assert.equal(featureLabel('fundus.vessel_length_density_mm_per_mm2').text, 'Vessel length density, fundus (mm/mm²)');
  assert.equal(featureLabel('skin.capillary_density_per_mm2').text, 'Capillary density, skin (mm⁻²)');
  assert.equal(featureLabel('radiomics.vessels.glcm.contrast.BTW3').text, 'Grey level co-occurrence matrix: contrast (BTW3), vessels');
  assert.equal(
    featureLabel('radiomics.vessels.log_1_5.glcm.contrast.BTW3').text,
    'Grey level co-occurrence matrix: contrast (BTW3), vessels, log_1_5',
  );
  assert.equal(featureLabel('retina.crae_um').text, 'CRAE (µm)');
  assert.equal(featureLabel('retina.artery_tortuosity_zone_c').text, 'Tortuosity, arteries, zone C');
  assert.equal(featureLabel('fundus.crve_um').text, 'CRVE (Knudtson), fundus (µm)');
  assert.equal(featureLabel('retina.failure_reason').text, 'Retina block failure');
  const raw = featureDictionary()
    .filter((d) => featureLabel(d.name).text === d.name)
    .map((d) => d.name);
  assert.deepEqual(raw, [], 'dictionary columns without a label');
  assert.match(featureLabel('radiomics.background.stat.mean').text, /: mean, background$/);
  assert.equal(featureLabel('meta.pixel_spacing_um').unit, 'µm/px');
  assert.deepEqual(featureLabel('age'), { label: 'age', text: 'age' });
  assert.deepEqual(featureLabel('vascular.not_a_feature'), { label: 'vascular.not_a_feature', text: 'vascular.not_a_feature' });
});

test('featureLabel labels the skin video measures and the recruitment columns (per visit and subject-level skin.*) with display units', () => {
  assert.equal(featureLabel('capillaroscopy.capillary_density_per_mm2').text, 'Capillary density, skin video (mm⁻²)');
  assert.equal(featureLabel('capillaroscopy.nn_distance_um').text, 'Nearest-neighbour distance, skin video (µm)');
  assert.equal(featureLabel('capillaroscopy.perfused_fraction').text, 'Perfused fraction, skin video');
  assert.equal(featureLabel('skin.density_hyperaemia_per_mm2').text, 'Capillary density at peak hyperaemia, skin (mm⁻²)');
  assert.equal(featureLabel('skin.recruitment_hyperaemia_pct').text, 'Capillary recruitment at peak hyperaemia, skin (%)');
  assert.equal(featureLabel('recruitment.recruitment_congestion_per_mm2').text, 'Capillary recruitment in venous congestion (mm⁻²)');
  for (const k of Object.keys(recruitment({ baseline: 50, hyperaemia: 60, congestion: 70 }))) {
    assert.notEqual(featureLabel(`skin.${k}`).text, `skin.${k}`, `skin.${k} has no label`);
  }
});
