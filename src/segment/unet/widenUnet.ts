/**
 * Function-preserving widening of a trained U-Net (Net2WiderNet): a network with k times the
 * filters that computes the same function, so that training a larger model can start from a
 * smaller one instead of from scratch.
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { buildUnet, type UnetOptions } from './buildUnet.js';
import { loadUnetModel } from './checkpoint.js';

/** Options of {@link widenUnetWeights}. */
export interface WidenUnetOptions {
  /**
   * Gaussian noise added to the kernels of the copied filters, × the SD of the source kernel (breaks
   * the symmetry between a filter and its copies, which gradient descent would otherwise keep).
   * Default 0.01; 0 = exactly the source's function.
   */
  noise?: number;
  /** Seed of the noise. Default 0. */
  seed?: number;
}

/** How the channels of one layer's output map to the source network's: new channel j = old channel `map[j]`. */
interface ChannelMap {
  map: Int32Array;
  oldChannels: number;
}

const PASS_THROUGH = new Set(['ReLU', 'MaxPooling2D', 'Dropout', 'SeededDropout', 'UpSampling2D', 'Activation', 'VesselprintRefineLogits']);

/**
 * Copies the weights of a trained U-Net `src` into `dst`, a U-Net of the same architecture whose
 * convolutions have k times the filters (an integer k per layer, e.g. `baseFilters` 8 → 16), so that
 * `dst` computes the same function (Net2WiderNet: T. Chen, I. Goodfellow, J. Shlens, "Net2Net:
 * accelerating learning via knowledge transfer", ICLR 2016, arXiv:1511.05641). New filter j copies
 * old filter j mod F (kernel, bias, batch-norm scale, shift and moving statistics); every kernel that
 * reads a widened input divides the weights of each copy by the number of copies, so the sum is
 * unchanged; concatenated skips keep their order (skip copies, then up-sampled copies). Layers are
 * matched by name, in the graph order of `buildUnet` (input, convolutions, transposed convolutions,
 * batch norm, ReLU, pooling, up-sampling, concatenation, addition, dropout); the input channels
 * and the head's classes are not widened.
 *
 * With `noise` > 0 the copies' kernels get a small Gaussian perturbation, so the function is the
 * same only up to that noise.
 *
 * @throws VesselprintError BAD_ARGUMENT when the layers differ by name or type, a filter count is not
 *   a multiple of the source's, or a layer type has weights this function does not know
 * @example
 * const wide = buildUnet({ ...arch, baseFilters: 16 });
 * widenUnetWeights((await loadUnetModel('out/hrf-av-unet/best')).model, wide);
 */
