#!/usr/bin/env node
// Builds dist/ (compiled JavaScript + declarations) from src/ and tells whether dist/ is current.
// Used by `npm run build`, by `prepare` (so `npm ci` leaves a built package), by bin/vesselprint.mjs
// (which rebuilds a stale dist/ before running, so developers editing src/ never run old code) and by
// scripts/run-tests.mjs (one build before test files spawn the CLI in parallel).
//
// Freshness: dist/.build-stamp.json records the newest modification time and the number of the
// build inputs (every file and folder under src/, package.json, tsconfig.json, tsconfig.build.json);
// dist/ is stale when either differs (an edit, a new file, a deletion).
// Atomicity: tsc writes into dist.tmp-PID, the assets and the stamp follow, then the folder replaces
// dist/ by rename; a lock folder (dist.lock) keeps concurrent builds apart.
//
// Usage: node scripts/build.mjs [--if-stale] [--quiet] [--warn-only]
// --warn-only: exit 0 even when dist/ could not be built (prepare: the CLI then runs the sources via tsx).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = '.build-stamp.json';
/**
 * The compiler that builds dist/: TypeScript 7 (the native port, ~1 s) installed under the npm alias
 * `typescript7`. The plain `typescript` package is 5.9 because typescript-eslint's type-aware lint
 * needs its compiler API, which TypeScript 7 does not ship (see docs/code-style.md).
 */
export const TSC = ['node_modules', 'typescript7', 'bin', 'tsc'];
/** Non-TypeScript files the library needs at run time, copied from src/ into dist/. */
const ASSETS = ['segment/unet/pretrained', 'pipeline/tsWorkerBootstrap.mjs'];

/** Newest mtime (ms) and count of the build inputs under `root`. */
export function buildInputs(root = ROOT) {
  let newest = 0;
  let count = 0;
  const see = (p) => {
    const s = statSync(p);
    newest = Math.max(newest, s.mtimeMs);
    count++;
    if (s.isDirectory()) for (const name of readdirSync(p)) see(join(p, name));
  };
  see(join(root, 'src'));
  for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) if (existsSync(join(root, f))) see(join(root, f));
  return { newestMtimeMs: newest, count };
}

/** True when dist/ was built from the current src/ (see the stamp above). */
export function isDistFresh(root = ROOT) {
  const stampPath = join(root, 'dist', STAMP);
  if (!existsSync(stampPath) || !existsSync(join(root, 'dist', 'cli', 'main.js'))) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
    const now = buildInputs(root);
    return stamp.newestMtimeMs === now.newestMtimeMs && stamp.count === now.count;
  } catch {
    return false;
  }
}

/** True when this checkout can build (src/, tsconfig.build.json and the TypeScript compiler are present). */
export function canBuild(root = ROOT) {
  return existsSync(join(root, 'src')) && existsSync(join(root, 'tsconfig.build.json')) && existsSync(join(root, ...TSC));
}

/**
 * Builds dist/ atomically. Resolves to { built, typeErrors, output }: built is false when another
 * process holds the lock (it is building) or tsc produced no dist/cli/main.js. tsc still emits
 * JavaScript when it reports type errors; those are reported (typeErrors) but do not stop the build
 * (`npm run typecheck` is the gate for them).
 */
export function buildDist(root = ROOT) {
  const lock = join(root, 'dist.lock');
  try {
    mkdirSync(lock);
  } catch {
    // A lock older than 10 minutes belongs to a build that died: take it over.
    try {
      if (Date.now() - statSync(lock).mtimeMs < 600_000)
        return { built: false, typeErrors: false, output: 'another build holds dist.lock' };
      rmSync(lock, { recursive: true, force: true });
      mkdirSync(lock);
    } catch {
      return { built: false, typeErrors: false, output: 'another build holds dist.lock' };
    }
  }
  const tmp = join(root, `dist.tmp-${process.pid}`);
  const old = join(root, `dist.old-${process.pid}`);
  try {
    const inputs = buildInputs(root);
    rmSync(tmp, { recursive: true, force: true });
    const r = spawnSync(process.execPath, [join(root, ...TSC), '-p', join(root, 'tsconfig.build.json'), '--outDir', tmp], {
      cwd: root,
      encoding: 'utf8',
    });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (!existsSync(join(tmp, 'cli', 'main.js'))) {
      rmSync(tmp, { recursive: true, force: true });
      return { built: false, typeErrors: r.status !== 0, output };
    }
    for (const a of ASSETS) if (existsSync(join(root, 'src', a))) cpSync(join(root, 'src', a), join(tmp, a), { recursive: true });
    writeFileSync(join(tmp, STAMP), `${JSON.stringify(inputs)}\n`);
    if (existsSync(join(root, 'dist'))) renameSync(join(root, 'dist'), old);
    renameSync(tmp, join(root, 'dist'));
    rmSync(old, { recursive: true, force: true });
    return { built: true, typeErrors: r.status !== 0, output };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const quiet = args.includes('--quiet');
  const failCode = args.includes('--warn-only') ? 0 : 1;
  if (args.includes('--if-stale') && isDistFresh()) process.exit(0);
  if (!canBuild()) {
    console.error('build: cannot build here (needs src/, tsconfig.build.json and node_modules/typescript7; run npm ci)');
    process.exit(failCode === 0 ? 0 : 2);
  }
  const r = buildDist();
  if (!quiet || !r.built) process.stderr.write(r.output);
  if (!r.built) {
    console.error(
      `build: dist/ was not written (${r.output.includes('dist.lock') ? 'another build is running' : 'see the compiler output above'})`,
    );
    process.exit(failCode);
  }
  if (r.typeErrors)
    console.error('build: WARNING: the compiler reported type errors (above); dist/ was written anyway, run npm run typecheck');
  else if (!quiet) console.log('build: dist/ is up to date');
}
