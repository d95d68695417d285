/**
 * Chooses the fastest installed and working tfjs backend:
 * tfjs-node-gpu (CUDA) → webgpu (Dawn via the `webgpu` npm package) → tfjs-node (libtensorflow
 * CPU) → wasm (XNNPACK, with vesselprint's training kernels) → cpu (pure JS).
 *
 * Native packages are optional: they are imported dynamically inside `try`, so a machine without
 * them still runs. Each candidate must initialise and run a small convolution with its gradient
 * before it is accepted ("working"); a failure is recorded in words and the next one is tried.
 *
 * webgpu: `auto` accepts a hardware adapter only. A software adapter (Mesa lavapipe) is slower
 * than wasm, so it is used only when asked for by name (`VESSELPRINT_BACKEND=webgpu` or
 * `{ backend: 'webgpu' }`) — how CI tests the GPU code path on a GPU-less machine.
 */
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { VesselprintError, oneOf } from '../core/errors.js';
import { registerWasmTrainingKernels } from './wasmKernels/register.js';
import { formatAdapter, probeWebgpuAdapter } from './webgpuAdapter.js';
import { fixResizeNearestNeighborGrad } from './resizeNearestNeighborGrad.js';
import { BACKEND_NAMES, type BackendChoice, type BackendName, type BackendProbe, type BackendReport } from './types.js';

export interface SelectBackendOptions {
  /** `auto` (default) or one backend; the env variable `VESSELPRINT_BACKEND` overrides `auto`. */
  backend?: BackendChoice;
  /** Keep tfjs' console notices (the "speed things up" banner); default false (sets tfjs `PROD`). */
  verboseTf?: boolean;
}

