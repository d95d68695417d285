import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featureDictionary } from '../../src/pipeline/dictionary.js';
import { computeFingerprint } from '../../src/vascular/fingerprint.js';
import { maskFrom } from '../vascular/shapes.js';

test('featureDictionary() gives every fingerprint column of an extracted table a unit and a definition', () => {
  const dict = new Map(featureDictionary().map((d) => [d.name, d]));
  const m = maskFrom(120, 120, (r, c) => Math.abs(r - 60) < 3 || Math.abs(c - 60) < 3 || Math.hypot(r - 20, c - 20) < 5);
  const av = new Uint8Array(120 * 120).map((_, i) => (m.data[i] ? (i % 120 < 60 ? 1 : 2) : 0));
  const columns = new Set<string>();
  for (const modality of ['fundus', 'skin'] as const) {
    const f = computeFingerprint(m, { spacingUm: 10, modality, disc: { row: 60, col: 60, radiusPx: 10 }, arteryVein: av });
    for (const k of Object.keys(f)) columns.add(`vascular.${k}`);
  }
  const bad = [...columns].filter((c) => {
    const d = dict.get(c);
    return !d || d.unit === '' || d.definition === '' || /covariate or metadata/.test(d.definition);
  });
  assert.deepEqual(bad, [], `columns without unit + definition: ${bad.join(', ')}`);
});
