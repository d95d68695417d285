/**
 * Eager re-execution of a tfjs LayersModel layer by layer (in `model.layers` order, each layer's
 * first inbound node), so an additive probe δ can be injected at one layer's output: the model
 * becomes y(x, δ) with A_layer → A_layer + δ, and ∂y/∂δ at δ = 0 is ∂y/∂A holding the other
 * paths (skip connections) fixed — what Grad-CAM needs.
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../core/errors.js';
import type { ModelInput, TargetOptions } from './types.js';

type Sym = { id: number };

/** Model outputs for `x`, with `probe` added to the output of layer `layerName` when given. */
export function forwardWithProbe(
  model: tf.LayersModel,
  x: tf.Tensor,
  layerName?: string,
  probe?: tf.Tensor,
): { output: tf.Tensor; activation?: tf.Tensor } {
  if (model.inputs.length !== 1 || model.outputs.length !== 1)
    throw new VesselprintError('BAD_ARGUMENT', 'attribution: the model must have one input and one output');
  const values = new Map<number, tf.Tensor>();
  values.set((model.inputs[0] as unknown as Sym).id, x);
  let activation: tf.Tensor | undefined;
  let found = layerName === undefined;
  for (const layer of model.layers) {
    const node = (layer as unknown as { inboundNodes: { inputTensors: Sym[] }[] }).inboundNodes[0];
    if (!node || layer.getClassName() === 'InputLayer') continue;
    const ins = node.inputTensors.map((s) => {
      const v = values.get(s.id);
      if (!v)
        throw new VesselprintError(
          'BAD_ARGUMENT',
          `attribution: cannot execute layer ${layer.name} (input not computed; is the model a DAG of single-use layers?)`,
        );
      return v;
    });
    let out = layer.apply(ins.length === 1 ? ins[0]! : ins, { training: false }) as tf.Tensor;
    if (layer.name === layerName) {
      found = true;
      activation = out;
      if (probe) out = tf.add(out, probe);
    }
    values.set((layer.output as unknown as Sym).id, out);
  }
  if (!found)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `attribution: the model has no layer "${layerName}"; layers: ${model.layers.map((l) => l.name).join(', ')}`,
      { field: 'layer' },
    );
  const output = values.get((model.outputs[0] as unknown as Sym).id);
  if (!output) throw new VesselprintError('BAD_ARGUMENT', 'attribution: the model output was not reached');
  return activation ? { output, activation } : { output };
}

/** Input as a [1, H, W, C] tensor (checks the size). */
export function inputTensor(input: ModelInput): tf.Tensor4D {
  if (input.data.length !== input.width * input.height * input.channels)
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `attribution: input has ${input.data.length} values for ${input.height}×${input.width}×${input.channels}`,
    );
  return tf.tensor4d(input.data, [1, input.height, input.width, input.channels]);
}

/** The explained scalar: Σ over ROI pixels of output channel `channel`. */
export function targetScalar(output: tf.Tensor, options: TargetOptions): tf.Scalar {
  const [, h, w, c] = output.shape as [number, number, number, number];
  const ch = options.channel ?? 0;
  if (!(Number.isInteger(ch) && ch >= 0 && ch < c))
    throw new VesselprintError('BAD_ARGUMENT', `attribution: output channel must be 0..${c - 1}, got ${ch}`, { field: 'channel' });
  const sel = tf.slice(output, [0, 0, 0, ch], [1, h, w, 1]);
  if (!options.roi) return tf.sum(sel);
  const roi = options.roi;
  if (roi.width !== w || roi.height !== h)
    throw new VesselprintError('SHAPE_MISMATCH', `attribution: ROI is ${roi.width}×${roi.height}, model output is ${w}×${h}`, {
      field: 'roi',
    });
  return tf.sum(tf.mul(sel, tf.tensor4d(Float32Array.from(roi.data), [1, h, w, 1])));
}
