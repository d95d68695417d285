import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * SHA-256 over every source file of the running vesselprint (`src/**.ts`, names and bytes,
 * sorted; `dist/**.js` only for an installed package without `src/`): the "code version" part of
 * the extraction cache key. Any change to any feature's code invalidates cached results, even
 * without a version bump. The compiled CLI (dist/, rebuilt whenever src/ changes, see
 * scripts/build.mjs) and the sources run through tsx hash the same files, so their caches are
 * shared. Computed once per process.
 */
export function codeHash(): string {
  if (cached) return cached;
  const running = join(dirname(fileURLToPath(import.meta.url)), '..');
  const sources = join(running, '..', 'src');
  const root = existsSync(join(sources, 'pipeline', 'codeHash.ts')) ? sources : running;
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
