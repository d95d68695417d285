/**
 * Faster `Conv2DBackpropInput` for the tfjs wasm backend. The stock wasm kernel is a plain loop
 * (about 6x slower than the forward XNNPACK convolution); this one rewrites the two cases a U-Net
 * needs as forward convolutions and defers every other case to the stock kernel:
 *
 * 1. stride 1 (input gradient of every 3x3 conv): the input gradient is the "full" correlation of
 *    dy with the filter rotated by 180° and with its channel axes swapped:
 *      dx[b, y, x, ci] = Σ_{kh, kw, co} dy[b, y + top − kh, x + left − kw, co] · W[kh, kw, ci, co]
 *    = Conv2D(dy, F) with F[kh', kw', co, ci] = W[KH−1−kh', KW−1−kw', ci, co] and padding
 *    (KH−1−top, KH−1−bottom, KW−1−left, KW−1−right).
 * 2. filter size = stride with no padding (the 2x2 stride-2 transposed convolution of the U-Net
 *    decoder, whose forward pass *is* this kernel): every dy pixel writes its own s x s block,
 *      dx[b, s·oy + i, s·ox + j, ci] = Σ_co dy[b, oy, ox, co] · W[i, j, ci, co],
 *    which is a 1x1 Conv2D to s²·Ci channels ordered (i, j, ci) followed by DepthToSpace(s).
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../core/errors.js';
import { callKernel, freeInfo, pair, type KernelBackend } from './kernelUtil.js';

/**
 * Kernel function of `Conv2DBackpropInput` composed from `backendName`'s Conv2D, Reverse,
 * Transpose, Reshape and DepthToSpace kernels; calls `fallback` for the cases it does not cover
 * (NCHW, strides ≠ 1 unless filter = stride without padding).
 */
export function makeConv2DBackpropInput(backendName: string, fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const be = backend as unknown as KernelBackend;
    const dy = inputs['dy'];
    const filter = inputs['filter'];
    if (dy === undefined || filter === undefined)
      throw new VesselprintError('BACKEND', 'Conv2DBackpropInput: inputs dy and filter are required');
    const a = attrs as unknown as tf.Conv2DBackpropInputAttrs;
    if (a.dataFormat === 'NCHW') return fallback(args);
    const fs = filter.shape as [number, number, number, number];
    const info = tf.backend_util.computeConv2DInfo(a.inputShape, fs, a.strides, 1, a.pad, a.dimRoundingMode, false, 'channelsLast');
    const [sh, sw] = pair(a.strides);
    const [KH, KW, Ci, Co] = fs;
    const { top, bottom, left, right } = info.padInfo;
    const temps: tf.TensorInfo[] = [];
    const keep = (t: tf.TensorInfo): tf.TensorInfo => (temps.push(t), t);
    try {
      if (sh === 1 && sw === 1 && top <= KH - 1 && bottom <= KH - 1 && left <= KW - 1 && right <= KW - 1) {
        const rev = keep(callKernel('Reverse', backendName, be, { x: filter }, { dims: [0, 1] }));
        const f = keep(callKernel('Transpose', backendName, be, { x: rev }, { perm: [0, 1, 3, 2] }));
        return callKernel(
          'Conv2D',
          backendName,
          be,
          { x: dy, filter: f },
          {
            strides: [1, 1],
            dilations: [1, 1],
            pad: [
              [0, 0],
              [KH - 1 - top, KH - 1 - bottom],
              [KW - 1 - left, KW - 1 - right],
              [0, 0],
            ],
            dataFormat: 'NHWC',
          },
        );
      }
      if (sh === sw && KH === sh && KW === sw && top === 0 && left === 0 && bottom === 0 && right === 0) {
        // W [s, s, Ci, Co] → F [1, 1, Co, s·s·Ci] with channel index (i·s + j)·Ci + ci.
        const wt = keep(callKernel('Transpose', backendName, be, { x: filter }, { perm: [3, 0, 1, 2] }));
        const f = keep(callKernel('Reshape', backendName, be, { x: wt }, { shape: [1, 1, Co, sh * sw * Ci] }));
        const y = keep(
          callKernel(
            'Conv2D',
            backendName,
            be,
            { x: dy, filter: f },
            { strides: [1, 1], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' },
          ),
        );
        return callKernel('DepthToSpace', backendName, be, { x: y }, { blockSize: sh, dataFormat: 'NHWC' });
      }
      return fallback(args);
    } finally {
      for (const t of temps) freeInfo(be, t);
    }
  };
}
