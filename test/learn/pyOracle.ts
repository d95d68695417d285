/**
 * Runs a Python snippet under Debian's /usr/bin/python3 (scikit-learn, statsmodels, scipy) as an
 * independent oracle (test/helpers/python.ts). The snippet reads `data` and assigns `result`.
 * When the modules are missing the test fails under CI and is skipped (with a message) locally.
 */
import type { TestContext } from 'node:test';
import { pythonHas, pythonJson, requirePython } from '../helpers/python.js';

const MODULES = ['sklearn', 'statsmodels', 'scipy', 'numpy'];

export function pythonAvailable(): boolean {
  return pythonHas(MODULES);
}

/** Returns the oracle's JSON result, or undefined after skipping the test (never under CI). */
export function py<T>(t: TestContext, code: string, data: unknown): T | undefined {
  if (
    !requirePython(t, MODULES, 'python3-sklearn/python3-statsmodels missing under /usr/bin/python3: install them to run this oracle test')
  )
    return undefined;
  return pythonJson<T>(code, data);
}

/** Asserts |a−b| ≤ tol·max(1, |b|) element-wise, with a readable message. */
export function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  if (a.length !== b.length) throw new Error(`${what}: length ${a.length} vs ${b.length}`);
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= tol * Math.max(1, Math.abs(b[i]!)))) throw new Error(`${what}[${i}]: ${a[i]} vs reference ${b[i]} (diff ${d}, tol ${tol})`);
  }
}
