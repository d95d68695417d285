/**
 * Independent oracle for the segmentation tests: runs a snippet under Debian's /usr/bin/python3
 * (numpy, scipy, scikit-learn, scikit-image) through test/helpers/python.ts. The snippet reads
 * `data` and sets `result`. Missing modules: the test FAILS under CI and is skipped locally.
 */
import type { TestContext } from 'node:test';
import { pythonHas as has, pythonJson, requirePython } from '../helpers/python.js';

/** True when `/usr/bin/python3 -c "import <modules>"` succeeds (modules comma-separated). */
export function pythonHas(modules: string): boolean {
  return has(modules);
}

/**
 * Returns the oracle's JSON result, or undefined after skipping the test.
 * @param optional when true the module is not one CI installs: skip (with a message) even under CI
 */
export function py<T>(t: TestContext, modules: string, code: string, data: unknown, optional = false): T | undefined {
  if (
    !requirePython(t, modules, `/usr/bin/python3 cannot import ${modules}: install the Debian package(s) to run this oracle test`, optional)
  )
    return undefined;
  return pythonJson<T>(code, data);
}

/** Asserts |a−b| ≤ tol element-wise, with a readable message. */
export function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  if (a.length !== b.length) throw new Error(`${what}: length ${a.length} vs ${b.length}`);
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= tol)) throw new Error(`${what}[${i}]: ${a[i]} vs reference ${b[i]} (diff ${d}, tol ${tol})`);
  }
}
