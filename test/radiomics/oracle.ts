/** Runs a Python snippet under Debian's /usr/bin/python3 (scikit-image, PyWavelets) as an independent oracle. */
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/** Runs `code` (reads JSON from stdin, prints JSON); `undefined` (test skipped) when the module is missing outside CI. */
export function python<T>(t: TestContext, modules: string[], code: string, input: unknown): T | undefined {
  const probe = spawnSync('/usr/bin/python3', ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' });
  if (probe.status !== 0) {
    const msg = `oracle /usr/bin/python3 with ${modules.join(', ')} is not available (${(probe.stderr || String(probe.error)).trim().split('\n').pop()})`;
    if (process.env.CI) throw new Error(msg);
    t.skip(msg);
    return undefined;
  }
  const r = spawnSync('/usr/bin/python3', ['-c', code], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python oracle failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
