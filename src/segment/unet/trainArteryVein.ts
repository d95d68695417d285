/**
 * Training of the artery/vein/vessel U-Net (3-class softmax: background, artery, vein), as a task
 * of the one training loop (`trainLoop.ts`):
 * seeded vessel-balanced patch batches with augmentation ({@link sampleLabelPatchBatch}),
 * class-balanced partial-label cross-entropy + foreground soft Dice ({@link multiClassLoss}),
 * Adam with the learning-rate schedules of `trainUnet`, whole-image validation each epoch (vessel
 * AUC, centreline A/V accuracy), best weights kept by the mean of the two. I/O is the caller's.
 */
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../core/errors.js';
import type { Mask2D } from '../../core/image.js';
import { multiClassLoss, type MultiClassLossOptions } from './multiClassLoss.js';
import { sampleLabelPatchBatch, type LabelPatchSource } from './avPatches.js';
import type { PatchBatchOptions } from './patches.js';
import { predictMaps } from './infer.js';
import { centrelineAvAccuracy, vesselAuc } from './avMetrics.js';
import { DEFAULT_TRAIN_UNET, dataParallelOf, type TrainUnetOptions } from './train.js';
import { trainLoop, type LoopCallbacks, type TaskBatch, type TrainResume, type TrainTask } from './trainLoop.js';
import { dataParallelStep } from './parallel/dataParallelStep.js';
import type { PreparedImage } from './prepare.js';
import type { LabelMap } from './avLabels.js';

export interface TrainArteryVeinOptions extends Omit<TrainUnetOptions, 'loss' | 'monitor'> {
  /** Per-class loss weights (background, artery, vein). Default [1, 1, 1]. */
  classWeights?: number[];
  loss?: MultiClassLossOptions;
  patches?: PatchBatchOptions;
}

/** A whole validation image. */
export interface ArteryVeinValidationItem {
  channels: PreparedImage[];
  labels: LabelMap;
  fov: Mask2D;
}

/** One epoch's record. */
export interface ArteryVeinEpochRecord {
  epoch: number;
  loss: number;
  learningRate: number;
  valAuc: number;
  valAvAccuracy: number;
  /** (valAuc + valAvAccuracy) / 2, the selection score. */
  valScore: number;
  msPerStep: number;
  seconds: number;
}

/** Per-step and per-epoch callbacks (see {@link LoopCallbacks}). */
export type ArteryVeinTrainCallbacks = LoopCallbacks<ArteryVeinEpochRecord>;

/** Mean vessel AUC and centreline A/V accuracy over validation images. */
export async function validateArteryVein(
  model: tf.LayersModel,
  items: readonly ArteryVeinValidationItem[],
  tileSize: number,
): Promise<{ auc: number; avAccuracy: number }> {
  let auc = 0;
  let acc = 0;
  for (const it of items) {
    const [bg, artery, vein] = (await predictMaps(model, it.channels, { tileSize, overlap: Math.min(32, Math.floor(tileSize / 4)) })) as [
      Float32Array,
      Float32Array,
      Float32Array,
    ];
    const vessel = new Float32Array(bg.length);
    for (let k = 0; k < bg.length; k++) vessel[k] = it.fov.data[k] !== 0 ? 1 - bg[k]! : 0;
    auc += vesselAuc(vessel, it.labels, it.fov).auc;
    acc += centrelineAvAccuracy(artery, vein, it.labels).accuracy;
  }
  return { auc: auc / items.length, avAccuracy: acc / items.length };
}

/**
 * Trains `model` (3 softmax outputs) in place — the artery/vein task of the one training loop
 * ({@link trainLoop}); at the end it holds the best epoch's weights (after a resume in which no
 * epoch improved: `resume.bestWeights`, `best` then being the checkpoint's best record).
 * Data-parallel steps (`workers` / `shards`) as for the vessel task: the same weights for any worker count given the shards.
 * @throws VesselprintError EMPTY_INPUT without training or validation images, BACKEND on a non-finite loss
 * @example const r = await trainArteryVein(model, sources, val, { epochs: 2, stepsPerEpoch: 5 });
 */
export async function trainArteryVein(
  model: tf.LayersModel,
  sources: readonly LabelPatchSource[],
  validation: readonly ArteryVeinValidationItem[],
  options: TrainArteryVeinOptions = {},
  callbacks: ArteryVeinTrainCallbacks = {},
  resume?: TrainResume,
): Promise<{ history: ArteryVeinEpochRecord[]; best: ArteryVeinEpochRecord; stoppedEarly: boolean }> {
  const o = { ...DEFAULT_TRAIN_UNET, ...options };
  if (sources.length === 0) throw new VesselprintError('EMPTY_INPUT', 'trainArteryVein: no training images');
  if (validation.length === 0) throw new VesselprintError('EMPTY_INPUT', 'trainArteryVein: no validation images');
  const dp = dataParallelOf(o);
  const shards = dp === undefined ? 0 : (dp.shards ?? dp.workers ?? 1);
  const P = o.patches?.patchSize ?? 64;
  const C = sources[0]!.channels.length;
  const weights = o.classWeights ?? [1, 1, 1];
  const task: TrainTask<{ valAuc: number; valAvAccuracy: number; valScore: number }> = {
    name: 'trainArteryVein',
    sample: (rng, n) => {
      const b = sampleLabelPatchBatch(sources, n, rng, weights, o.patches);
      return {
        x: b.x,
        xShape: [n, P, P, C],
        targets: [
          { data: b.allowed, shape: [n, P, P, 3] },
          { data: b.weight, shape: [n, P, P, 1] },
        ],
      };
    },
    loss: ([allowed, weight], pred) => multiClassLoss(allowed!, pred, weight!, o.loss),
    ...(dp !== undefined
      ? {
          // Data-parallel: the targets travel packed as [n, P, P, 4] (3 allowed-class channels, then the weight).
          step: (m: tf.LayersModel, opt: tf.Optimizer, b: TaskBatch, i: number) =>
            dataParallelStep(
              m,
              opt,
              { x: b.x, xShape: b.xShape, y: packChannels(b.targets[0]!.data, 3, b.targets[1]!.data), yShape: [b.xShape[0], P, P, 4] },
              dp,
              { kind: 'artery-vein', options: o.loss ?? {} },
              i * shards,
            ),
        }
      : {}),
    validate: async (m) => {
      const v = await validateArteryVein(m, validation, o.validationTileSize);
      return { valAuc: v.auc, valAvAccuracy: v.avAccuracy, valScore: (v.auc + v.avAccuracy) / 2 };
    },
    score: (v) => v.valScore,
  };
  return trainLoop(model, task, o, callbacks, resume, (h) => {
    const n = (k: keyof ArteryVeinEpochRecord): number => h[k] ?? Number.NaN;
    return {
      epoch: n('epoch'),
      loss: n('loss'),
      learningRate: n('learningRate'),
      valAuc: n('valAuc'),
      valAvAccuracy: n('valAvAccuracy'),
      valScore: n('valScore'),
      msPerStep: n('msPerStep'),
      seconds: n('seconds'),
    };
  });
}

/** Interleaves `a` (`k` channels per pixel) and `b` (1 channel per pixel) into `k + 1` channels per pixel. */
function packChannels(a: Float32Array, k: number, b: Float32Array): Float32Array {
  const out = new Float32Array(b.length * (k + 1));
  for (let p = 0, o = 0; p < b.length; p++) {
    for (let c = 0; c < k; c++) out[o++] = a[p * k + c]!;
    out[o++] = b[p]!;
  }
  return out;
}
