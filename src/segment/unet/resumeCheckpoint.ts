/**
 * Resuming an experiment from its `last/` checkpoint, shared by the vessel and the artery/vein
 * experiment runners: the model of the last epoch, Adam's moment slots and iteration count, the
 * training state, and the best epoch's weights (so that a resume without improvement still ends with them).
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VesselprintError } from '../../core/errors.js';
import { loadTrainState, loadUnetModel } from './checkpoint.js';
import type { TrainResume } from './trainLoop.js';

/** What {@link resumeCheckpoint} returns; dispose `bestModel` after training. */
export interface ResumedCheckpoint {
  model: tf.LayersModel;
  resume: TrainResume;
  /** The model of the best epoch (its weights are `resume.bestWeights`), when one was saved. */
  bestModel?: tf.LayersModel;
}

/**
 * Loads `lastDir` (model, optimizer, state) and, when the state has a best epoch, the model in `bestDir`.
 *
 * @param dataHash the current training data's hash: a checkpoint of other data is refused
 * @param learningRate the Adam optimizer's initial learning rate (the schedule sets it per epoch)
 * @throws VesselprintError CONFIG_INVALID when the training data differ; FILE_NOT_FOUND / CORRUPT_FILE for a bad checkpoint
 * @example const { model, resume } = await resumeCheckpoint('out/x/last', 'out/x/best', hash, 2e-3);
 */
export async function resumeCheckpoint(
  lastDir: string,
  bestDir: string,
  dataHash: string,
  learningRate: number,
): Promise<ResumedCheckpoint> {
  const loaded = await loadUnetModel(lastDir);
  if (loaded.metadata.trainingDataHash !== dataHash) {
    throw new VesselprintError('CONFIG_INVALID', 'cannot resume: the training data differ from the checkpoint (hash mismatch)', {
      path: join(lastDir, 'metadata.json'),
      field: 'trainingDataHash',
    });
  }
  const optimizer = tf.train.adam(learningRate);
  // Adam's moment slots and iteration count come from the checkpoint.
  const state = await loadTrainState(lastDir, optimizer);
  const bestModel = state.bestEpoch >= 0 && existsSync(join(bestDir, 'model.json')) ? (await loadUnetModel(bestDir)).model : undefined;
  return {
    model: loaded.model,
    resume: { state, optimizer, ...(bestModel ? { bestWeights: bestModel.getWeights() } : {}) },
    ...(bestModel ? { bestModel } : {}),
  };
}
