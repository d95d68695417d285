/**
 * Gate for tests on the webgpu backend, on the convention of `test/helpers/python.ts`: without a
 * WebGPU adapter a test is skipped with the reason; under CI (`CI` set), which installs Mesa 25's
 * software Vulkan driver (`.ci/run`), it fails instead.
 */
import type { TestContext } from 'node:test';
import { probeWebgpuAdapter, formatAdapter, type WebgpuAdapterProbe } from '../../src/backend/webgpuAdapter.js';

let probe: Promise<WebgpuAdapterProbe> | undefined;

/** The adapter line when the webgpu route can run here; else skips `t` (or throws under CI) and returns undefined. */
export async function requireWebgpu(t: TestContext): Promise<string | undefined> {
  probe ??= probeWebgpuAdapter();
  const p = await probe;
  if (p.ok) return formatAdapter(p.adapter);
  const message = `webgpu backend not available: ${p.reason}`;
  if (process.env['CI']) throw new Error(`${message} (required in CI: .ci/run installs mesa-vulkan-drivers from bookworm-backports)`);
  t.skip(message);
  return undefined;
}
