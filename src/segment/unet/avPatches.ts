/**
 * Patch sampling for multi-class (background/artery/vein) training on multi-channel prepared
 * images: the same centre choice (vessel pixel with probability `vesselFraction`, else any FOV
 * pixel) and the same seeded augmentation as {@link samplePatchBatch}, applied identically to
 * every input channel (but for an optional per-channel gamma, `channelGamma`) and to the label map.
 */
import type { Rng } from '../../core/rng.js';
import type { Mask2D } from '../../core/image.js';
import { assertSameSize } from '../../core/image.js';
import { VesselprintError } from '../../core/errors.js';
import type { PreparedImage } from './prepare.js';
import { channelDraw, drawAugmentation, extractPatch, NO_AUGMENT } from './augment.js';
import { DEFAULT_PATCH_BATCH, type PatchBatchOptions } from './patches.js';
import { AV_LABEL, labelMask, type LabelMap } from './avLabels.js';
import { localVesselDiameter } from '../../vascular/localDiameter.js';

/** A training image (one {@link PreparedImage} per input channel) with its A/V label map. */
export interface LabelPatchSource {
  channels: PreparedImage[];
  labels: LabelMap;
  /** Vessel (any label ≠ 0), artery and vein masks of `labels`. */
  masks: [Mask2D, Mask2D, Mask2D];
  /** Flat indices of vessel pixels inside the FOV, and of all FOV pixels. */
  vessel: Int32Array;
  inside: Int32Array;
  /** Thin-vessel up-weighting (`labelPatchSource`'s `thinVessel`): the vessel pixels whose local diameter is below the threshold, and their loss-weight factor. */
  thin?: { mask: Mask2D; weight: number };
}

/** Options of {@link labelPatchSource}. */
export interface LabelPatchSourceOptions {
  /**
   * Multiply the loss weight of vessel pixels whose local vessel diameter (`localVesselDiameter` of
   * the label map's vessel pixels, px at the training resolution) is below `diameterPx` by `weight`.
   * The per-pixel loss counts a vessel by its area, the centre-line metrics by its length: a vessel
   * k px wide weighs k times more per unit length in the loss, so the capillary-sized branches that
   * make up most of the centre line get little of the gradient.
   */
  thinVessel?: { diameterPx: number; weight: number };
}

/**
 * Builds a {@link LabelPatchSource}.
 * @throws VesselprintError SHAPE_MISMATCH, EMPTY_INPUT; BAD_ARGUMENT for a `thinVessel` with a non-positive diameter or weight
 */
export function labelPatchSource(channels: PreparedImage[], labels: LabelMap, options: LabelPatchSourceOptions = {}): LabelPatchSource {
  const first = channels[0];
  if (first === undefined) throw new VesselprintError('EMPTY_INPUT', 'labelPatchSource: no input channel');
  for (const c of channels) assertSameSize(first, c, 'input channels');
  assertSameSize(first, labels, 'image and A/V labels');
  const v: number[] = [];
  const a: number[] = [];
  for (let i = 0; i < labels.data.length; i++) {
    if (first.fov.data[i] === 0) continue;
    a.push(i);
    if (labels.data[i] !== 0) v.push(i);
  }
  if (a.length === 0) throw new VesselprintError('EMPTY_INPUT', 'labelPatchSource: the field of view is empty');
  const vesselMask: Mask2D = { data: labels.data.map((x) => (x !== 0 ? 1 : 0)), width: labels.width, height: labels.height };
  const source: LabelPatchSource = {
    channels,
    labels,
    masks: [vesselMask, labelMask(labels, AV_LABEL.artery), labelMask(labels, AV_LABEL.vein)],
    vessel: Int32Array.from(v),
    inside: Int32Array.from(a),
  };
  const t = options.thinVessel;
  if (t) {
    if (!(t.diameterPx > 0) || !(t.weight > 0))
      throw new VesselprintError(
        'BAD_ARGUMENT',
        `labelPatchSource: thinVessel needs diameterPx > 0 and weight > 0, got ${t.diameterPx} and ${t.weight}`,
        { field: 'thinVessel' },
      );
    const d = localVesselDiameter(vesselMask);
    source.thin = {
      mask: { data: Uint8Array.from(d, (x) => (x > 0 && x < t.diameterPx ? 1 : 0)), width: labels.width, height: labels.height },
      weight: t.weight,
    };
  }
  return source;
}

