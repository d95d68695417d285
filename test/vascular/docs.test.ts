import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { computeFingerprint } from '../../src/vascular/fingerprint.js';
import { fingerprintRegistryMarkdown, REGISTRY_DOC_MARKERS } from '../../src/vascular/registryMarkdown.js';
import { maskFrom } from './shapes.js';

test('docs/fingerprint.md holds the feature tables generated from the registry (regenerate with scripts/fingerprint-docs.ts)', () => {
  const doc = readFileSync('docs/fingerprint.md', 'utf8');
  const [begin, end] = REGISTRY_DOC_MARKERS;
  const a = doc.indexOf(begin),
    b = doc.indexOf(end);
  assert.ok(a >= 0 && b > a, 'registry markers missing in docs/fingerprint.md');
  assert.equal(doc.slice(a + begin.length, b).trim(), fingerprintRegistryMarkdown().trim());
});

test('every key computeFingerprint returns is documented in docs/fingerprint.md', () => {
  const doc = readFileSync('docs/fingerprint.md', 'utf8');
  const m = maskFrom(120, 120, (r, c) => Math.abs(r - 60) < 3 || Math.abs(c - 60) < 3 || Math.hypot(r - 20, c - 20) < 5);
  const av = new Uint8Array(120 * 120).map((_, i) => (m.data[i] ? (i % 120 < 60 ? 1 : 2) : 0));
  const keys = new Set<string>();
  for (const modality of ['fundus', 'skin'] as const) {
    for (const k of Object.keys(
      computeFingerprint(m, { spacingUm: 10, modality, disc: { row: 60, col: 60, radiusPx: 10 }, arteryVein: av }),
    ))
      keys.add(k);
  }
  assert.deepEqual(
    [...keys].filter((k) => !doc.includes(`\`${k}\``)),
    [],
  );
});
