#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's built-in test runner (through tsx).
// Usage: node scripts/run-tests.mjs [substring ...]   (filters test files by path)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'fixtures' || name === 'node_modules') continue;
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const filters = process.argv.slice(2);
const files = walk('test').filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
// Tests spawn bin/vesselprint.mjs in parallel: bring dist/ up to date once, before they start.
spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', '--quiet', '--warn-only'], { stdio: 'inherit' });
const conc = process.env.TEST_CONCURRENCY ?? '2';
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${conc}`, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
