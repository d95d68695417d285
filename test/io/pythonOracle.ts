/**
 * Runs `code` under Debian's /usr/bin/python3 (where numpy, Pillow, tifffile, scikit-image
 * live; test/helpers/python.ts) and returns its stdout. A test that needs missing modules fails
 * under CI (process.env.CI set) and skips with a message otherwise.
 */
import { PYTHON, pythonHas as has, runPython as run } from '../helpers/python.js';

export { PYTHON };

export function pythonHas(modules: string[]): boolean {
  return has(modules);
}

/** `t.skip`-style reason, or undefined when the oracle is usable; throws under CI when missing. */
export function oracleSkipReason(modules: string[]): string | undefined {
  if (has(modules)) return undefined;
  const msg = `${PYTHON} with ${modules.join(', ')} is not installed (apt-get install python3-numpy python3-pil python3-tifffile)`;
  if (process.env.CI) throw new Error(`${msg}; CI must install it`);
  return msg;
}

export function runPython(code: string, args: string[] = []): string {
  return run(['-c', code, ...args]).toString('utf8');
}
