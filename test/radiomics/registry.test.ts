import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAMILIES, FEATURE_REGISTRY } from '../../src/radiomics/registry.js';
import { FAMILY_IDS } from '../../src/radiomics/types.js';
import { ref2d } from './phantom.js';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

test('FEATURE_REGISTRY: every feature has a doc, a 4-character IBSI code, a compute function and a reference or a reason', () => {
  const problems: string[] = [];
  for (const f of FEATURE_REGISTRY) {
    if (!(typeof f.doc === 'string' && f.doc.trim().length >= 5)) problems.push(`${f.id}: no doc`);
    if (!/^[0-9A-Z]{4}$/.test(f.ibsi)) problems.push(`${f.id}: IBSI code "${f.ibsi}" is not 4 characters`);
    if (typeof f.compute !== 'function') problems.push(`${f.id}: no compute`);
    const hasRef = typeof f.reference === 'string' && f.reference.length > 0;
    const hasReason = typeof f.noReferenceReason === 'string' && f.noReferenceReason.trim().length >= 10;
    if (hasRef === hasReason) problems.push(`${f.id}: needs exactly one of reference / noReferenceReason`);
  }
  assert.deepEqual(problems, []);
});

test('FEATURE_REGISTRY: ids are unique and families follow FAMILY_IDS', () => {
  const ids = FEATURE_REGISTRY.map((f) => f.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(
    FAMILIES.map((f) => f.family),
    [...FAMILY_IDS],
  );
  for (const fam of FAMILIES) for (const f of fam.features) assert.equal(f.family, fam.family, f.id);
});

test('FEATURE_REGISTRY: every reference tag names an official IBSI value with the same code and aggregation', () => {
  const official = new Map([...ref2d.features_2d, ...ref2d.whole_roi_features].map((r) => [r.mirp_csv_tag, r]));
  const problems: string[] = [];
  for (const f of FEATURE_REGISTRY) {
    if (!f.reference) continue;
    const r = official.get(f.reference);
    if (!r) {
      problems.push(`${f.id}: reference ${f.reference} is not in the IBSI table`);
      continue;
    }
    const code = r.specific_code ?? r.code;
    if (code !== f.ibsi) problems.push(`${f.id}: code ${f.ibsi}, IBSI table says ${code}`);
    const aggr = r.aggregation_code === 'DHQ4' ? null : r.aggregation_code;
    if (aggr !== f.aggregation) problems.push(`${f.id}: aggregation ${f.aggregation}, IBSI table says ${aggr}`);
  }
  assert.deepEqual(problems, []);
});

test('FEATURE_REGISTRY covers every official IBSI 2D and whole-ROI digital-phantom value', () => {
  const refs = new Set(FEATURE_REGISTRY.map((f) => f.reference));
  const missing = [...ref2d.features_2d, ...ref2d.whole_roi_features].map((r) => r.mirp_csv_tag).filter((t) => !refs.has(t));
  assert.deepEqual(missing, []);
});

test('docs/radiomics.md lists every registry feature under its family with its IBSI code', () => {
  const doc = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'radiomics.md'), 'utf8');
  const missing: string[] = [];
  for (const fam of FAMILIES) {
    const start = doc.indexOf(`(\`${fam.family}\`, IBSI family ${fam.ibsiFamily})`);
    if (start < 0) {
      missing.push(`section of ${fam.family}`);
      continue;
    }
    const end = doc.indexOf('\n### ', start);
    const section = doc.slice(start, end < 0 ? undefined : end);
    for (const f of fam.features) if (!section.includes(`| \`${f.name}\` | ${f.ibsi} |`)) missing.push(f.id);
  }
  assert.deepEqual(missing, []);
});
