/**
 * Runs a Python snippet under Debian's /usr/bin/python3 (scikit-learn, statsmodels, scipy) as an
 * independent oracle. The snippet reads `data` (parsed JSON from stdin) and assigns `result`.
 * When the modules are missing the test fails under CI and is skipped (with a message) locally.
 */
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

const PY = '/usr/bin/python3';

let available: boolean | undefined;
export function pythonAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync(PY, ['-c', 'import sklearn, statsmodels, scipy, numpy'], { encoding: 'utf8' });
    available = r.status === 0;
  }
  return available;
}

/** Returns the oracle's JSON result, or undefined after skipping the test (never under CI). */
export function py<T>(t: TestContext, code: string, data: unknown): T | undefined {
  if (!pythonAvailable()) {
    if (process.env.CI) throw new Error('python3-sklearn/python3-statsmodels are not importable under /usr/bin/python3 (required in CI)');
    t.skip('python3-sklearn/python3-statsmodels missing under /usr/bin/python3: install them to run this oracle test');
    return undefined;
  }
  const script = `import json, sys, warnings\nwarnings.filterwarnings('ignore')\nimport numpy as np\ndata = json.load(sys.stdin)\n${code}\nprint(json.dumps(result))`;
  const r = spawnSync(PY, ['-c', script], { input: JSON.stringify(data), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python oracle failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

/** Asserts |a−b| ≤ tol·max(1, |b|) element-wise, with a readable message. */
export function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  if (a.length !== b.length) throw new Error(`${what}: length ${a.length} vs ${b.length}`);
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= tol * Math.max(1, Math.abs(b[i]!)))) throw new Error(`${what}[${i}]: ${a[i]} vs reference ${b[i]} (diff ${d}, tol ${tol})`);
  }
}
