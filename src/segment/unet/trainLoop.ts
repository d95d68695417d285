/**
 * The one U-Net training loop, shared by the vessel task (`trainUnet`, one sigmoid output) and the
 * artery/vein task (`trainArteryVein`, 3-class softmax): seeded batches from the task's sampler,
 * Adam with a learning-rate schedule, the task's loss, whole-image validation each epoch, early
 * stopping on the task's score, best weights kept, resume from a checkpoint. What differs between
 * tasks (batches, loss, validation metrics, score) comes in a {@link TrainTask}; I/O
 * (checkpoints, progress bar, tracking) is the caller's, through callbacks.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../../core/rng.js';
import { VesselprintError } from '../../core/errors.js';
import type { TrainState } from './checkpoint.js';

/** Schedule and stopping options common to every task (defaults in `DEFAULT_TRAIN_UNET` of train.ts). */
export interface TrainScheduleOptions {
  batchSize: number;
  epochs: number;
  stepsPerEpoch: number;
  learningRate: number;
  lrSchedule: 'constant' | 'cosine' | 'step';
  minLearningRate: number;
  stepEvery: number;
  patience: number;
  seed: number;
}

/** One training batch: input `[B, P, P, C]` and the loss targets, flat with their shapes. */
export interface TaskBatch {
  x: Float32Array;
  xShape: [number, number, number, number];
  targets: Array<{ data: Float32Array; shape: [number, number, number, number] }>;
}

/** What a task brings to {@link trainLoop}; `V` is its validation record (e.g. `{ valAuc, valDice }`). */
export interface TrainTask<V extends object> {
  /** Name used in error messages (e.g. "trainUnet"). */
  name: string;
  sample(rng: Rng, batchSize: number): TaskBatch;
  /** Loss of the model's training-mode output `pred` against the batch targets (tensors in `targets` order). */
  loss(targets: tf.Tensor4D[], pred: tf.Tensor4D): tf.Scalar;
  /** Optional replacement of the default one-thread step (data-parallel training); returns the loss. */
  step?(model: tf.LayersModel, optimizer: tf.Optimizer, batch: TaskBatch, stepIndex: number): Promise<number>;
  validate(model: tf.LayersModel): Promise<V>;
  /** The monitored score (larger is better) of a validation record. */
  score(v: V): number;
}

/** The fields every epoch record has, whatever the task. */
export interface EpochBase {
  epoch: number;
  loss: number;
  learningRate: number;
  msPerStep: number;
  seconds: number;
}

export interface LoopCallbacks<R> {
  /** After each optimizer step. */
  onStep?: (info: { epoch: number; step: number; steps: number; loss: number; msPerStep: number }) => void;
  /** After validation; `isBest` when the monitored score improved. Awaited (checkpointing). */
  onEpochEnd?: (record: R, isBest: boolean, state: TrainState, optimizer: tf.Optimizer) => void | Promise<void>;
}

/** A checkpoint to continue from: its state and optimizer, and the weights of its best epoch (required when it has one). */
export interface TrainResume {
  state: TrainState;
  optimizer: tf.Optimizer;
  bestWeights?: readonly tf.Tensor[];
}

/** Learning rate of epoch `e` (0-based) under a schedule. */
export function learningRateAt(
  e: number,
  o: Pick<TrainScheduleOptions, 'learningRate' | 'lrSchedule' | 'minLearningRate' | 'stepEvery' | 'epochs'>,
): number {
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
 * Trains `model` in place for a task; at the end the model holds the best epoch's weights (after a
 * resume in which no epoch improved: `resume.bestWeights`, and `best` is the checkpoint's record,
 * rebuilt by `fromHistory`).
 * @throws VesselprintError BAD_ARGUMENT when resuming after a best epoch without its weights or with nothing left to do; BACKEND on a non-finite loss
 * @example const r = await trainLoop(model, vesselTask, schedule, {}, undefined, (h) => h as EpochRecord);
 */
