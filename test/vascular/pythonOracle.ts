/**
 * Runs Debian's scikit-image / SciPy (under /usr/bin/python3) as an independent reference.
 * When the modules are missing the calling test fails under CI (CI installs them) and is
 * skipped with a message otherwise.
 */
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

const PY = '/usr/bin/python3';
let available: boolean | undefined;

/** True when /usr/bin/python3 can import numpy, scipy and skimage. */
export function oracleAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync(PY, ['-c', 'import numpy, scipy.ndimage, skimage.morphology'], { encoding: 'utf8' });
    available = r.status === 0;
  }
  return available;
}

/** Skips (locally) or fails (CI) a test when the oracle is missing; returns false when the test must stop. */
export function requireOracle(t: TestContext): boolean {
  if (oracleAvailable()) return true;
  const msg = 'scikit-image/SciPy under /usr/bin/python3 not installed (apt-get install python3-skimage python3-scipy)';
  if (process.env.CI) throw new Error(msg);
  t.skip(msg);
  return false;
}

/**
 * Runs a Python snippet that reads a uint8 mask of shape (h, w) from stdin into `m` and
 * writes raw bytes to stdout; returns stdout.
 */
export function runOracle(code: string, mask: { data: Uint8Array; width: number; height: number }): Buffer {
  const prelude = `import sys, numpy as np\nm = np.frombuffer(sys.stdin.buffer.read(), dtype=np.uint8).reshape(${mask.height}, ${mask.width})\n`;
  const r = spawnSync(PY, ['-c', prelude + code], { input: Buffer.from(mask.data.buffer, mask.data.byteOffset, mask.data.byteLength), maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python oracle failed: ${r.stderr.toString()}`);
  return r.stdout;
}
