#!/usr/bin/env node
// `npm run lint`: ESLint (typescript-eslint, type-aware; eslint.config.js) over the code, then
// Prettier (.prettierrc, .prettierignore) over the tree. Both cache under node_modules/.cache.
// Usage: npm run lint [-- --fix]   (--fix: eslint --fix, then prettier --write instead of --check)
// Note: ESLint's cache is keyed on each file's own content, so a type change in another file can
// leave a cached result stale; `rm -rf node_modules/.cache/eslint` forces a full run (CI starts clean).
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fix = process.argv.includes('--fix');
const ESLINT_PATHS = ['src', 'test', 'bench', 'scripts', 'bin', 'eslint.config.js'];

function step(name, bin, args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', bin), ...args], { cwd: ROOT, stdio: 'inherit' });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.error(`lint: ${name} ${r.status === 0 ? 'passed' : 'FAILED'} in ${s} s`);
  return r.status === 0;
}

const cache = (tool) => ['--cache', '--cache-location', join(ROOT, 'node_modules', '.cache', tool)];
const eslintOk = step('eslint', 'eslint/bin/eslint.js', [...ESLINT_PATHS, ...cache('eslint'), ...(fix ? ['--fix'] : [])]);
const prettierOk = step('prettier', 'prettier/bin/prettier.cjs', [fix ? '--write' : '--check', '.', '--cache']);
if (!eslintOk || !prettierOk) {
  console.error('lint: fix with `npm run lint -- --fix` (autofixable rules and formatting); see docs/code-style.md');
  process.exit(1);
}
