/**
 * Training loop of the artery/vein/vessel U-Net (3-class softmax: background, artery, vein):
 * seeded vessel-balanced patch batches with augmentation ({@link sampleLabelPatchBatch}),
 * class-balanced partial-label cross-entropy + foreground soft Dice ({@link multiClassLoss}),
 * Adam with the learning-rate schedules of `trainUnet`, whole-image validation each epoch (vessel
 * AUC, centreline A/V accuracy), best weights kept by the mean of the two. I/O is the caller's.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../core/rng.js';
import { VesselprintError } from '../../core/errors.js';
import type { Mask2D } from '../../core/image.js';
import { multiClassLoss, type MultiClassLossOptions } from './multiClassLoss.js';
import { sampleLabelPatchBatch, type LabelPatchSource } from './avPatches.js';
import type { PatchBatchOptions } from './patches.js';
import { predictClassProbabilities } from './inferClasses.js';
import { centrelineAvAccuracy, vesselAuc } from './avMetrics.js';
import { DEFAULT_TRAIN_UNET, learningRateAt, type TrainUnetOptions } from './train.js';
import type { PreparedImage } from './prepare.js';
import type { LabelMap } from './avLabels.js';
import type { TrainState } from './checkpoint.js';

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

export interface ArteryVeinTrainCallbacks {
  onStep?: (info: { epoch: number; step: number; steps: number; loss: number; msPerStep: number }) => void;
  onEpochEnd?: (record: ArteryVeinEpochRecord, isBest: boolean, state: TrainState, optimizer: tf.Optimizer) => void | Promise<void>;
}

/** Mean vessel AUC and centreline A/V accuracy over validation images. */
export function validateArteryVein(model: tf.LayersModel, items: readonly ArteryVeinValidationItem[], tileSize: number): { auc: number; avAccuracy: number } {
  let auc = 0;
  let acc = 0;
  for (const it of items) {
    const [bg, artery, vein] = predictClassProbabilities(model, it.channels, { tileSize, overlap: Math.min(32, Math.floor(tileSize / 4)) }) as [Float32Array, Float32Array, Float32Array];
    const vessel = new Float32Array(bg.length);
    for (let k = 0; k < bg.length; k++) vessel[k] = it.fov.data[k] !== 0 ? 1 - bg[k]! : 0;
    auc += vesselAuc(vessel, it.labels, it.fov).auc;
    acc += centrelineAvAccuracy(artery, vein, it.labels).accuracy;
  }
  return { auc: auc / items.length, avAccuracy: acc / items.length };
}

/**
 * Trains `model` (3 softmax outputs) in place; at the end it holds the best epoch's weights
 * (after a resume in which no epoch improved: the last epoch's, `best` then being the
 * checkpoint's best record).
 * @throws VesselprintError EMPTY_INPUT without training or validation images, BACKEND on a non-finite loss
 * @example const r = await trainArteryVein(model, sources, val, { epochs: 2, stepsPerEpoch: 5 });
 */
export async function trainArteryVein(
  model: tf.LayersModel,
  sources: readonly LabelPatchSource[],
  validation: readonly ArteryVeinValidationItem[],
  options: TrainArteryVeinOptions = {},
  callbacks: ArteryVeinTrainCallbacks = {},
  resume?: { state: TrainState; optimizer: tf.Optimizer },
): Promise<{ history: ArteryVeinEpochRecord[]; best: ArteryVeinEpochRecord; stoppedEarly: boolean }> {
  const o = { ...DEFAULT_TRAIN_UNET, ...options };
  if (sources.length === 0) throw new VesselprintError('EMPTY_INPUT', 'trainArteryVein: no training images');
  if (validation.length === 0) throw new VesselprintError('EMPTY_INPUT', 'trainArteryVein: no validation images');
  const P = o.patches?.patchSize ?? 64;
  const C = sources[0]!.channels.length;
  const weights = o.classWeights ?? [1, 1, 1];
  const optimizer = resume?.optimizer ?? tf.train.adam(o.learningRate);
  const lrHolder = optimizer as unknown as { learningRate: number };
  const history: ArteryVeinEpochRecord[] = [];
  const state: TrainState = resume?.state ?? { epoch: -1, bestEpoch: -1, bestScore: -Infinity, epochsWithoutImprovement: 0, history: [] };
  let bestWeights: tf.Tensor[] | undefined;
  let best: ArteryVeinEpochRecord | undefined;
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
      const b = sampleLabelPatchBatch(sources, o.batchSize, rng, weights, o.patches);
      const s0 = performance.now();
      const loss = tf.tidy(() => {
        const x = tf.tensor4d(b.x, [o.batchSize, P, P, C]);
        const m = tf.tensor4d(b.allowed, [o.batchSize, P, P, 3]);
        const w = tf.tensor4d(b.weight, [o.batchSize, P, P, 1]);
        const l = optimizer.minimize(() => multiClassLoss(m, model.apply(x, { training: true }) as tf.Tensor4D, w, o.loss), true);
        return l!.dataSync()[0]!;
      });
      const ms = performance.now() - s0;
      stepMs += ms;
      if (!Number.isFinite(loss)) throw new VesselprintError('BACKEND', `trainArteryVein: loss became ${loss} at epoch ${epoch} step ${step}; lower the learning rate`);
      lossSum += loss;
      callbacks.onStep?.({ epoch, step, steps: o.stepsPerEpoch, loss, msPerStep: ms });
    }
    const v = validateArteryVein(model, validation, o.validationTileSize);
    const rec: ArteryVeinEpochRecord = {
      epoch,
      loss: lossSum / o.stepsPerEpoch,
      learningRate: lr,
      valAuc: v.auc,
      valAvAccuracy: v.avAccuracy,
      valScore: (v.auc + v.avAccuracy) / 2,
      msPerStep: stepMs / o.stepsPerEpoch,
      seconds: (performance.now() - t0) / 1000,
    };
    history.push(rec);
    const isBest = rec.valScore > state.bestScore;
    state.epoch = epoch;
    state.history.push({ ...rec });
    if (isBest) {
      state.bestScore = rec.valScore;
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
  }
  if (resume === undefined) optimizer.dispose();
  if (best === undefined) {
    // Resumed and never improved: the best epoch is in the checkpoint's history (its weights are
    // the caller's best/ folder; the model holds the last epoch's).
    const prior = state.history.find((h) => h['epoch'] === state.bestEpoch) as ArteryVeinEpochRecord | undefined;
    const last = prior ?? history[history.length - 1];
    if (last === undefined) throw new VesselprintError('BAD_ARGUMENT', `trainArteryVein: nothing to do (resumed at epoch ${state.epoch + 1} of ${o.epochs})`, { field: 'epochs' });
    best = last;
  }
  return { history, best, stoppedEarly };
}
