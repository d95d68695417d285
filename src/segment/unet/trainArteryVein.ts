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
import { trainLoop, type LoopCallbacks, type TrainResume, type TrainTask } from './trainLoop.js';
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
 * @throws VesselprintError EMPTY_INPUT without training or validation images, BACKEND on a non-finite loss, NOT_IMPLEMENTED for data-parallel steps
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
  if (dataParallelOf(o) !== undefined) {
    throw new VesselprintError(
      'NOT_IMPLEMENTED',
      'trainArteryVein: data-parallel steps (training.workers > 1 or training.shards) are implemented for task "vessel" only (the worker gradient protocol carries the vessel loss); use workers 1',
      { field: 'training.workers' },
    );
  }
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
