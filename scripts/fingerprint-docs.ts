// Regenerates the feature tables of docs/fingerprint.md from the fingerprint registry.
// Usage: node --import tsx scripts/fingerprint-docs.ts
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../src/core/atomicWrite.js';
import { fingerprintRegistryMarkdown, REGISTRY_DOC_MARKERS } from '../src/vascular/registryMarkdown.js';

const path = 'docs/fingerprint.md';
const doc = readFileSync(path, 'utf8');
const [begin, end] = REGISTRY_DOC_MARKERS;
const a = doc.indexOf(begin),
  b = doc.indexOf(end);
if (a < 0 || b < a) throw new Error(`${path}: markers ${begin} … ${end} not found`);
writeFileAtomic(path, `${doc.slice(0, a + begin.length)}\n\n${fingerprintRegistryMarkdown()}\n${doc.slice(b)}`);
console.log(`${path}: registry tables regenerated`);
