/**
 * Worker-thread entry of the U-Net pool: its own tfjs backend (the main thread's choice, wasm on
 * a CPU machine), models loaded from artifacts, and three jobs — forward passes of tile batches,
 * gradients of a batch shard, and model disposal. See `protocol.ts` for the messages.
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from '../../../backend/selectBackend.js';
import { shardGradients } from './shardGradients.js';
import { forwardTiles } from '../infer.js';
import '../seededDropout.js';
import '../refineLogits.js';
import type {
  Envelope,
  GradientReply,
  GradientRequest,
  PredictReply,
  PredictRequest,
  WorkerInit,
  WorkerReply,
  WorkerRequest,
} from './protocol.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('tfWorker.ts must run in a worker thread');

const ready = selectBackend({ backend: init.backend });
const models = new Map<string, tf.LayersModel>();

function model(id: string): tf.LayersModel {
  const m = models.get(id);
  if (m === undefined) throw new Error(`tfWorker: no model "${id}" loaded`);
  return m;
}

async function predict(req: PredictRequest): Promise<PredictReply> {
  const m = model(req.modelId);
  const y = tf.tidy(() => forwardTiles(m, tf.tensor4d(req.x, req.shape as [number, number, number, number]), req.flipTta));
  try {
    // Asynchronous read, as on the main thread (the webgpu backend has no synchronous one in Node).
    return { kind: 'predict', y: ((await y.data()) as Float32Array).slice(), shape: y.shape };
  } finally {
    y.dispose();
  }
}

async function gradients(req: GradientRequest): Promise<GradientReply> {
  const m = model(req.modelId);
  const weights = m.weights;
  if (weights.length !== req.weights.length) throw new Error(`tfWorker: model has ${weights.length} weights, got ${req.weights.length}`);
  tf.tidy(() => m.setWeights(req.weights.map((w, i) => tf.tensor(w, weights[i]!.shape as number[]))));
  const x = tf.tensor(req.x, req.xShape);
  const y = tf.tensor(req.y, req.yShape);
  try {
    return { kind: 'gradients', ...(await shardGradients(m, x, y, req.loss, req.dropoutCall)) };
  } finally {
    x.dispose();
    y.dispose();
  }
}

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  await ready;
  switch (req.kind) {
    case 'load': {
      models.get(req.modelId)?.dispose();
      const m = await tf.loadLayersModel(tf.io.fromMemory(req.artifacts));
      models.set(req.modelId, m);
      return { kind: 'ack' };
    }
    case 'predict':
      return await predict(req);
    case 'gradients':
      return await gradients(req);
    case 'dispose':
      models.get(req.modelId)?.dispose();
      models.delete(req.modelId);
      return { kind: 'ack' };
  }
}

// Requests are handled one at a time, in arrival order.
let queue: Promise<void> = Promise.resolve();
port.on('message', (msg: Envelope<WorkerRequest>) => {
  queue = queue.then(async () => {
    let reply: Envelope<WorkerReply>;
    try {
      reply = { seq: msg.seq, body: await handle(msg.body!) };
    } catch (e) {
      reply = { seq: msg.seq, error: e instanceof Error ? e.message : String(e) };
    }
    const transfer: ArrayBuffer[] = [];
    const b = reply.body;
    if (b?.kind === 'predict') transfer.push(b.y.buffer as ArrayBuffer);
    if (b?.kind === 'gradients') for (const g of [...b.grads, ...b.nonTrainable]) transfer.push(g.buffer as ArrayBuffer);
    port.postMessage(reply, transfer);
  });
});
