/**
 * Runs Debian's scikit-image / SciPy (under /usr/bin/python3, test/helpers/python.ts) as an
 * independent reference. When the modules are missing the calling test fails under CI (CI
 * installs them) and is skipped with a message otherwise.
 */
import type { TestContext } from 'node:test';
import { pythonHas, requirePython, runPython } from '../helpers/python.js';

const MODULES = ['numpy', 'scipy.ndimage', 'skimage.morphology'];

/** True when /usr/bin/python3 can import numpy, scipy and skimage. */
export function oracleAvailable(): boolean {
  return pythonHas(MODULES);
}

/** Skips (locally) or fails (CI) a test when the oracle is missing; returns false when the test must stop. */
export function requireOracle(t: TestContext): boolean {
  return requirePython(
    t,
    MODULES,
    'scikit-image/SciPy under /usr/bin/python3 not installed (apt-get install python3-skimage python3-scipy)',
  );
}

/**
 * Runs a Python snippet that reads a uint8 mask of shape (h, w) from stdin into `m` and
 * writes raw bytes to stdout; returns stdout.
 */
export function runOracle(code: string, mask: { data: Uint8Array; width: number; height: number }): Buffer {
  const prelude = `import sys, numpy as np\nm = np.frombuffer(sys.stdin.buffer.read(), dtype=np.uint8).reshape(${mask.height}, ${mask.width})\n`;
  return runPython(['-c', prelude + code], new Uint8Array(mask.data.buffer, mask.data.byteOffset, mask.data.byteLength));
}
