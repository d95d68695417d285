/**
 * A corrected `ResizeNearestNeighborGrad` (the gradient of nearest-neighbour up-sampling, used
 * by the U-Net with `upsampling: 'nearest'`) for tfjs' cpu and wasm backends.
 *
 * tfjs 4.22's cpu kernel offsets `dy` by the batch stride of the *input image*
 * (`batchOffset = b · imagesStrides[0]`, tfjs-backend-cpu `ResizeNearestNeighborGrad`) instead
 * of `dy`'s own, so every image after the first of a batch gets a wrong gradient (relative error
 * ≈ 1 against the brute-force sum; the wasm kernel fails the same way for some shapes). One
 * image at a time the stock kernels are right, whatever the number of channels. The replacement
 * folds the batch into the channels, `[B, H, W, C] → [1, H, W, B·C]` (a transpose and a
 * reshape), runs the stock kernel on that single image, and unfolds the result.
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../core/errors.js';
import { callKernel, freeInfo, type KernelBackend } from './wasmKernels/kernelUtil.js';

const KERNEL = 'ResizeNearestNeighborGrad';
const fixed = new Set<string>();

/**
 * Replaces `ResizeNearestNeighborGrad` of `backendName` by the batch-folding version above
 * (idempotent per backend). Returns true when it replaced the kernel now or earlier. For wasm,
 * call it before the backend initialises (its setup function binds the stock C++ kernel).
 * @throws VesselprintError BACKEND when the backend has no such kernel registered
 * @example
 * fixResizeNearestNeighborGrad('wasm'); // true
 */
export function fixResizeNearestNeighborGrad(backendName: string): boolean {
  if (fixed.has(backendName)) return true;
  const stock = tf.getKernel(KERNEL, backendName);
  if (stock === undefined) throw new VesselprintError('BACKEND', `${KERNEL} is not registered for backend ${backendName}`);
  tf.unregisterKernel(KERNEL, backendName);
  const config: tf.KernelConfig = {
    kernelName: KERNEL,
    backendName,
    kernelFunc: ({ inputs, backend: given, attrs }) => {
      const backend = kernelBackend(given);
      const { images, dy } = inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
      const [batch, h, w, c] = images.shape as [number, number, number, number];
      if (batch === 1) return stock.kernelFunc({ inputs, backend, attrs });
      const [, dyH, dyW] = dy.shape as [number, number, number, number];
      const temps: tf.TensorInfo[] = [];
      const run = (name: string, x: tf.TensorInfo, a: Record<string, unknown>): tf.TensorInfo => {
        const out = callKernel(name, backendName, backend, { x }, a);
        temps.push(out);
        return out;
      };
      try {
        const dyFolded = run('Reshape', run('Transpose', dy, { perm: [1, 2, 0, 3] }), { shape: [1, dyH, dyW, batch * c] });
        // The stock kernel reads only dy's values; `images` gives the output shape.
        const images1 = run('Reshape', run('Transpose', images, { perm: [1, 2, 0, 3] }), { shape: [1, h, w, batch * c] });
        const dx = stock.kernelFunc({ inputs: { images: images1, dy: dyFolded }, backend, attrs });
        if (Array.isArray(dx)) throw new VesselprintError('BACKEND', `${KERNEL} returned several outputs; one expected`);
        temps.push(dx);
        return callKernel(
          'Transpose',
          backendName,
          backend,
          { x: run('Reshape', dx, { shape: [h, w, batch, c] }) },
          { perm: [2, 0, 1, 3] },
        );
      } finally {
        temps.forEach((t) => freeInfo(backend, t));
      }
    },
  };
  // wasm binds its C++ function in the setup function: keep it.
  if (stock.setupFunc !== undefined) config.setupFunc = stock.setupFunc;
  tf.registerKernel(config);
  fixed.add(backendName);
  return true;
}

/** The backend object tfjs passes to a kernel function, checked to be one. */
function kernelBackend(b: object): KernelBackend & tf.KernelBackend {
  if (!(b instanceof tf.KernelBackend)) throw new VesselprintError('BACKEND', `${KERNEL}: the kernel was not called with a tfjs backend`);
  return b;
}
