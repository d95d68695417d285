import { spawnSync } from 'node:child_process';

/**
 * Runs `code` under Debian's /usr/bin/python3 (where numpy, Pillow, tifffile, scikit-image
 * live) and returns its stdout. `available(modules)` tells whether they import; a test that
 * needs them fails under CI (process.env.CI set) and skips with a message otherwise.
 */
export const PYTHON = '/usr/bin/python3';

export function pythonHas(modules: string[]): boolean {
  const r = spawnSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' });
  return r.status === 0;
}

/** `t.skip`-style reason, or undefined when the oracle is usable; throws under CI when missing. */
export function oracleSkipReason(modules: string[]): string | undefined {
  if (pythonHas(modules)) return undefined;
  const msg = `${PYTHON} with ${modules.join(', ')} is not installed (apt-get install python3-numpy python3-pil python3-tifffile)`;
  if (process.env.CI) throw new Error(`${msg}; CI must install it`);
  return msg;
}

export function runPython(code: string, args: string[] = []): string {
  const r = spawnSync(PYTHON, ['-c', code, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python oracle failed: ${r.stderr}`);
  return r.stdout;
}
