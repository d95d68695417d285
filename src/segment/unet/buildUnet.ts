/**
 * U-Net builder (Ronneberger, Fischer, Brox 2015, "U-Net: Convolutional Networks for Biomedical
 * Image Segmentation", MICCAI, doi:10.1007/978-3-319-24574-4_28) on the tfjs layers API.
 *
 * Encoder: `depth` levels of [3x3 conv → (BN) → ReLU] x 2 followed by 2x2 max-pooling, filters
 * doubling from `baseFilters`; a bottleneck block with `baseFilters·2^depth` filters (optional
 * dropout); decoder: 2x2 stride-2 transposed convolution (or nearest up-sampling + 3x3 conv),
 * concatenation with the skip connection, and a block; a 1x1 conv with sigmoid gives the vessel
 * probability (`outputChannels` = 1), or with softmax over C classes the per-pixel class
 * probabilities (`outputChannels` = C ≥ 2, e.g. background/artery/vein). "same" padding throughout, so the output has the input's size (which must be a
 * multiple of 2^depth). Residual blocks (He et al. 2016, doi:10.1109/CVPR.2016.90) add a 1x1
 * projection shortcut around each block.
 *
 * With `refine`, a second U-Net of the same shape (layer names prefixed `r_`) reads the input and the
 * first one's probabilities and adds a correction to their logits (`RefineLogits`, W-Net: Galdran et
 * al. 2022, doi:10.1038/s41598-022-09675-y); its head starts at zero, so the pair first computes what
 * the first network computes.
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../core/errors.js';
import { SeededDropout } from './seededDropout.js';
import { RefineLogits } from './refineLogits.js';

export interface UnetOptions {
  /** Input channels (1 = preprocessed green channel). Default 1. */
  inputChannels?: number;
  /** Number of down-sampling levels. Default 3. */
  depth?: number;
  /** Filters of the first level; doubled at each level. Default 16. */
  baseFilters?: number;
  /** Batch normalisation after each convolution. Default true. */
  batchNorm?: boolean;
  /** Dropout rate at the bottleneck (0 = none). Default 0. */
  dropout?: number;
  /** Residual (projection-shortcut) blocks. Default false. */
  residual?: boolean;
  /** Decoder up-sampling. Default 'transpose'. */
  upsampling?: 'transpose' | 'nearest';
  /** Seed of the weight initialisers and dropout masks. Default 0. */
  seed?: number;
  /** Output channels: 1 = sigmoid vessel probability; C ≥ 2 = softmax over C classes. Default 1. */
  outputChannels?: number;
  /**
   * Inference graph without batch-norm layers: each conv has a bias and, where a ReLU follows,
   * a fused ReLU (one XNNPACK/libtensorflow kernel per conv). Filled by `foldBatchNorm`. Default false.
   */
  fusedInference?: boolean;
  /**
   * Cascade: a second U-Net (same depth and filters, layers `r_*`) refines the first one's output from
   * the input and that output; its 1x1 head starts at zero (see `RefineLogits`). About twice the
   * parameters and time. Default false.
   */
  refine?: boolean;
}

/** Moving-average momentum of batch norm (Keras convention; 0.9 = PyTorch's default momentum 0.1). */
const BN_MOMENTUM = 0.9;

export const DEFAULT_UNET: Required<UnetOptions> = {
  inputChannels: 1,
  depth: 3,
  baseFilters: 16,
  batchNorm: true,
  dropout: 0,
  residual: false,
  upsampling: 'transpose',
  seed: 0,
  outputChannels: 1,
  fusedInference: false,
  refine: false,
};

/** Light default for CPU training (about 0.48 M parameters). */
export const UNET_PRESET_CPU: Required<UnetOptions> = { ...DEFAULT_UNET };
/** Larger network for a GPU (4 levels, 32 base filters, residual, dropout 0.2; about 8.6 M parameters). */
export const UNET_PRESET_GPU: Required<UnetOptions> = { ...DEFAULT_UNET, depth: 4, baseFilters: 32, residual: true, dropout: 0.2 };

/**
 * Builds an (uncompiled) U-Net `tf.LayersModel` taking `[batch, H, W, inputChannels]` and
 * returning per-pixel vessel probabilities `[batch, H, W, 1]` (or class probabilities
 * `[batch, H, W, outputChannels]`). H and W are free (any multiple of
 * 2^depth), so one model serves training patches and inference tiles.
 *
 * @throws VesselprintError BAD_ARGUMENT for out-of-range options.
 * @example
 * const model = buildUnet({ depth: 3, baseFilters: 16 });
 * model.countParams(); // 484561
 */
