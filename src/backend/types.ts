/** Types of the backend chooser. */
import type { WasmKernelReport } from './wasmKernels/register.js';

/** tfjs backend names vesselprint knows, in the order `auto` tries them. */
export type BackendName = 'tensorflow-gpu' | 'webgpu' | 'tensorflow' | 'wasm' | 'cpu';

/** `auto` (fastest working), or one backend by name. */
export type BackendChoice = 'auto' | BackendName;

export const BACKEND_NAMES: readonly BackendName[] = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'];

/** What the chooser found out about one backend. */
export interface BackendProbe {
  name: BackendName;
  /** npm package(s) that provide it. */
  packages: string[];
  /** The package(s) could be imported. */
  installed: boolean;
  /** The backend initialised and ran a convolution and its gradient. */
  working: boolean;
  /** Probing was skipped (an earlier backend won, or another was requested). */
  skipped: boolean;
  /** Why it is or is not usable, in words. */
  reason: string;
  /** Whether it runs on a GPU. */
  gpu: boolean;
  /** webgpu only: the adapter Dawn offered, when there was one. */
  adapter?: GpuAdapterReport;
}

/** A WebGPU adapter as Dawn reports it (`GPUAdapterInfo`). */
export interface GpuAdapterReport {
  /** e.g. `nvidia`, `amd`, `intel`, `mesa`. */
  vendor: string;
  /** e.g. `ampere`, `rdna-3`, `software`. */
  architecture: string;
  /** Device name, e.g. `llvmpipe-llvm-15-0-6-256-bits-`. */
  device: string;
  /** Driver description, e.g. `llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6)`. */
  description: string;
  /** A CPU rasteriser (Mesa lavapipe, SwiftShader), not a GPU: correct but slower than wasm. */
  software: boolean;
}

/** Result of {@link selectBackend}. */
export interface BackendReport {
  /** The active tfjs backend (`tf.getBackend()` name, e.g. `wasm`, `tensorflow`). */
  active: string;
  /** vesselprint's name for it. */
  activeName: BackendName;
  /** How it was chosen (`auto`, `env VESSELPRINT_BACKEND`, `option`). */
  chosenBy: string;
  probes: BackendProbe[];
  /** Kernels vesselprint added to wasm (when wasm was set up). */
  wasmKernels?: WasmKernelReport;
  /** @tensorflow/tfjs version. */
  tfjsVersion: string;
}
