/**
 * Messages between the main thread and the tfjs worker threads of the U-Net pool
 * (`tfWorkerPool.ts` ↔ `tfWorker.ts`). Tensors travel as Float32Array buffers with their shapes;
 * models as tfjs model artifacts (topology JSON + weight specs + weight bytes).
 */
import type { BackendName } from '../../../backend/types.js';
import type { ShardLoss } from './shardGradients.js';

/** A tfjs LayersModel in memory: what `tf.io.fromMemory` loads. */
export interface ModelArtifactsMessage {
  modelTopology: object;
  weightSpecs: Array<{ name: string; shape: number[]; dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64' }>;
  weightData: ArrayBuffer;
}

/** Loads a model under `modelId` (replacing an older one of that id). */
export interface LoadModelRequest {
  kind: 'load';
  modelId: string;
  artifacts: ModelArtifactsMessage;
}
/** Forward pass of a batch of tiles `[B, T, T, C]` (no training behaviour; `forwardTiles` of infer.ts). */
export interface PredictRequest {
  kind: 'predict';
  modelId: string;
  x: Float32Array;
  shape: number[];
  flipTta: boolean;
}
/**
 * Gradients of `loss(y, model(x, training))` for every trainable weight, after setting all the
 * model's weights (trainable and not, in `model.weights` order) to `weights`.
 */
export interface GradientRequest {
  kind: 'gradients';
  modelId: string;
  weights: Float32Array[];
  x: Float32Array;
  xShape: number[];
  y: Float32Array;
  yShape: number[];
  loss: ShardLoss;
  /** Training-call index of seeded dropout layers for this shard. */
  dropoutCall: number;
}
/** Frees a model. */
export interface DisposeRequest {
  kind: 'dispose';
  modelId: string;
}
export type WorkerRequest = LoadModelRequest | PredictRequest | GradientRequest | DisposeRequest;

export interface PredictReply {
  kind: 'predict';
  y: Float32Array;
  shape: number[];
}
export interface GradientReply {
  kind: 'gradients';
  loss: number;
  /** One gradient per trainable weight, in `model.trainableWeights` order. */
  grads: Float32Array[];
  /** The non-trainable weights after the step (batch-norm moving statistics), in `model.nonTrainableWeights` order. */
  nonTrainable: Float32Array[];
}
export interface AckReply {
  kind: 'ack';
}
export type WorkerReply = PredictReply | GradientReply | AckReply;

/** What a worker thread starts with. */
export interface WorkerInit {
  backend: BackendName;
  /** file:// URL of tfWorker (.ts from sources, .js from dist). */
  entryUrl: string;
}

/** Envelope: a request or reply with its sequence number; `error` instead of a reply on failure. */
export interface Envelope<T> {
  seq: number;
  body?: T;
  error?: string;
}