export function buildUnet(options: UnetOptions = {}): tf.LayersModel {
  const o = { ...DEFAULT_UNET, ...options };
  const fused = o.fusedInference;
  if (fused) o.batchNorm = false;
  checkInt('depth', o.depth, 1, 6);
  checkInt('baseFilters', o.baseFilters, 1, 512);
  checkInt('inputChannels', o.inputChannels, 1, 4);
  checkInt('outputChannels', o.outputChannels, 1, 16);
  if (!(o.dropout >= 0 && o.dropout < 1))
    throw new VesselprintError('BAD_ARGUMENT', `dropout must be in [0, 1), got ${o.dropout}`, { field: 'dropout' });
  if (o.upsampling !== 'transpose' && o.upsampling !== 'nearest') {
    throw new VesselprintError('BAD_ARGUMENT', `expected one of "transpose", "nearest", got "${String(o.upsampling)}"`, {
      field: 'upsampling',
    });
  }
  let seed = o.seed * 1000;
  const init = (): tf.serialization.Serializable => tf.initializers.heNormal({ seed: seed++ });
  const conv = (
    x: tf.SymbolicTensor,
    filters: number,
    k: number,
    name: string,
    activation?: 'relu' | 'sigmoid' | 'softmax',
    zero = false,
  ): tf.SymbolicTensor =>
    tf.layers
      .conv2d({
        filters,
        kernelSize: k,
        padding: 'same',
        kernelInitializer: (zero ? 'zeros' : init()) as never,
        useBias: !o.batchNorm || k === 1,
        name,
        ...(activation ? { activation } : {}),
      })
      .apply(x) as tf.SymbolicTensor;
  const bnRelu = (x: tf.SymbolicTensor, name: string): tf.SymbolicTensor => {
    const y = o.batchNorm ? (tf.layers.batchNormalization({ name: `${name}_bn`, momentum: BN_MOMENTUM }).apply(x) as tf.SymbolicTensor) : x;
    return tf.layers.reLU({ name: `${name}_relu` }).apply(y) as tf.SymbolicTensor;
  };
  const block = (x: tf.SymbolicTensor, filters: number, name: string): tf.SymbolicTensor => {
    if (fused) {
      const a = conv(x, filters, 3, `${name}_conv1`, 'relu');
      if (!o.residual) return conv(a, filters, 3, `${name}_conv2`, 'relu');
      const b = conv(a, filters, 3, `${name}_conv2`);
      const sum = tf.layers.add({ name: `${name}_add` }).apply([b, conv(x, filters, 1, `${name}_proj`)]) as tf.SymbolicTensor;
      return tf.layers.reLU({ name: `${name}_2_relu` }).apply(sum) as tf.SymbolicTensor;
    }
    const a = bnRelu(conv(x, filters, 3, `${name}_conv1`), `${name}_1`);
    let b = conv(a, filters, 3, `${name}_conv2`);
    if (!o.residual) return bnRelu(b, `${name}_2`);
    if (o.batchNorm) b = tf.layers.batchNormalization({ name: `${name}_2_bn`, momentum: BN_MOMENTUM }).apply(b) as tf.SymbolicTensor;
    const shortcut = conv(x, filters, 1, `${name}_proj`);
    const sum = tf.layers.add({ name: `${name}_add` }).apply([b, shortcut]) as tf.SymbolicTensor;
    return tf.layers.reLU({ name: `${name}_2_relu` }).apply(sum) as tf.SymbolicTensor;
  };

  /** Encoder, bottleneck and decoder; layer names prefixed with `p`. Returns the last decoder block. */
  const body = (input: tf.SymbolicTensor, p: string, dropoutSeed: number): tf.SymbolicTensor => {
    const skips: tf.SymbolicTensor[] = [];
    let x: tf.SymbolicTensor = input;
    for (let level = 0; level < o.depth; level++) {
      x = block(x, o.baseFilters * 2 ** level, `${p}enc${level}`);
      skips.push(x);
      x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `${p}pool${level}` }).apply(x) as tf.SymbolicTensor;
    }
    x = block(x, o.baseFilters * 2 ** o.depth, `${p}bottleneck`);
    if (o.dropout > 0)
      x = new SeededDropout({ rate: o.dropout, seed: dropoutSeed, name: `${p}bottleneck_dropout` }).apply(x) as tf.SymbolicTensor;
    for (let level = o.depth - 1; level >= 0; level--) {
      const filters = o.baseFilters * 2 ** level;
      if (o.upsampling === 'transpose') {
        x = tf.layers
          .conv2dTranspose({
            filters,
            kernelSize: 2,
            strides: 2,
            padding: 'same',
            kernelInitializer: init() as never,
            name: `${p}up${level}`,
          })
          .apply(x) as tf.SymbolicTensor;
      } else {
        x = tf.layers.upSampling2d({ size: [2, 2], interpolation: 'nearest', name: `${p}up${level}_resize` }).apply(x) as tf.SymbolicTensor;
        x = conv(x, filters, 3, `${p}up${level}`);
      }
      x = tf.layers.concatenate({ axis: -1, name: `${p}cat${level}` }).apply([skips[level]!, x]) as tf.SymbolicTensor;
      x = block(x, filters, `${p}dec${level}`);
    }
    return x;
  };

  const input = tf.input({ shape: [null, null, o.inputChannels], name: 'image' });
  const x = body(input, '', o.seed * 1000 + 999);
  const out = o.outputChannels === 1 ? conv(x, 1, 1, 'head', 'sigmoid') : conv(x, o.outputChannels, 1, 'head', 'softmax');
  if (!o.refine) return tf.model({ inputs: input, outputs: out, name: 'vesselprint_unet' });
  const both = tf.layers.concatenate({ axis: -1, name: 'r_input' }).apply([input, out]) as tf.SymbolicTensor;
  const correction = conv(body(both, 'r_', o.seed * 1000 + 998), o.outputChannels, 1, 'r_head', undefined, true);
  const refined = new RefineLogits({ name: 'refine' }).apply([out, correction]) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: refined, name: 'vesselprint_unet' });
}

function checkInt(field: string, v: number, lo: number, hi: number): void {
  if (!Number.isInteger(v) || v < lo || v > hi)
    throw new VesselprintError('BAD_ARGUMENT', `${field} must be an integer in [${lo}, ${hi}], got ${v}`, { field });
}
