import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeAdapterInfo, formatAdapter, probeWebgpuAdapter } from '../../src/backend/webgpuAdapter.js';
import { selectBackend } from '../../src/backend/selectBackend.js';

test('describeAdapterInfo() calls Mesa llvmpipe, SwiftShader and fallback adapters software, and vendor GPUs hardware', () => {
  assert.equal(
    describeAdapterInfo({ vendor: 'mesa', architecture: 'software', device: 'llvmpipe-llvm-15-0-6-256-bits-', isFallbackAdapter: true })
      .software,
    true,
  );
  assert.equal(describeAdapterInfo({ vendor: 'google', architecture: '', device: 'SwiftShader Device (Subzero)' }).software, true);
  assert.equal(describeAdapterInfo({ vendor: 'nvidia', architecture: 'hopper', device: '' }, true).software, true);
  const nv = describeAdapterInfo({ vendor: 'nvidia', architecture: 'hopper', device: 'NVIDIA H200', description: 'NVIDIA: 550.54' });
  assert.deepEqual(nv, { vendor: 'nvidia', architecture: 'hopper', device: 'NVIDIA H200', description: 'NVIDIA: 550.54', software: false });
  assert.match(formatAdapter(nv), /^nvidia \/ hopper \/ NVIDIA H200 \(hardware GPU; NVIDIA: 550\.54\)$/);
  assert.equal(
    describeAdapterInfo({ vendor: 'amd', architecture: 'rdna-3', device: 'AMD Radeon RX 7900 XTX (RADV NAVI31)' }).software,
    false,
  );
});

test('selectBackend() in auto mode skips a software WebGPU adapter with the reason, takes a hardware one, and reports a missing one', async () => {
  const saved = process.env['VESSELPRINT_BACKEND'];
  delete process.env['VESSELPRINT_BACKEND'];
  try {
    const probe = await probeWebgpuAdapter();
    const r = await selectBackend();
    const webgpu = r.probes.find((p) => p.name === 'webgpu')!;
    if (!probe.ok) {
      assert.equal(webgpu.working, false);
      assert.equal(webgpu.reason, probe.reason);
    } else if (probe.adapter.software) {
      assert.equal(webgpu.skipped, true);
      assert.match(webgpu.reason, /software adapter .*slower than wasm; VESSELPRINT_BACKEND=webgpu uses it/);
      assert.deepEqual(webgpu.adapter, probe.adapter);
      assert.notEqual(r.activeName, 'webgpu');
    } else {
      assert.equal(r.activeName, r.probes.find((p) => p.name === 'tensorflow-gpu')!.working ? 'tensorflow-gpu' : 'webgpu');
    }
  } finally {
    if (saved !== undefined) process.env['VESSELPRINT_BACKEND'] = saved;
  }
});