export async function trainLoop<V extends object>(
  model: tf.LayersModel,
  task: TrainTask<V>,
  o: TrainScheduleOptions,
  callbacks: LoopCallbacks<EpochBase & V> = {},
  resume: TrainResume | undefined,
  fromHistory: (h: Record<string, number>) => EpochBase & V,
): Promise<{ history: Array<EpochBase & V>; best: EpochBase & V; stoppedEarly: boolean }> {
  if (resume !== undefined && resume.state.bestEpoch >= 0 && resume.bestWeights === undefined) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `${task.name}: resuming after a best epoch (${resume.state.bestEpoch}) needs resume.bestWeights, the weights of that epoch, so that the best epoch's weights can be returned`,
      { field: 'resume.bestWeights' },
    );
  }
  const optimizer = resume?.optimizer ?? tf.train.adam(o.learningRate);
  // eslint-disable-next-line no-restricted-syntax -- tfjs boundary: the optimizers' learningRate is protected; the schedule sets it in place.
  const lrHolder = optimizer as unknown as { learningRate: number };
  const history: Array<EpochBase & V> = [];
  const state: TrainState = resume?.state ?? { epoch: -1, bestEpoch: -1, bestScore: -Infinity, epochsWithoutImprovement: 0, history: [] };
  let bestWeights: tf.Tensor[] | undefined;
  let best: (EpochBase & V) | undefined;
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
      const batch = task.sample(rng, o.batchSize);
      const s0 = performance.now();
      let loss: number;
      if (task.step !== undefined) loss = await task.step(model, optimizer, batch, epoch * o.stepsPerEpoch + step);
      else {
        const lossTensor = tf.tidy(() => {
          const x = tf.tensor4d(batch.x, batch.xShape);
          const ys = batch.targets.map((t) => tf.tensor4d(t.data, t.shape));
          return optimizer.minimize(() => task.loss(ys, model.apply(x, { training: true }) as tf.Tensor4D), true)!;
        });
        // Asynchronous read: the webgpu backend cannot read a GPU tensor synchronously in Node.
        loss = (await lossTensor.data())[0]!;
        lossTensor.dispose();
      }
      const ms = performance.now() - s0;
      stepMs += ms;
      if (!Number.isFinite(loss))
        throw new VesselprintError('BACKEND', `${task.name}: loss became ${loss} at epoch ${epoch} step ${step}; lower the learning rate`);
      lossSum += loss;
      callbacks.onStep?.({ epoch, step, steps: o.stepsPerEpoch, loss, msPerStep: ms });
    }
    const v = await task.validate(model);
    const rec: EpochBase & V = {
      epoch,
      loss: lossSum / o.stepsPerEpoch,
      learningRate: lr,
      ...v,
      msPerStep: stepMs / o.stepsPerEpoch,
      seconds: (performance.now() - t0) / 1000,
    };
    history.push(rec);
    const score = task.score(v);
    const isBest = score > state.bestScore;
    state.epoch = epoch;
    state.history.push(numericFields(rec));
    if (isBest) {
      state.bestScore = score;
      state.bestEpoch = epoch;
      state.epochsWithoutImprovement = 0;
      best = rec;
      bestWeights?.forEach((w) => w.dispose());
      bestWeights = model.getWeights().map((w) => w.clone());
    } else state.epochsWithoutImprovement++;
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
    const h = resume.state.history.find((r) => r['epoch'] === resume.state.bestEpoch);
    if (h !== undefined) best = fromHistory(h);
  }
  if (resume === undefined) optimizer.dispose();
  if (best === undefined) {
    const last = history[history.length - 1];
    if (last === undefined)
      throw new VesselprintError('BAD_ARGUMENT', `${task.name}: nothing to do (resumed at epoch ${state.epoch + 1} of ${o.epochs})`, {
        field: 'epochs',
      });
    best = last;
  }
  return { history, best, stoppedEarly };
}

/** The numeric fields of a record (the JSON form kept in {@link TrainState}'s history). */
function numericFields(rec: object): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(rec)) if (typeof x === 'number') out[k] = x;
  return out;
}
