/**
 * Faster data-movement kernels for the tfjs wasm backend, both pure copies (bit-identical output):
 *
 * - `Concat` along the last axis (the U-Net's skip connections, channels of 8–64): the stock
 *   kernel copies each pixel's channel run with `subarray` + `set`, one view object per pixel and
 *   input (≈ 42 ms for two 4x256x256x8 tensors); a plain element loop is several times faster.
 * - `DepthToSpace` (NHWC, the second half of the 2x2 stride-2 transposed convolution in
 *   `conv2DBackpropInput.ts`): the stock kernel walks the output with generic strides (≈ 100 ms
 *   for 4x128x128x32); as Reshape [B, H, W, s, s, C] → Transpose [0, 1, 3, 2, 4, 5] → Reshape
 *   [B, sH, sW, C] it runs on the backend's transpose (≈ 4 ms).
 *
 * Other cases (other axes, string tensors, NCHW) go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../core/errors.js';
import { callKernel, freeInfo, type KernelBackend } from './kernelUtil.js';

/** The parts of tfjs' wasm backend object that the concat kernel uses. */
interface WasmHeapBackend extends KernelBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** `Concat` kernel function: last-axis numeric concatenation by element loops, else `fallback`. */
export function makeConcat(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const inputs = Object.values(args.inputs) as tf.TensorInfo[];
    const first = inputs[0];
    if (first === undefined) throw new VesselprintError('BACKEND', 'Concat: no inputs');
    const rank = first.shape.length;
    const axisAttr = (args.attrs as unknown as tf.ConcatAttrs).axis;
    const axis = tf.util.parseAxisParam(axisAttr, first.shape)[0];
    const sameKind = inputs.every((t) => t.dtype === first.dtype && t.shape.length === rank && tf.util.sizeFromShape(t.shape) > 0);
    if (first.dtype === 'string' || inputs.length < 2 || axis !== rank - 1 || !sameKind) return fallback(args);
    const be = args.backend as unknown as WasmHeapBackend;
    tf.backend_util.assertParamsConsistent(
      inputs.map((t) => t.shape),
      axis,
    );
    const outShape = tf.backend_util.computeOutShape(
      inputs.map((t) => t.shape),
      axis,
    );
    const out = be.makeOutput(outShape, first.dtype);
    const total = outShape[axis]!;
    const outer = tf.util.sizeFromShape(first.shape.slice(0, axis));
    let offset = 0;
    for (const t of inputs) {
      const inner = t.shape[axis]!;
      // one element type per call keeps the copy loop monomorphic (3x faster than a union)
      if (first.dtype === 'float32')
        copyColumns(be.typedArrayFromHeap(out) as Float32Array, be.typedArrayFromHeap(t) as Float32Array, outer, inner, total, offset);
      else if (first.dtype === 'int32')
        copyColumns(be.typedArrayFromHeap(out) as Int32Array, be.typedArrayFromHeap(t) as Int32Array, outer, inner, total, offset);
      else copyColumns(be.typedArrayFromHeap(out) as Uint8Array, be.typedArrayFromHeap(t) as Uint8Array, outer, inner, total, offset);
      offset += inner;
    }
    return out;
  };
}

/** Copies `src` ([outer, inner]) into columns offset..offset+inner of `dst` ([outer, total]). */
function copyColumns<T extends Float32Array | Int32Array | Uint8Array>(
  dst: T,
  src: T,
  outer: number,
  inner: number,
  total: number,
  offset: number,
): void {
  if (inner % 4 === 0) {
    // channel counts of a U-Net are multiples of 4: unrolled by 4 (≈ 1.7x faster)
    for (let b = 0; b < outer; b++) {
      const d = b * total + offset;
      const s = b * inner;
      for (let j = 0; j < inner; j += 4) {
        dst[d + j] = src[s + j]!;
        dst[d + j + 1] = src[s + j + 1]!;
        dst[d + j + 2] = src[s + j + 2]!;
        dst[d + j + 3] = src[s + j + 3]!;
      }
    }
    return;
  }
  for (let b = 0; b < outer; b++) {
    const d = b * total + offset;
    const s = b * inner;
    for (let j = 0; j < inner; j++) dst[d + j] = src[s + j]!;
  }
}

/** `DepthToSpace` kernel function: NHWC as reshape-transpose-reshape, NCHW by `fallback`. */
export function makeDepthToSpace(backendName: string, fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = args.inputs['x'];
    if (x === undefined) throw new VesselprintError('BACKEND', 'DepthToSpace: input x is required');
    const { blockSize: s, dataFormat } = args.attrs as unknown as tf.DepthToSpaceAttrs;
    if (dataFormat === 'NCHW') return fallback(args);
    const be = args.backend as unknown as KernelBackend;
    const [B, H, W, D] = x.shape as [number, number, number, number];
    const C = D / (s * s);
    const r = callKernel('Reshape', backendName, be, { x }, { shape: [B, H, W, s, s, C] });
    try {
      const t = callKernel('Transpose', backendName, be, { x: r }, { perm: [0, 1, 3, 2, 4, 5] });
      try {
        return callKernel('Reshape', backendName, be, { x: t }, { shape: [B, H * s, W * s, C] });
      } finally {
        freeInfo(be, t);
      }
    } finally {
      freeInfo(be, r);
    }
  };
}