/** One batch: input `[n, P, P, C]`, allowed-class mask `[n, P, P, 3]`, pixel weight `[n, P, P, 1]`. */
export interface LabelPatchBatch {
  x: Float32Array;
  allowed: Float32Array;
  weight: Float32Array;
}

/**
 * Samples `n` patches (see the file comment). Background pixels allow class 0, arteries 1, veins
 * 2, unknown vessels {1, 2}; weights are `classWeights[c]` (unknown: the mean of artery and vein),
 * times the source's thin-vessel factor on its thin vessel pixels.
 * @example sampleLabelPatchBatch(sources, 8, createRng(0), [0.06, 1, 1]).x.length // 8 * 64 * 64 * C
 */
export function sampleLabelPatchBatch(
  sources: readonly LabelPatchSource[],
  n: number,
  rng: Rng,
  classWeights: readonly number[],
  options: PatchBatchOptions = {},
): LabelPatchBatch {
  const o = { ...DEFAULT_PATCH_BATCH, ...options };
  if (sources.length === 0) throw new VesselprintError('EMPTY_INPUT', 'sampleLabelPatchBatch: no training images');
  const P = o.patchSize;
  const PP = P * P;
  const C = sources[0]!.channels.length;
  const x = new Float32Array(n * PP * C);
  const allowed = new Float32Array(n * PP * 3);
  const weight = new Float32Array(n * PP);
  const [w0, w1, w2] = [classWeights[0] ?? 1, classWeights[1] ?? 1, classWeights[2] ?? 1];
  const wu = (w1 + w2) / 2;
  for (let k = 0; k < n; k++) {
    const s = sources[rng.int(0, sources.length - 1)]!;
    const list = s.vessel.length > 0 && rng.bernoulli(o.vesselFraction) ? s.vessel : s.inside;
    const idx = list[rng.int(0, list.length - 1)]!;
    const row = Math.floor(idx / s.labels.width);
    const col = idx % s.labels.width;
    const a = drawAugmentation(rng, o.augment === false ? NO_AUGMENT : o.augment);
    const off = P % 2 === 0 ? 0.5 : 0;
    // One extraction per channel; the vessel/artery/vein masks ride along as the "truth" of the
    // first three extractions (the geometry is identical), extra ones reuse the last channel.
    const ys: Float32Array[] = [];
    for (let m = 0; m < Math.max(C, 3); m++) {
      const p = extractPatch(
        s.channels[Math.min(m, C - 1)]!,
        s.masks[Math.min(m, 2)]!,
        row - off,
        col - off,
        P,
        channelDraw(a, Math.min(m, C - 1)),
      );
      if (m < C) for (let i = 0; i < PP; i++) x[(k * PP + i) * C + m] = p.x[i]!;
      if (m < 3) ys.push(p.y);
    }
    const [vy, ay, vny] = ys as [Float32Array, Float32Array, Float32Array];
    const thin = s.thin ? extractPatch(s.channels[0]!, s.thin.mask, row - off, col - off, P, a).y : undefined;
    for (let i = 0; i < PP; i++) {
      const b = (k * PP + i) * 3;
      if (vy[i] === 0) {
        allowed[b] = 1;
        weight[k * PP + i] = w0;
      } else if (ay[i] !== 0) {
        allowed[b + 1] = 1;
        weight[k * PP + i] = w1;
      } else if (vny[i] !== 0) {
        allowed[b + 2] = 1;
        weight[k * PP + i] = w2;
      } else {
        allowed[b + 1] = 1;
        allowed[b + 2] = 1;
        weight[k * PP + i] = wu;
      }
      if (thin && thin[i] !== 0) weight[k * PP + i]! *= s.thin!.weight;
    }
  }
  return { x, allowed, weight };
}
