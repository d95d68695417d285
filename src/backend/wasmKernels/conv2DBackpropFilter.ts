/**
 * `Conv2DBackpropFilter` for the tfjs wasm backend, which ships without it (so no convolutional
 * network can train on wasm in tfjs 4.22).
 *
 * The filter gradient of a 2-D convolution (NHWC, dilation 1, stride s, padding p) is
 *
 *   dW[kh, kw, ci, co] = Σ_{b, oy, ox} xpad[b, oy·s_h + kh, ox·s_w + kw, ci] · dy[b, oy, ox, co]
 *
 * which is itself a forward convolution once batch and channels swap roles: take the input
 * transposed to `[Ci, H, W, B]` (channels become the batch, the batch becomes the channels) and
 * the output gradient transposed to `[OH, OW, B, Co]` as the filter, dilated by the forward
 * stride. The result `[Ci, KH, KW, Co]` transposed back is `dW`. The forward convolution runs in
 * the backend's XNNPACK `Conv2D`, so the gradient costs about as much as the forward pass.
 * (Derivation: write both sums out; the index `oy·s_h + kh` reads as "output row kh, filter row
 * oy, dilation s_h".)
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../core/errors.js';
import { callKernel, freeInfo, pair, type KernelBackend } from './kernelUtil.js';

/** Kernel function of `Conv2DBackpropFilter` composed from `backendName`'s own kernels. */
export function makeConv2DBackpropFilter(backendName: string): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const be = backend as unknown as KernelBackend;
    const x = inputs['x'];
    const dy = inputs['dy'];
    if (x === undefined || dy === undefined) throw new VesselprintError('BACKEND', 'Conv2DBackpropFilter: inputs x and dy are required');
    const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    if (a.dataFormat === 'NCHW') {
      throw new VesselprintError('BACKEND', `Conv2DBackpropFilter on ${backendName}: only NHWC (channelsLast) is supported, got NCHW`);
    }
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      a.filterShape,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode,
      false,
      'channelsLast',
    );
    const [sh, sw] = pair(a.strides);
    const { batchSize: B, inHeight: H, inWidth: W, inChannels: Ci, outHeight: OH, outWidth: OW, outChannels: Co } = info;
    const KH = info.filterHeight;
    const KW = info.filterWidth;
    const top = info.padInfo.top;
    const left = info.padInfo.left;
    // Rows/columns of the padded input that the forward pass actually read.
    const bottom = (OH - 1) * sh + KH - top - H;
    const right = (OW - 1) * sw + KW - left - W;
    const temps: tf.TensorInfo[] = [];
    try {
      let xs = x;
      if (bottom < 0 || right < 0) {
        xs = callKernel(
          'Slice',
          backendName,
          be,
          { x },
          { begin: [0, 0, 0, 0], size: [B, H + Math.min(0, bottom), W + Math.min(0, right), Ci] },
        );
        temps.push(xs);
      }
      const xt = callKernel('Transpose', backendName, be, { x: xs }, { perm: [3, 1, 2, 0] });
      temps.push(xt);
      const dyt = callKernel('Transpose', backendName, be, { x: dy }, { perm: [1, 2, 0, 3] });
      temps.push(dyt);
      const conv = callKernel(
        'Conv2D',
        backendName,
        be,
        { x: xt, filter: dyt },
        {
          strides: [1, 1],
          dilations: [sh, sw],
          pad: [
            [0, 0],
            [top, Math.max(0, bottom)],
            [left, Math.max(0, right)],
            [0, 0],
          ],
          dataFormat: 'NHWC',
        },
      );
      temps.push(conv);
      if (conv.shape[0] !== Ci || conv.shape[1] !== KH || conv.shape[2] !== KW || conv.shape[3] !== Co) {
        throw new VesselprintError(
          'BACKEND',
          `Conv2DBackpropFilter: internal shape ${conv.shape.join('x')}, expected ${Ci}x${KH}x${KW}x${Co}`,
        );
      }
      return callKernel('Transpose', backendName, be, { x: conv }, { perm: [1, 2, 0, 3] });
    } finally {
      for (const t of temps) if (t !== x) freeInfo(be, t);
    }
  };
}
