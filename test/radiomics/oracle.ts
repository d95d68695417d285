/** Runs a Python snippet under Debian's /usr/bin/python3 (scikit-image, PyWavelets) as an independent oracle. */
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

const cache = new Map<string, unknown>();

/**
 * Runs `code` (reads JSON from stdin, prints JSON) once per (code, input) and caches the answer.
 * When Python or a module is missing: the test fails under `CI`, else it is skipped with the reason
 * and `undefined` is returned.
 */
export function python<T>(t: TestContext, code: string, input: unknown): T | undefined {
  const stdin = JSON.stringify(input);
  const key = `${code}\n${stdin}`;
  if (cache.has(key)) return cache.get(key) as T;
  const r = spawnSync('/usr/bin/python3', ['-c', code], { input: stdin, encoding: 'utf8', maxBuffer: 1 << 28 });
  const missing = r.error !== undefined || /ModuleNotFoundError|ImportError/.test(r.stderr ?? '');
  if (missing) {
    const msg = `oracle /usr/bin/python3 is not available: ${(r.stderr || String(r.error)).trim().split('\n').pop()}`;
    if (process.env.CI) throw new Error(msg);
    t.skip(msg);
    return undefined;
  }
  if (r.status !== 0) throw new Error(`python oracle failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as T;
  cache.set(key, out);
  return out;
}
