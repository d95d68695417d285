/**
 * Independent oracle for the segmentation tests: runs a snippet under Debian's /usr/bin/python3
 * (numpy, scipy, scikit-learn, scikit-image). The snippet reads `data` (JSON from stdin) and sets
 * `result`. Missing modules: the test FAILS under CI and is skipped with a message locally.
 */
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

const PY = '/usr/bin/python3';
const cache = new Map<string, boolean>();

/** True when `/usr/bin/python3 -c "import <modules>"` succeeds. */
export function pythonHas(modules: string): boolean {
  let ok = cache.get(modules);
  if (ok === undefined) {
    ok = spawnSync(PY, ['-c', `import ${modules}`], { encoding: 'utf8' }).status === 0;
    cache.set(modules, ok);
  }
  return ok;
}

/**
 * Returns the oracle's JSON result, or undefined after skipping the test.
 * @param optional when true the module is not one CI installs: skip (with a message) even under CI
 */
export function py<T>(t: TestContext, modules: string, code: string, data: unknown, optional = false): T | undefined {
  if (!pythonHas(modules)) {
    const msg = `/usr/bin/python3 cannot import ${modules}: install the Debian package(s) to run this oracle test`;
    if (process.env.CI && !optional) throw new Error(`${msg} (required in CI)`);
    t.skip(msg);
    return undefined;
  }
  const script = `import json, sys, warnings\nwarnings.filterwarnings('ignore')\nimport numpy as np\ndata = json.load(sys.stdin)\n${code}\nprint(json.dumps(result))`;
  const r = spawnSync(PY, ['-c', script], { input: JSON.stringify(data), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python oracle failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

/** Asserts |a−b| ≤ tol element-wise, with a readable message. */
export function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  if (a.length !== b.length) throw new Error(`${what}: length ${a.length} vs ${b.length}`);
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= tol)) throw new Error(`${what}[${i}]: ${a[i]} vs reference ${b[i]} (diff ${d}, tol ${tol})`);
  }
}
