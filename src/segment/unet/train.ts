/**
 * U-Net vessel training — the vessel task of the one training loop (`trainLoop.ts`): seeded
 * balanced patch batches with augmentation, loss BCE + soft Dice (+ optional soft clDice), Adam
 * with a learning-rate schedule, whole-image validation each epoch (AUC and Dice from
 * `segment/metrics`), early stopping on the monitored metric, best weights kept, optional
 * data-parallel steps. I/O (checkpoints, progress bar, tracking) is the caller's, through callbacks.
 */
import * as tf from '@tensorflow/tfjs';
import type { Mask2D } from '../../core/image.js';
import { VesselprintError } from '../../core/errors.js';
import { evaluateSegmentation } from '../metrics/evaluate.js';
import { segLoss, type SegLossOptions } from './losses.js';
import { samplePatchBatch, type PatchBatchOptions, type PatchSource } from './patches.js';
import { predictProbability } from './infer.js';
import type { PreparedImage } from './prepare.js';
import { trainLoop, type LoopCallbacks, type TaskBatch, type TrainResume, type TrainTask } from './trainLoop.js';
import { dataParallelStep, type DataParallelOptions } from './parallel/dataParallelStep.js';

export interface TrainUnetOptions {
  /** Patches per step. Default 8. */
  batchSize?: number;
  /** Maximum epochs. Default 30. */
  epochs?: number;
  /** Optimizer steps per epoch. Default 50. */
  stepsPerEpoch?: number;
  /** Initial Adam learning rate. Default 1e-3. */
  learningRate?: number;
  /** 'constant', 'cosine' (to `minLearningRate` at the last epoch) or 'step' (×0.5 every `stepEvery` epochs). Default 'cosine'. */
  lrSchedule?: 'constant' | 'cosine' | 'step';
  minLearningRate?: number;
  stepEvery?: number;
  /** Early stopping: epochs without improvement of `monitor` before stopping. Default 8. */
  patience?: number;
  /** Validation metric to maximise. Default 'auc'. */
  monitor?: 'auc' | 'dice';
  /** Seed of patch sampling and augmentation. Default 0. */
  seed?: number;
  /** Tile size of the validation inference. Default 128. */
  validationTileSize?: number;
  loss?: SegLossOptions;
  patches?: PatchBatchOptions;
  /**
   * Data-parallel steps on CPU (`unet/parallel/dataParallelStep`): the batch split into `shards`
   * ghost batches computed on `workers` threads. Default: none (one `optimizer.minimize` per batch).
   */
  dataParallel?: DataParallelOptions;
  /** Shorthand of `dataParallel` (the config's `training.workers`): worker threads; > 1 turns data-parallel steps on. Default 1. */
  workers?: number;
  /** Shorthand of `dataParallel.shards` (the config's `training.shards`); when set, data-parallel steps are on. */
  shards?: number;
}

export { learningRateAt } from './trainLoop.js';

export const DEFAULT_TRAIN_UNET = {
  batchSize: 8,
  epochs: 30,
  stepsPerEpoch: 50,
  learningRate: 1e-3,
  lrSchedule: 'cosine' as 'constant' | 'cosine' | 'step',
  minLearningRate: 1e-5,
  stepEvery: 10,
  patience: 8,
  monitor: 'auc' as 'auc' | 'dice',
  seed: 0,
  validationTileSize: 128,
};

/** A whole validation image. */
export interface ValidationItem {
  image: PreparedImage;
  truth: Mask2D;
}

/** One epoch's record. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  learningRate: number;
  valAuc: number;
  valDice: number;
  /** Dice-optimal threshold over the pooled validation images. */
  valThreshold: number;
  valDiceAtThreshold: number;
  msPerStep: number;
  seconds: number;
}

/** Per-step and per-epoch callbacks (see {@link LoopCallbacks}). */
export type TrainCallbacks = LoopCallbacks<EpochRecord>;

export interface TrainUnetResult {
  history: EpochRecord[];
  best: EpochRecord;
  stoppedEarly: boolean;
}

/**
 * Trains `model` in place (the vessel task of {@link trainLoop}: balanced patch batches, loss
 * {@link segLoss}, validation AUC/Dice, `monitor` as the score); at the end the model holds the
 * best epoch's weights.
 * @param resume state and optimizer from a checkpoint (`loadTrainState`) to continue after its
 *   epoch, and `bestWeights`, the weights of the checkpoint's best epoch (e.g. `best/`): when no
 *   epoch of this call improves on it, the model ends with these (not the last epoch's) weights
 *   and `best` is that epoch's record. The caller keeps ownership of `bestWeights`.
 * @throws VesselprintError EMPTY_INPUT without training or validation images
 * @example
 * const r = await trainUnet(model, sources, val, { epochs: 2, stepsPerEpoch: 5 });
 * r.best.valAuc; // e.g. 0.95
 */
