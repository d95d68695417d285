/**
 * Helpers for kernels composed from other kernels of the same backend: call a registered kernel
 * function directly (no tape, no engine bookkeeping) and free intermediates.
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../core/errors.js';

/** The `backend` object a kernel function receives (only what the helpers need). */
export interface KernelBackend {
  disposeData(dataId: object): boolean | void;
}

/** Attribute values accepted by tfjs kernels. */
export type KernelAttrs = Record<string, unknown>;

/**
 * Runs kernel `name` of `backendName` on `inputs` and returns its output TensorInfo. The caller
 * owns the output and must free it with {@link freeInfo} unless it is the kernel's result.
 */
export function callKernel(
  name: string,
  backendName: string,
  backend: KernelBackend,
  inputs: Record<string, tf.TensorInfo>,
  attrs: KernelAttrs,
): tf.TensorInfo {
  const k = tf.getKernel(name, backendName);
  if (k === undefined) {
    throw new VesselprintError('BACKEND', `kernel ${name} is not registered for backend ${backendName}`);
  }
  const out = k.kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap });
  if (Array.isArray(out)) {
    throw new VesselprintError('BACKEND', `kernel ${name} returned several outputs; one expected`);
  }
  return out;
}

/** Frees the backing store of an intermediate TensorInfo created by {@link callKernel}. */
export function freeInfo(backend: KernelBackend, info: tf.TensorInfo): void {
  backend.disposeData(info.dataId);
}

/** Normalises a `[h, w] | n` stride/dilation attribute to `[h, w]`. */
export function pair(v: number | [number, number] | number[]): [number, number] {
  if (typeof v === 'number') return [v, v];
  return [v[0]!, v[1] ?? v[0]!];
}
