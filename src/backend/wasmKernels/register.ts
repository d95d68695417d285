/**
 * Registers vesselprint's added and replaced kernels for the tfjs wasm backend through tfjs's
 * kernel registry (`tf.registerKernel`), so that convolutional networks train on wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../core/errors.js';
import { makeConv2DBackpropFilter } from './conv2DBackpropFilter.js';
import { makeConv2DBackpropInput } from './conv2DBackpropInput.js';
import { makeConcat, makeDepthToSpace } from './layoutKernels.js';
import { registerBatchNormGradient } from './batchNormGradient.js';
import { fixResizeNearestNeighborGrad } from '../resizeNearestNeighborGrad.js';

/** What {@link registerWasmTrainingKernels} changed. */
export interface WasmKernelReport {
  /** Kernels that wasm lacked and vesselprint added. */
  added: string[];
  /** Stock wasm kernels replaced by faster or corrected compositions (the stock one stays inside as fallback). */
  replaced: string[];
  /** Gradient functions replaced (global, mathematically identical, fewer full-size temporaries). */
  gradients: string[];
}

let done: WasmKernelReport | undefined;

/**
 * Adds `Conv2DBackpropFilter` to the wasm backend, replaces its `Conv2DBackpropInput` by
 * XNNPACK-backed compositions and its `ResizeNearestNeighborGrad` by a batch-correct one
 * (`resizeNearestNeighborGrad.ts`), and swaps the `FusedBatchNorm` gradient for a broadcasting one.
 * Idempotent; must run after `@tensorflow/tfjs-backend-wasm` is imported (it registers the
 * backend's own kernels on import).
 *
 * @throws VesselprintError BACKEND when the wasm backend's kernels are not registered.
 * @example
 * await import('@tensorflow/tfjs-backend-wasm');
 * registerWasmTrainingKernels().added; // ['Conv2DBackpropFilter']
 */
export function registerWasmTrainingKernels(): WasmKernelReport {
  if (done !== undefined) return done;
  const backendName = 'wasm';
  const stockConv = tf.getKernel('Conv2D', backendName);
  if (stockConv === undefined) {
    throw new VesselprintError('BACKEND', 'the wasm backend kernels are not registered: import @tensorflow/tfjs-backend-wasm first');
  }
  const report: WasmKernelReport = { added: [], replaced: [], gradients: [] };
  if (tf.getKernel('Conv2DBackpropFilter', backendName) === undefined) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName, kernelFunc: makeConv2DBackpropFilter(backendName) });
    report.added.push('Conv2DBackpropFilter');
  }
  const stockInput = tf.getKernel('Conv2DBackpropInput', backendName);
  if (stockInput !== undefined) {
    tf.unregisterKernel('Conv2DBackpropInput', backendName);
    const cfg: tf.KernelConfig = {
      kernelName: 'Conv2DBackpropInput',
      backendName,
      kernelFunc: makeConv2DBackpropInput(backendName, stockInput.kernelFunc),
    };
    if (stockInput.setupFunc !== undefined) cfg.setupFunc = stockInput.setupFunc;
    tf.registerKernel(cfg);
    report.replaced.push('Conv2DBackpropInput');
  }
  if (fixResizeNearestNeighborGrad(backendName)) report.replaced.push('ResizeNearestNeighborGrad');
  // pure copies, bit-identical to the stock kernels, several times faster (layoutKernels.ts)
  const stockConcat = tf.getKernel('Concat', backendName);
  if (stockConcat !== undefined) {
    replaceKernel(stockConcat, makeConcat(stockConcat.kernelFunc));
    report.replaced.push('Concat');
  }
  const stockD2s = tf.getKernel('DepthToSpace', backendName);
  if (stockD2s !== undefined) {
    replaceKernel(stockD2s, makeDepthToSpace(backendName, stockD2s.kernelFunc));
    report.replaced.push('DepthToSpace');
  }
  registerBatchNormGradient();
  report.gradients.push('FusedBatchNorm');
  done = report;
  return report;
}

/** Re-registers `stock`'s kernel name and backend with `kernelFunc` (keeping its setup function). */
function replaceKernel(stock: tf.KernelConfig, kernelFunc: tf.KernelFunc): void {
  tf.unregisterKernel(stock.kernelName, stock.backendName);
  const cfg: tf.KernelConfig = { kernelName: stock.kernelName, backendName: stock.backendName, kernelFunc };
  if (stock.setupFunc !== undefined) cfg.setupFunc = stock.setupFunc;
  tf.registerKernel(cfg);
}
