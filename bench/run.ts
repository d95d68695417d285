/**
 * Benchmark dispatcher: `npm run bench -- NAME [args]` runs `bench/NAME.ts`.
 * Each benchmark prints its timings and the ratio against its reference run side by side.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]\navailable: ${available.join(', ') || '(none yet)'}`);
  process.exit(name ? 2 : 0);
}
await import(pathToFileURL(join(here, `${name}.ts`)).href);
