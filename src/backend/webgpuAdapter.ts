/**
 * The WebGPU adapter Dawn (npm `webgpu`) offers this process: which GPU, whether it is real
 * hardware or a software rasteriser (Mesa lavapipe "llvmpipe", SwiftShader), or why there is none.
 *
 * Dawn reaches the GPU through Vulkan on Linux: the GPU vendor's driver with its Vulkan ICD
 * (NVIDIA, AMD/Mesa RADV, Intel/Mesa ANV) — no CUDA toolkit or cuDNN. Without any Vulkan driver
 * `requestAdapter()` resolves to null; this module turns that into a reason in words.
 */
import type { GpuAdapterReport } from './types.js';

/** The parts of Dawn's `GPUAdapterInfo` vesselprint reads. */
interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface AdapterLike {
  info?: AdapterInfoLike;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<AdapterLike | null>;
}
interface DawnModule {
  create(args: string[]): GpuLike;
  globals: Record<string, unknown>;
}

/** Outcome of {@link probeWebgpuAdapter}: the adapter, or why there is none. */
export type WebgpuAdapterProbe = { ok: true; adapter: GpuAdapterReport } | { ok: false; installed: boolean; reason: string };

const SOFTWARE_DEVICE = /llvmpipe|lavapipe|swiftshader|softpipe|software/i;

/**
 * Describes a Dawn adapter. Software when Dawn flags it as a fallback adapter, its architecture
 * is "software", or its device/description names a CPU rasteriser (llvmpipe, SwiftShader).
 * @example
 * describeAdapterInfo({ vendor: 'mesa', architecture: 'software', device: 'llvmpipe', isFallbackAdapter: true }).software // true
 */
export function describeAdapterInfo(info: AdapterInfoLike, fallbackFlag = false): GpuAdapterReport {
  const vendor = info.vendor ?? '';
  const architecture = info.architecture ?? '';
  const device = info.device ?? '';
  const description = info.description ?? '';
  const software =
    fallbackFlag ||
    info.isFallbackAdapter === true ||
    architecture === 'software' ||
    SOFTWARE_DEVICE.test(device) ||
    SOFTWARE_DEVICE.test(description);
  return { vendor, architecture, device, description, software };
}

/** One line: `mesa / software / llvmpipe-… (software adapter: Mesa 25.0.7 …)`. */
export function formatAdapter(a: GpuAdapterReport): string {
  const kind = a.software ? 'software adapter, CPU emulation: correctness only' : 'hardware GPU';
  return `${a.vendor || '?'} / ${a.architecture || '?'} / ${a.device || '?'} (${kind}${a.description ? `; ${a.description}` : ''})`;
}

let dawn: { module: DawnModule; gpu: GpuLike } | undefined;

/**
 * Loads Dawn once per process and installs what `@tensorflow/tfjs-backend-webgpu` expects to
 * find: the WebGPU globals (`GPUBufferUsage`, `GPUMapMode`, …) and `navigator.gpu`.
 * @throws Error when the `webgpu` package is not installed or its native module does not load
 */
export async function installDawn(): Promise<GpuLike> {
  if (dawn !== undefined) return dawn.gpu;
  const module = (await import(/* optional dependency */ 'webgpu' as string)) as DawnModule;
  Object.assign(globalThis, module.globals);
  const gpu = module.create([]);
  const holder = globalThis as { navigator?: object };
  if (holder.navigator !== undefined) Object.defineProperty(holder.navigator, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  dawn = { module, gpu };
  return gpu;
}

/**
 * Asks Dawn for its best adapter (`powerPreference: 'high-performance'`, the same request tfjs'
 * webgpu backend makes, so a hardware GPU is preferred over a software one).
 * Never throws: a missing package, a native load failure or a null adapter is a reason.
 * @example
 * const p = await probeWebgpuAdapter();
 * p.ok ? formatAdapter(p.adapter) : p.reason;
 * // 'mesa / software / llvmpipe-llvm-15-0-6-256-bits- (software adapter, …)'
 */
export async function probeWebgpuAdapter(): Promise<WebgpuAdapterProbe> {
  let gpu: GpuLike;
  try {
    gpu = await installDawn();
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    const missing = /Cannot find (module|package)|ERR_MODULE_NOT_FOUND/.test(msg);
    return {
      ok: false,
      installed: !missing,
      reason: missing
        ? 'not installed (npm packages webgpu + @tensorflow/tfjs-backend-webgpu)'
        : `Dawn (npm webgpu) does not load here: ${msg}`,
    };
  }
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (adapter === null) {
      return {
        ok: false,
        installed: true,
        reason:
          'no WebGPU adapter: Dawn found no usable Vulkan driver (install the GPU vendor driver with its Vulkan ICD; or, for the software adapter, Mesa 25 mesa-vulkan-drivers (Debian 12: from bookworm-backports; Mesa 22 is too old for Dawn))',
      };
    }
    return { ok: true, adapter: describeAdapterInfo(adapter.info ?? {}, adapter.isFallbackAdapter === true) };
  } catch (e) {
    return { ok: false, installed: true, reason: `requestAdapter failed: ${e instanceof Error ? e.message.split('\n')[0]! : String(e)}` };
  }
}
