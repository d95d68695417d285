/** backend/: choose the fastest installed tfjs backend; wasm training kernels; the webgpu adapter; doctor report. */
export * from './types.js';
export { selectBackend, currentBackend, type SelectBackendOptions } from './selectBackend.js';
export { describeBackends, type BackendDescription } from './describeBackends.js';
export { registerWasmTrainingKernels, type WasmKernelReport } from './wasmKernels/register.js';
export { makeConv2DBackpropFilter } from './wasmKernels/conv2DBackpropFilter.js';
export { makeConv2DBackpropInput } from './wasmKernels/conv2DBackpropInput.js';
export { registerBatchNormGradient } from './wasmKernels/batchNormGradient.js';
export { probeWebgpuAdapter, describeAdapterInfo, formatAdapter, installDawn, type WebgpuAdapterProbe } from './webgpuAdapter.js';
export { fixResizeNearestNeighborGrad } from './resizeNearestNeighborGrad.js';