export function widenUnetWeights(src: tf.LayersModel, dst: tf.LayersModel, options: WidenUnetOptions = {}): void {
  const noise = options.noise ?? 0.01;
  const rng = createRng(options.seed ?? 0);
  const bad = (msg: string, layer?: string): never => {
    throw new VesselprintError('BAD_ARGUMENT', `widenUnetWeights: ${msg}`, layer !== undefined ? { field: layer } : {});
  };
  if (src.layers.length !== dst.layers.length) bad(`the source has ${src.layers.length} layers, the target ${dst.layers.length}`);
  const maps = new Map<string, ChannelMap>();
  const inMapOf = (layer: tf.layers.Layer): ChannelMap[] =>
    layer.inboundNodes[0]!.inboundLayers.map((l) => maps.get(l.name) ?? bad(`layer ${l.name} feeds ${layer.name} but has no map`));
  for (let li = 0; li < dst.layers.length; li++) {
    const d = dst.layers[li]!;
    const s = src.layers[li]!;
    const cls = d.getClassName();
    if (s.name !== d.name || s.getClassName() !== cls)
      bad(`layer ${li} is ${s.getClassName()} "${s.name}" in the source but ${cls} "${d.name}" in the target`, d.name);
    if (cls === 'InputLayer') {
      const c = (d.batchInputShape as number[])[3]!;
      if ((s.batchInputShape as number[])[3] !== c) bad(`the input channels differ`, d.name);
      maps.set(d.name, { map: Int32Array.from({ length: c }, (_, i) => i), oldChannels: c });
      continue;
    }
    const inbound = inMapOf(d);
    if (cls === 'Conv2D' || cls === 'Conv2DTranspose') {
      const inMap = inbound[0]!;
      const sw = s.getWeights();
      const kernel = sw[0]!;
      const [kh, kw] = kernel.shape as number[];
      const transposed = cls === 'Conv2DTranspose';
      // Conv2D kernel: [kh, kw, in, out]; Conv2DTranspose: [kh, kw, out, in]
      const oldOut = kernel.shape[transposed ? 2 : 3]!;
      const oldIn = kernel.shape[transposed ? 3 : 2]!;
      const dk = d.getWeights()[0]!;
      const newOut = dk.shape[transposed ? 2 : 3]!;
      const newIn = dk.shape[transposed ? 3 : 2]!;
      if (newIn !== inMap.map.length || oldIn !== inMap.oldChannels) bad(`input channels of ${d.name} do not follow its input`, d.name);
      if (newOut % oldOut !== 0) bad(`${d.name} has ${newOut} filters, not a multiple of the source's ${oldOut}`, d.name);
      const outMap = Int32Array.from({ length: newOut }, (_, j) => j % oldOut);
      const copies = new Int32Array(oldIn);
      for (const o of inMap.map) copies[o]!++;
      const w = kernel.dataSync();
      let sd = 0;
      for (const v of w) sd += v * v;
      sd = Math.sqrt(sd / Math.max(1, w.length));
      const nw = new Float32Array(kh! * kw! * newIn * newOut);
      for (let a = 0; a < kh! * kw!; a++)
        for (let i = 0; i < newIn; i++)
          for (let j = 0; j < newOut; j++) {
            const oi = inMap.map[i]!,
              oj = outMap[j]!;
            const from = transposed ? (a * oldOut + oj) * oldIn + oi : (a * oldIn + oi) * oldOut + oj;
            const to = transposed ? (a * newOut + j) * newIn + i : (a * newIn + i) * newOut + j;
            nw[to] = w[from]! / copies[oi]! + (j >= oldOut && noise > 0 ? noise * sd * rng.normal() : 0);
          }
      const next: tf.Tensor[] = [tf.tensor(nw, dk.shape)];
      if (sw.length > 1) {
        const b = sw[1]!.dataSync();
        next.push(tf.tensor1d(Float32Array.from(outMap, (o) => b[o]!)));
      }
      if (sw.length > 2) bad(`${d.name} has ${sw.length} weight tensors`, d.name);
      d.setWeights(next);
      next.forEach((t) => t.dispose());
      maps.set(d.name, { map: outMap, oldChannels: oldOut });
    } else if (cls === 'BatchNormalization') {
      const m = inbound[0]!;
      const next = s.getWeights().map((t) => {
        const v = t.dataSync();
        return tf.tensor1d(Float32Array.from(m.map, (o) => v[o]!));
      });
      d.setWeights(next);
      next.forEach((t) => t.dispose());
      maps.set(d.name, m);
    } else if (cls === 'Concatenate') {
      const parts: number[] = [];
      let offset = 0;
      for (const m of inbound) {
        for (const o of m.map) parts.push(o + offset);
        offset += m.oldChannels;
      }
      maps.set(d.name, { map: Int32Array.from(parts), oldChannels: offset });
    } else if (cls === 'Add') {
      const m = inbound[0]!;
      for (const o of inbound)
        if (o.oldChannels !== m.oldChannels || o.map.some((v, i) => v !== m.map[i]))
          bad(`the inputs of ${d.name} are widened differently`, d.name);
      maps.set(d.name, m);
    } else if (PASS_THROUGH.has(cls)) {
      if (d.getWeights().length > 0) bad(`${cls} layer ${d.name} has weights`, d.name);
      maps.set(d.name, inbound[0]!);
    } else bad(`layer type ${cls} (${d.name}) is not supported`, d.name);
  }
}

/**
 * A new U-Net of architecture `arch`: random weights (`buildUnet`), or, with `initFrom`, the weights of
 * the trained model in that folder widened to `arch` ({@link widenUnetWeights}, noise 0.01, seeded).
 * A plain model given to a cascade (`arch.refine`) becomes its first stage (widened as above); the
 * second stage keeps its fresh weights and zero head, so the cascade starts as that model.
 * Experiment configs reach it through `model.initFrom`.
 *
 * @throws VesselprintError FILE_NOT_FOUND / CORRUPT_FILE for a bad model folder, BAD_ARGUMENT when it cannot be widened to `arch`
 * @example const m = await buildUnetFrom({ ...arch, baseFilters: 16 }, 'out/hrf-av-unet/best', 15);
 */
export async function buildUnetFrom(arch: UnetOptions, initFrom: string | undefined, seed: number): Promise<tf.LayersModel> {
  const model = buildUnet(arch);
  if (initFrom === undefined) return model;
  const src = await loadUnetModel(initFrom);
  let first: tf.LayersModel | undefined;
  try {
    if (arch.refine === true && src.metadata.architecture.refine !== true) {
      // A plain model becomes the first stage of the cascade; the second starts at zero correction.
      first = buildUnet({ ...arch, refine: false });
      widenUnetWeights(src.model, first, { seed });
      copyWeightsByName(first, model);
    } else widenUnetWeights(src.model, model, { seed });
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    src.model.dispose();
    first?.dispose();
  }
  return model;
}

/** Sets every weighted layer of `src` on the layer of the same name in `dst` (which must exist, same shapes). */
function copyWeightsByName(src: tf.LayersModel, dst: tf.LayersModel): void {
  for (const layer of src.layers) {
    const ws = layer.getWeights();
    if (ws.length === 0) continue;
    const target = dst.layers.find((l) => l.name === layer.name);
    if (target === undefined)
      throw new VesselprintError('BAD_ARGUMENT', `buildUnetFrom: layer ${layer.name} has no counterpart`, { field: layer.name });
    target.setWeights(ws);
  }
}
