import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * SHA-256 over every source file of the running vesselprint (`src/**.ts` or `dist/**.js`, names
 * and bytes, sorted): the "code version" part of the extraction cache key. Any change to any
 * feature's code invalidates cached results, even without a version bump. Computed once per process.
 */
export function codeHash(): string {
  if (cached) return cached;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|js|mjs|json)$/.test(n) && !n.endsWith('.d.ts') && !n.endsWith('.map')) files.push(p);
    }
  };
  walk(root);
  const h = createHash('sha256');
  for (const f of files) {
    h.update(relative(root, f));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  cached = h.digest('hex');
  return cached;
}
