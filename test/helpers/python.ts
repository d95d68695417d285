/**
 * The one way tests use Debian's /usr/bin/python3 (numpy, SciPy, scikit-image, scikit-learn,
 * statsmodels, Pillow, tifffile, PyWavelets, torch) as an independent oracle. A test whose modules
 * are missing FAILS under CI (which installs them) and is skipped with a message elsewhere.
 * The area helpers (test/<area>/pyOracle.ts …) are thin wrappers over these functions.
 */
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

export const PYTHON = '/usr/bin/python3';
const importable = new Map<string, boolean>();

/** True when `/usr/bin/python3 -c "import …"` succeeds for every module (cached per process). */
export function pythonHas(modules: string | readonly string[]): boolean {
  const list =
    typeof modules === 'string'
      ? modules
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean)
      : [...modules];
  const key = list.join(',');
  let ok = importable.get(key);
  if (ok === undefined) {
    ok = spawnSync(PYTHON, ['-c', list.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' }).status === 0;
    importable.set(key, ok);
  }
  return ok;
}

/**
 * Stops a test cleanly when the modules are missing: throws under CI (unless `optional`: a module CI
 * does not install), else `t.skip(message)` and returns false.
 */
export function requirePython(t: TestContext, modules: string | readonly string[], message: string, optional = false): boolean {
  if (pythonHas(modules)) return true;
  if (process.env.CI && !optional) throw new Error(`${message} (required in CI)`);
  t.skip(message);
  return false;
}

/** Runs /usr/bin/python3 with `args` (and optional stdin); returns stdout, throws with stderr on failure. */
export function runPython(args: readonly string[], input?: string | Uint8Array): Buffer {
  const r = spawnSync(PYTHON, [...args], { ...(input !== undefined ? { input } : {}), maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python oracle failed:\n${r.stderr?.toString() ?? String(r.error)}`);
  return r.stdout;
}

/**
 * JSON in, JSON out: the snippet reads `data` (parsed from stdin, numpy imported as np, warnings off)
 * and assigns `result`, which is printed as JSON and parsed back.
 */
export function pythonJson<T>(code: string, data: unknown): T {
  const script = `import json, sys, warnings\nwarnings.filterwarnings('ignore')\nimport numpy as np\ndata = json.load(sys.stdin)\n${code}\nprint(json.dumps(result))`;
  const out = runPython(['-c', script], JSON.stringify(data)).toString('utf8');
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}
