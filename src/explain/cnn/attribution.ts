/**
 * CNN attribution maps for a tfjs LayersModel (e.g. the U-Net) and a scalar target (the sum of the
 * output over a region of interest):
 * - gradient × input (Shrikumar et al. 2016, arXiv:1605.01713): x ⊙ ∂y/∂x, summed over channels;
 * - integrated gradients (Sundararajan et al. 2017, arXiv:1703.01365, eq. (1), midpoint Riemann
 *   sum with `steps` points): (x − x′) ⊙ mean_k ∂y/∂x (x′ + (k − ½)/steps · (x − x′)); completeness:
 *   Σ IG → y(x) − y(x′);
 * - Grad-CAM (Selvaraju et al. 2017, doi:10.1109/ICCV.2017.74, eqs. (1)–(2)): α_k = mean over
 *   positions of ∂y/∂A_k at layer A, map = ReLU(Σ_k α_k A_k), bilinearly resized to the input.
 * All run inside tf.tidy and return plain Float32Arrays (no tensors leak), read back with
 * `await tensor.data()` so they also run on the webgpu backend (no synchronous GPU reads in Node).
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../core/errors.js';
import { forwardWithProbe, inputTensor, targetScalar } from './forward.js';
import type { AttributionMap, ModelInput, TargetOptions } from './types.js';

/** Runs `fn` in tf.tidy (every other tensor made inside is disposed) and reads its 2-D result back as a map. */
async function tidyMap(fn: () => tf.Tensor, input: ModelInput, method: string): Promise<AttributionMap> {
  const t = tf.tidy(fn);
  try {
    return { data: Float32Array.from(await t.data()), width: input.width, height: input.height, method };
  } finally {
    t.dispose();
  }
}

function channelSum(t: tf.Tensor): tf.Tensor2D {
  return tf.sum(t, -1).squeeze([0]) as tf.Tensor2D;
}

/**
 * Gradient × input, summed over input channels.
 * @example (await gradientTimesInput(unet, patch, { roi: vesselMask })).data // per-pixel attribution
 */
export async function gradientTimesInput(model: tf.LayersModel, input: ModelInput, options: TargetOptions = {}): Promise<AttributionMap> {
  return tidyMap(
    () => {
      const x = inputTensor(input);
      const g = tf.grad((xx: tf.Tensor) => targetScalar(forwardWithProbe(model, xx).output, options))(x);
      return channelSum(tf.mul(g, x));
    },
    input,
    'gradient-x-input',
  );
}

export interface IntegratedGradientsOptions extends TargetOptions {
  /** Riemann steps. Default 32. */
  steps?: number;
  /** Baseline x′ (same size as the input). Default all zeros (a black image). */
  baseline?: Float32Array;
}

/**
 * Integrated gradients, summed over input channels.
 * @example (await integratedGradients(unet, patch, { steps: 64 })).data
 */
export async function integratedGradients(
  model: tf.LayersModel,
  input: ModelInput,
  options: IntegratedGradientsOptions = {},
): Promise<AttributionMap> {
  const steps = options.steps ?? 32;
  if (!(Number.isInteger(steps) && steps >= 1))
    throw new VesselprintError('BAD_ARGUMENT', `integratedGradients: steps must be a positive integer, got ${steps}`, { field: 'steps' });
  if (options.baseline && options.baseline.length !== input.data.length)
    throw new VesselprintError('SHAPE_MISMATCH', 'integratedGradients: baseline and input differ in size', { field: 'baseline' });
  return tidyMap(
    () => {
      const x = inputTensor(input);
      const x0 = options.baseline ? tf.tensor4d(options.baseline, x.shape) : tf.zerosLike(x);
      const diff = tf.sub(x, x0);
      const gradFn = tf.grad((xx: tf.Tensor) => targetScalar(forwardWithProbe(model, xx).output, options));
      let acc: tf.Tensor = tf.zerosLike(x);
      for (let k = 0; k < steps; k++) {
        const next = tf.add(acc, gradFn(tf.add(x0, tf.mul(diff, (k + 0.5) / steps))));
        acc.dispose();
        acc = next;
      }
      return channelSum(tf.mul(diff, tf.div(acc, steps)));
    },
    input,
    `integrated-gradients(steps=${steps})`,
  );
}

/**
 * Grad-CAM at layer `layerName` (a 4-D activation), resized to the input size.
 * @throws VesselprintError BAD_ARGUMENT for an unknown layer or a non-spatial activation
 * @example (await gradCam(unet, patch, 'bottleneck_conv2', { roi })).data
 */
export async function gradCam(
  model: tf.LayersModel,
  input: ModelInput,
  layerName: string,
  options: TargetOptions = {},
): Promise<AttributionMap> {
  return tidyMap(
    () => {
      const x = inputTensor(input);
      const { activation } = forwardWithProbe(model, x, layerName);
      if (!activation || activation.rank !== 4)
        throw new VesselprintError(
          'BAD_ARGUMENT',
          `gradCam: layer ${layerName} output must be [1, h, w, k], got rank ${activation?.rank}`,
          { field: 'layer' },
        );
      const probe = tf.zerosLike(activation);
      const g = tf.grad((d: tf.Tensor) => targetScalar(forwardWithProbe(model, x, layerName, d).output, options))(probe);
      const alpha = tf.mean(g, [1, 2], true); // eq. (1)
      const cam = tf.relu(tf.sum(tf.mul(alpha, activation), -1, true)); // eq. (2)
      const up =
        activation.shape[1] === input.height && activation.shape[2] === input.width
          ? cam
          : tf.image.resizeBilinear(cam as tf.Tensor4D, [input.height, input.width], true);
      return up.squeeze([0, 3]);
    },
    input,
    `grad-cam(layer=${layerName})`,
  );
}

/**
 * Spearman rank correlation of two maps (the similarity measure of Adebayo et al. 2018's sanity
 * checks, arXiv:1810.03292); ties get average ranks.
 * @example rankCorrelation(map, map) // 1
 */
export function rankCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new VesselprintError('SHAPE_MISMATCH', `rankCorrelation: ${a.length} vs ${b.length} values`);
  const rank = (v: ArrayLike<number>): Float64Array => {
    const idx = Array.from({ length: v.length }, (_, i) => i).sort((p, q) => v[p]! - v[q]!);
    const r = new Float64Array(v.length);
    for (let i = 0; i < idx.length;) {
      let j = i;
      while (j + 1 < idx.length && v[idx[j + 1]!] === v[idx[i]!]) j++;
      for (let k = i; k <= j; k++) r[idx[k]!] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const ra = rank(a),
    rb = rank(b);
  const n = a.length,
    m = (n - 1) / 2;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i]! - m) * (rb[i]! - m);
    saa += (ra[i]! - m) ** 2;
    sbb += (rb[i]! - m) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}
