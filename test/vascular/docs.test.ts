import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { computeFingerprint } from '../../src/vascular/fingerprint.js';
import { maskFrom } from './shapes.js';

test('every key computeFingerprint returns is documented in docs/fingerprint.md', () => {
  const doc = readFileSync('docs/fingerprint.md', 'utf8');
  const m = maskFrom(120, 120, (r, c) => Math.abs(r - 60) < 3 || Math.abs(c - 60) < 3 || Math.hypot(r - 20, c - 20) < 5);
  const keys = new Set<string>();
  for (const modality of ['fundus', 'skin'] as const) {
    for (const k of Object.keys(computeFingerprint(m, { spacingUm: 10, modality, disc: { row: 60, col: 60, radiusPx: 10 } }))) keys.add(k);
  }
  const missing = [...keys].filter((k) => {
    const regional = /^(quadrant_(upper|lower)_(left|right)|zone_b)_(.+)$/.exec(k);
    return regional ? !doc.includes(`\`P_${regional[4]}\``) : !doc.includes(`\`${k}\``);
  });
  assert.deepEqual(missing, []);
});
