#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's built-in test runner (through tsx).
// Usage: node scripts/run-tests.mjs [substring ...]   (filters test files by path)
import { existsSync, readdirSync, statSync } from 'node:fs';
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
const files = walk('test')
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
// Tests spawn bin/vesselprint.mjs in parallel: bring dist/ up to date once, before they start.
spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', '--quiet', '--warn-only'], { stdio: 'inherit' });
// Guard: tests must never write into the working tree's MLflow store (./mlruns). Every file
// below it (path, size, mtime) is listed before and after; any change fails the run.
function snapshot(dir) {
  if (!existsSync(dir)) return new Map();
  const out = new Map();
  const visit = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) visit(p);
      else out.set(p, `${st.size}:${st.mtimeMs}`);
    }
  };
  visit(dir);
  return out;
}
const before = snapshot('mlruns');
const conc = process.env.TEST_CONCURRENCY ?? '2';
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${conc}`, ...files], { stdio: 'inherit' });
const after = snapshot('mlruns');
const changed = [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p)).sort();
if (changed.length > 0) {
  console.error(
    `run-tests: the tests wrote into the working tree's ./mlruns (${changed.length} files changed), e.g.\n  ${changed.slice(0, 5).join('\n  ')}\nA test that logs runs must set MLFLOW_TRACKING_URI (or pass a store) to a temporary folder.`,
  );
  process.exit(1);
}
process.exit(r.status ?? 1);
