/**
 * The backend section of `vesselprint doctor`: which tfjs backends are installed, which one is
 * active and why, as data and as text.
 */
import { selectBackend, type SelectBackendOptions } from './selectBackend.js';
import type { BackendReport } from './types.js';

/** Report plus the human-readable lines `doctor` prints. */
export interface BackendDescription extends BackendReport {
  /** One line per backend, then a line naming the active one. */
  lines: string[];
}

/**
 * Selects the backend (if not already done) and describes every candidate.
 *
 * @example
 * const d = await describeBackends();
 * d.lines.join('\n');
 * // tensorflow-gpu  not installed (@tensorflow/tfjs-node-gpu)
 * // ...
 * // wasm            active: XNNPACK wasm (SIMD, 1 thread in Node) with vesselprint kernels: ...
 * // active backend: wasm (chosen by auto)
 */
export async function describeBackends(options: SelectBackendOptions = {}): Promise<BackendDescription> {
  const r = await selectBackend(options);
  const lines = r.probes.map((p) => {
    const state =
      p.name === r.activeName ? 'active' : !p.installed ? 'not installed' : p.working ? 'working' : p.skipped ? 'installed' : 'unusable';
    const why = p.installed ? p.reason : `(${p.packages.join(' + ')})`;
    return `${p.name.padEnd(15)} ${state}${why ? `: ${why}` : ''}`;
  });
  lines.push(`active backend: ${r.activeName} (tfjs ${r.tfjsVersion}, chosen by ${r.chosenBy})`);
  return { ...r, lines };
}
