/**
 * U-Net training loop: seeded balanced patch batches with augmentation, loss BCE + soft Dice
 * (+ optional soft clDice), Adam with a learning-rate schedule, whole-image validation each epoch
 * (AUC and Dice from `segment/metrics`), early stopping on the monitored metric, best weights
 * kept. I/O (checkpoints, progress bar, tracking) is the caller's, through callbacks.
 */
import * as tf from '@tensorflow/tfjs';
import type { Mask2D } from '../../core/image.js';
import { createRng } from '../../core/rng.js';
import { VesselprintError } from '../../core/errors.js';
import { evaluateSegmentation } from '../metrics/evaluate.js';
import { segLoss, type SegLossOptions } from './losses.js';
import { samplePatchBatch, type PatchBatchOptions, type PatchSource } from './patches.js';
import { predictProbability } from './infer.js';
import type { PreparedImage } from './prepare.js';
import type { TrainState } from './checkpoint.js';
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
}

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

export interface TrainCallbacks {
  /** After each optimizer step. */
  onStep?: (info: { epoch: number; step: number; steps: number; loss: number; msPerStep: number }) => void;
  /** After validation; `isBest` when the monitored metric improved. Awaited (checkpointing). */
  onEpochEnd?: (record: EpochRecord, isBest: boolean, state: TrainState, optimizer: tf.Optimizer) => void | Promise<void>;
}

export interface TrainUnetResult {
  history: EpochRecord[];
  best: EpochRecord;
  stoppedEarly: boolean;
}

/** Learning rate of epoch `e` (0-based) under a schedule. */
export function learningRateAt(e: number, o: Pick<typeof DEFAULT_TRAIN_UNET, 'learningRate' | 'lrSchedule' | 'minLearningRate' | 'stepEvery' | 'epochs'>): number {
  switch (o.lrSchedule) {
    case 'constant':
      return o.learningRate;
    case 'step':
      return o.learningRate * 0.5 ** Math.floor(e / o.stepEvery);
    case 'cosine': {
      const t = o.epochs <= 1 ? 0 : e / (o.epochs - 1);
      return o.minLearningRate + 0.5 * (o.learningRate - o.minLearningRate) * (1 + Math.cos(Math.PI * t));
    }
  }
}