const PACKAGES: Record<BackendName, string[]> = {
  'tensorflow-gpu': ['@tensorflow/tfjs-node-gpu'],
  webgpu: ['@tensorflow/tfjs-backend-webgpu', 'webgpu'],
  tensorflow: ['@tensorflow/tfjs-node'],
  wasm: ['@tensorflow/tfjs-backend-wasm'],
  cpu: ['@tensorflow/tfjs (built in)'],
};
const TF_NAME: Record<BackendName, string> = {
  'tensorflow-gpu': 'tensorflow',
  webgpu: 'webgpu',
  tensorflow: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

let current: BackendReport | undefined;
let pending: Promise<BackendReport> | undefined;

/**
 * Selects and activates a tfjs backend (once per process; later calls return the same report
 * unless a different explicit backend is asked for).
 *
 * @throws VesselprintError BACKEND when an explicitly requested backend is not installed or fails.
 * @example
 * const r = await selectBackend();
 * r.activeName; // 'wasm' on a machine without tfjs-node
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendReport> {
  const envChoice = process.env['VESSELPRINT_BACKEND'];
  let choice: BackendChoice = options.backend ?? 'auto';
  let chosenBy = options.backend !== undefined && options.backend !== 'auto' ? 'option' : 'auto';
  if (choice === 'auto' && envChoice !== undefined && envChoice !== '') {
    choice = oneOf('VESSELPRINT_BACKEND', envChoice, ['auto', ...BACKEND_NAMES] as const);
    if (choice !== 'auto') chosenBy = 'env VESSELPRINT_BACKEND';
  }
  if (current !== undefined && (choice === 'auto' || choice === current.activeName)) return current;
  if (pending !== undefined) return pending;
  pending = doSelect(choice, chosenBy, options.verboseTf === true).finally(() => {
    pending = undefined;
  });
  current = await pending;
  return current;
}

/** The report of the last {@link selectBackend}, or undefined before any. */
export function currentBackend(): BackendReport | undefined {
  return current;
}

async function doSelect(choice: BackendChoice, chosenBy: string, verboseTf: boolean): Promise<BackendReport> {
  if (!verboseTf) tf.env().set('PROD', true);
  const probes: BackendProbe[] = [];
  let wasmKernels: BackendReport['wasmKernels'];
  let winner: BackendName | undefined;
  for (const name of BACKEND_NAMES) {
    const probe: BackendProbe = {
      name,
      packages: PACKAGES[name],
      installed: false,
      working: false,
      skipped: false,
      reason: '',
      gpu: name === 'tensorflow-gpu' || name === 'webgpu',
    };
    probes.push(probe);
    if (winner !== undefined || (choice !== 'auto' && choice !== name)) {
      probe.skipped = true;
      probe.reason = winner !== undefined ? `not probed: ${winner} was chosen first` : `not probed: ${choice} was requested`;
      probe.installed = isResolvable(PACKAGES[name][0]!);
      continue;
    }
    try {
      if (name === 'webgpu') {
        const a = await probeWebgpuAdapter();
        if (!a.ok) {
          probe.installed = a.installed;
          probe.reason = a.reason;
          continue;
        }
        probe.installed = true;
        probe.adapter = a.adapter;
        if (a.adapter.software && choice !== 'webgpu') {
          probe.skipped = true;
          probe.reason = `skipped: software adapter (${a.adapter.vendor} ${a.adapter.device}), slower than wasm; VESSELPRINT_BACKEND=webgpu uses it`;
          continue;
        }
      }
      const setup = await install(name);
      probe.installed = true;
      if (setup.wasmKernels !== undefined) wasmKernels = setup.wasmKernels;
      const ok = await tf.setBackend(TF_NAME[name]);
      if (!ok) throw new Error(`tf.setBackend('${TF_NAME[name]}') returned false`);
      await tf.ready();
      await smokeTest();
      probe.working = true;
      probe.reason = probe.adapter !== undefined ? `${setup.note}; adapter ${formatAdapter(probe.adapter)}` : setup.note;
      winner = name;
    } catch (e) {
      probe.reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      if (probe.installed === false && /Cannot find (module|package)|ERR_MODULE_NOT_FOUND/.test(probe.reason))
        probe.reason = `not installed (${PACKAGES[name].join(' + ')})`;
    }
  }
  if (winner === undefined) {
    const why = probes
      .filter((p) => !p.skipped)
      .map((p) => `${p.name}: ${p.reason}`)
      .join('; ');
    throw new VesselprintError('BACKEND', `no usable tfjs backend (${why})`);
  }
  const report: BackendReport = { active: tf.getBackend(), activeName: winner, chosenBy, probes, tfjsVersion: tf.version.tfjs };
  if (wasmKernels !== undefined) report.wasmKernels = wasmKernels;
  return report;
}

interface SetupResult {
  note: string;
  wasmKernels?: ReturnType<typeof registerWasmTrainingKernels>;
}

async function install(name: BackendName): Promise<SetupResult> {
  switch (name) {
    case 'tensorflow-gpu': {
      await import(/* optional */ '@tensorflow/tfjs-node-gpu' as string);
      return { note: 'libtensorflow with CUDA (tfjs-node-gpu)' };
    }
    case 'tensorflow': {
      await import(/* optional */ '@tensorflow/tfjs-node' as string);
      return { note: 'libtensorflow CPU (tfjs-node)' };
    }
    case 'webgpu': {
      // Dawn and navigator.gpu were installed by probeWebgpuAdapter; this registers the backend.
      await import(/* optional */ '@tensorflow/tfjs-backend-webgpu' as string);
      return { note: 'WebGPU through Dawn (npm webgpu) on a Vulkan driver' };
    }
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const req = createRequire(import.meta.url);
      wasm.setWasmPaths(join(dirname(req.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
      const k = registerWasmTrainingKernels();
      return {
        note: `XNNPACK wasm (SIMD, 1 thread in Node) with vesselprint kernels: added ${k.added.join(', ') || 'none'}; replaced ${k.replaced.join(', ') || 'none'}`,
        wasmKernels: k,
      };
    }
    case 'cpu':
      fixResizeNearestNeighborGrad('cpu');
      return {
        note: 'pure JavaScript: correct but slow (training a U-Net takes minutes per step); vesselprint replaced ResizeNearestNeighborGrad',
      };
  }
}

/**
 * Runs a 3x3 convolution and its filter gradient; throws if the backend cannot. Reads back with
 * `await data()`: the webgpu backend cannot read synchronously in Node (no OffscreenCanvas).
 */
async function smokeTest(): Promise<void> {
  const g = tf.tidy(() => {
    const x = tf.ones([1, 4, 4, 1]);
    const w = tf.ones([3, 3, 1, 1]);
    return tf.grad((f: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'same').sum())(w);
  });
  try {
    // With "same" padding the centre tap of the filter meets every one of the 16 input pixels.
    const centre = (await g.data())[4]!;
    if (centre !== 16) throw new Error(`gradient smoke test failed: centre tap ${centre}, expected 16`);
  } finally {
    g.dispose();
  }
}

function isResolvable(pkg: string): boolean {
  if (pkg.includes(' ')) return true;
  try {
    createRequire(import.meta.url).resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}