export async function trainUnet(
  model: tf.LayersModel,
  sources: readonly PatchSource[],
  validation: readonly ValidationItem[],
  options: TrainUnetOptions = {},
  callbacks: TrainCallbacks = {},
  resume?: TrainResume,
): Promise<TrainUnetResult> {
  const o = { ...DEFAULT_TRAIN_UNET, ...options };
  if (sources.length === 0) throw new VesselprintError('EMPTY_INPUT', 'trainUnet: no training images');
  if (validation.length === 0) throw new VesselprintError('EMPTY_INPUT', 'trainUnet: no validation images');
  const P = o.patches?.patchSize ?? 64;
  const dp = dataParallelOf(o);
  const shards = dp === undefined ? 0 : (dp.shards ?? dp.workers ?? 1);
  const task: TrainTask<VesselValidation> = {
    name: 'trainUnet',
    sample: (rng, n) => {
      const b = samplePatchBatch(sources, n, rng, o.patches);
      return { x: b.x, xShape: [n, P, P, b.x.length / (n * P * P)], targets: [{ data: b.y, shape: [n, P, P, b.y.length / (n * P * P)] }] };
    },
    loss: ([y], pred) => segLoss(y!, pred, o.loss),
    ...(dp !== undefined
      ? {
          step: (m: tf.LayersModel, opt: tf.Optimizer, b: TaskBatch, i: number) =>
            dataParallelStep(
              m,
              opt,
              { x: b.x, xShape: b.xShape, y: b.targets[0]!.data, yShape: b.targets[0]!.shape },
              dp,
              o.loss ?? {},
              i * shards,
            ),
        }
      : {}),
    validate: async (m) => {
      const v = await validate(m, validation, o.validationTileSize);
      return { valAuc: v.auc, valDice: v.dice, valThreshold: v.threshold, valDiceAtThreshold: v.diceAtThreshold };
    },
    score: (v) => (o.monitor === 'auc' ? v.valAuc : v.valDice),
  };
  return trainLoop(model, task, o, callbacks, resume, epochRecordFrom);
}

/** The data-parallel options of trainer options: `dataParallel`, else from `workers`/`shards`, else none. */
export function dataParallelOf(o: Pick<TrainUnetOptions, 'dataParallel' | 'workers' | 'shards'>): DataParallelOptions | undefined {
  if (o.dataParallel !== undefined) return o.dataParallel;
  const workers = o.workers ?? 1;
  return workers > 1 || o.shards !== undefined ? { workers, shards: o.shards ?? workers } : undefined;
}

/** The validation fields of an {@link EpochRecord}. */
interface VesselValidation {
  valAuc: number;
  valDice: number;
  valThreshold: number;
  valDiceAtThreshold: number;
}

/** An {@link EpochRecord} from its JSON form in a {@link TrainState}'s history. */
function epochRecordFrom(r: Record<string, number>): EpochRecord {
  const n = (k: keyof EpochRecord): number => r[k] ?? Number.NaN;
  return {
    epoch: n('epoch'),
    loss: n('loss'),
    learningRate: n('learningRate'),
    valAuc: n('valAuc'),
    valDice: n('valDice'),
    valThreshold: n('valThreshold'),
    valDiceAtThreshold: n('valDiceAtThreshold'),
    msPerStep: n('msPerStep'),
    seconds: n('seconds'),
  };
}

/** Pooled validation metrics: mean per-image AUC and Dice at 0.5, and the Dice-optimal threshold over all pixels. */
export async function validate(
  model: tf.LayersModel,
  items: readonly ValidationItem[],
  tileSize: number,
): Promise<{ auc: number; dice: number; threshold: number; diceAtThreshold: number }> {
  let auc = 0;
  let dice = 0;
  const probs: Float32Array[] = [];
  for (const it of items) {
    const p = await predictProbability(model, it.image, { tileSize, overlap: Math.floor(tileSize / 4) });
    const e = evaluateSegmentation(p, it.truth, it.image.fov, { cldice: false, threshold: 0.5 });
    auc += e.auc;
    dice += e.dice;
    probs.push(p.data);
  }
  // Dice-optimal threshold on the pooled validation pixels (a fair choice: validation, not test).
  const pooled = poolInside(items, probs);
  const e = evaluateSegmentation(pooled.scores, pooled.truth, undefined, { cldice: false, threshold: 0.5 });
  return { auc: auc / items.length, dice: dice / items.length, threshold: e.oracleDiceThreshold, diceAtThreshold: e.oracleDice };
}

function poolInside(
  items: readonly ValidationItem[],
  probs: Float32Array[],
): { scores: { data: Float32Array; width: number; height: number; channels: number }; truth: Mask2D } {
  let n = 0;
  for (const it of items) for (let k = 0; k < it.image.fov.data.length; k++) if (it.image.fov.data[k] !== 0) n++;
  const s = new Float32Array(n);
  const t = new Uint8Array(n);
  let i = 0;
  items.forEach((it, j) => {
    const p = probs[j]!;
    for (let k = 0; k < it.image.fov.data.length; k++) {
      if (it.image.fov.data[k] === 0) continue;
      s[i] = p[k]!;
      t[i++] = it.truth.data[k] !== 0 ? 1 : 0;
    }
  });
  return { scores: { data: s, width: n, height: 1, channels: 1 }, truth: { data: t, width: n, height: 1 } };
}