/**
 * Trains `model` in place; at the end the model holds the best epoch's weights.
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
  resume?: { state: TrainState; optimizer: tf.Optimizer; bestWeights?: readonly tf.Tensor[] },
): Promise<TrainUnetResult> {
  const o = { ...DEFAULT_TRAIN_UNET, ...options };
  if (sources.length === 0) throw new VesselprintError('EMPTY_INPUT', 'trainUnet: no training images');
  if (validation.length === 0) throw new VesselprintError('EMPTY_INPUT', 'trainUnet: no validation images');
  if (resume !== undefined && resume.state.bestEpoch >= 0 && resume.bestWeights === undefined) {
    throw new VesselprintError('BAD_ARGUMENT', `trainUnet: resuming after a best epoch (${resume.state.bestEpoch}) needs resume.bestWeights, the weights of that epoch, so that the best epoch's weights can be returned`, { field: 'resume.bestWeights' });
  }
  const P = o.patches?.patchSize ?? 64;
  const optimizer = resume?.optimizer ?? tf.train.adam(o.learningRate);
  // eslint-disable-next-line no-restricted-syntax -- tfjs boundary: the optimizers' learningRate is protected; the schedule sets it in place.
  const lrHolder = optimizer as unknown as { learningRate: number };
  const history: EpochRecord[] = [];
  const state: TrainState = resume?.state ?? { epoch: -1, bestEpoch: -1, bestScore: -Infinity, epochsWithoutImprovement: 0, history: [] };
  let bestWeights: tf.Tensor[] | undefined;
  let best: EpochRecord | undefined;
  let stoppedEarly = false;
  const root = createRng(o.seed);
  for (let epoch = state.epoch + 1; epoch < o.epochs; epoch++) {
    const t0 = performance.now();
    const lr = learningRateAt(epoch, o);
    lrHolder.learningRate = lr;
    const rng = root.fork(`epoch${epoch}`);
    let lossSum = 0;
    let stepMs = 0;
    for (let step = 0; step < o.stepsPerEpoch; step++) {
      const batch = samplePatchBatch(sources, o.batchSize, rng, o.patches);
      const s0 = performance.now();
      const shards = o.dataParallel === undefined ? 0 : (o.dataParallel.shards ?? o.dataParallel.workers ?? 1);
      let loss: number;
      if (o.dataParallel !== undefined) {
        loss = await dataParallelStep(model, optimizer, { x: batch.x, xShape: [o.batchSize, P, P, batch.x.length / (o.batchSize * P * P)], y: batch.y, yShape: [o.batchSize, P, P, batch.y.length / (o.batchSize * P * P)] }, o.dataParallel, o.loss ?? {}, (epoch * o.stepsPerEpoch + step) * shards);
      } else {
        const lossTensor = tf.tidy(() => {
          const x = tf.tensor4d(batch.x, [o.batchSize, P, P, 1]);
          const y = tf.tensor4d(batch.y, [o.batchSize, P, P, 1]);
          return optimizer.minimize(() => segLoss(y, model.apply(x, { training: true }) as tf.Tensor4D, o.loss), true)!;
        });
        // Asynchronous read: the webgpu backend cannot read a GPU tensor synchronously in Node.
        loss = (await lossTensor.data())[0]!;
        lossTensor.dispose();
      }
      const ms = performance.now() - s0;
      stepMs += ms;
      if (!Number.isFinite(loss)) throw new VesselprintError('BACKEND', `trainUnet: loss became ${loss} at epoch ${epoch} step ${step}; lower the learning rate`);
      lossSum += loss;
      callbacks.onStep?.({ epoch, step, steps: o.stepsPerEpoch, loss, msPerStep: ms });
    }
    const v = await validate(model, validation, o.validationTileSize);
    const rec: EpochRecord = {
      epoch,
      loss: lossSum / o.stepsPerEpoch,
      learningRate: lr,
      valAuc: v.auc,
      valDice: v.dice,
      valThreshold: v.threshold,
      valDiceAtThreshold: v.diceAtThreshold,
      msPerStep: stepMs / o.stepsPerEpoch,
      seconds: (performance.now() - t0) / 1000,
    };
    history.push(rec);
    const score = o.monitor === 'auc' ? rec.valAuc : rec.valDice;
    const isBest = score > state.bestScore;
    state.epoch = epoch;
    state.history.push({ ...rec });
    if (isBest) {
      state.bestScore = score;
      state.bestEpoch = epoch;
      state.epochsWithoutImprovement = 0;
      best = rec;
      bestWeights?.forEach((w) => w.dispose());
      bestWeights = model.getWeights().map((w) => w.clone());
    } else {
      state.epochsWithoutImprovement++;
    }
    await callbacks.onEpochEnd?.(rec, isBest, state, optimizer);
    if (state.epochsWithoutImprovement >= o.patience) {
      stoppedEarly = true;
      break;
    }
  }
  if (bestWeights !== undefined) {
    model.setWeights(bestWeights);
    bestWeights.forEach((w) => w.dispose());
  } else if (resume?.bestWeights !== undefined && resume.state.bestEpoch >= 0) {
    // resumed and never improved: the best epoch is the checkpoint's, and so are its weights
    model.setWeights([...resume.bestWeights]);
    const h = resume.state.history.find((r) => r.epoch === resume.state.bestEpoch);
    if (h !== undefined) best = epochRecordFrom(h);
  }
  if (resume === undefined) optimizer.dispose();
  if (best === undefined) {
    const last = history[history.length - 1];
    if (last === undefined) throw new VesselprintError('BAD_ARGUMENT', `trainUnet: nothing to do (resumed at epoch ${state.epoch + 1} of ${o.epochs})`, { field: 'epochs' });
    best = last;
  }
  return { history, best, stoppedEarly };
}

/** An {@link EpochRecord} from its JSON form in a {@link TrainState}'s history. */
function epochRecordFrom(r: Record<string, number>): EpochRecord {
  const n = (k: keyof EpochRecord): number => r[k] ?? Number.NaN;
  return { epoch: n('epoch'), loss: n('loss'), learningRate: n('learningRate'), valAuc: n('valAuc'), valDice: n('valDice'), valThreshold: n('valThreshold'), valDiceAtThreshold: n('valDiceAtThreshold'), msPerStep: n('msPerStep'), seconds: n('seconds') };
}

/** Pooled validation metrics: mean per-image AUC and Dice at 0.5, and the Dice-optimal threshold over all pixels. */
export async function validate(model: tf.LayersModel, items: readonly ValidationItem[], tileSize: number): Promise<{ auc: number; dice: number; threshold: number; diceAtThreshold: number }> {
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

function poolInside(items: readonly ValidationItem[], probs: Float32Array[]): { scores: { data: Float32Array; width: number; height: number; channels: number }; truth: Mask2D } {
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
