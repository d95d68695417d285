/**
 * A pool of worker threads, each with its own tfjs backend, for the U-Net's data-parallel
 * training and tiled inference on CPU (tfjs wasm is single-threaded in Node, tfjs issue 3830).
 * The pool of a given size is started once per process and kept: starting a worker (tfjs +
 * wasm + backend probe) costs about a second. Its threads are `unref`'d, so an idle pool never
 * keeps the process alive.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { VesselprintError } from '../../../core/errors.js';
import { currentBackend, selectBackend } from '../../../backend/selectBackend.js';
import type { Envelope, ModelArtifactsMessage, WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';

/** A started pool: `call(i, request)` runs a request on worker i (requests to one worker run in order). */
export interface TfWorkerPool {
  readonly size: number;
  call<R extends WorkerReply>(worker: number, request: WorkerRequest, transfer?: ArrayBuffer[]): Promise<R>;
  /**
   * Loads `model` on every worker (once per model object: its weights as they are then; data-parallel
   * training sends the current weights with each request) and resolves to its id in the pool.
   */
  loadModel(model: tf.LayersModel): Promise<string>;
  /** Stops the threads. */
  close(): Promise<void>;
}

/**
 * The worker count to use for a request of `workers`: 1 when the active backend runs on a GPU
 * (webgpu, tensorflow-gpu), where one thread already drives the whole device and worker threads
 * would each open it; otherwise `workers`.
 */
export function effectiveWorkers(workers: number): number {
  const active = currentBackend();
  return active !== undefined && active.probes.some((p) => p.name === active.activeName && p.gpu) ? 1 : workers;
}

const pools = new Map<number, Promise<TfWorkerPool>>();
const modelIds = new WeakMap<tf.LayersModel, string>();
let modelSerial = 0;

/**
 * The process's pool of `size` workers (started on first use, on the main thread's backend).
 * @throws VesselprintError BAD_ARGUMENT when size is not an integer ≥ 1
 */
export function tfWorkerPool(size: number): Promise<TfWorkerPool> {
  if (!Number.isInteger(size) || size < 1)
    throw new VesselprintError('BAD_ARGUMENT', `workers must be an integer ≥ 1, got ${size}`, { field: 'workers' });
  let p = pools.get(size);
  if (p === undefined) {
    p = startPool(size);
    pools.set(size, p);
    p.catch(() => pools.delete(size));
  }
  return p;
}

/** The model as in-memory artifacts (topology, weight specs and bytes) for `tf.io.fromMemory`. */
export async function modelArtifacts(model: tf.LayersModel): Promise<ModelArtifactsMessage> {
  let out: ModelArtifactsMessage | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const data = a.weightData;
      const buf = data === undefined ? new ArrayBuffer(0) : Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
      out = {
        modelTopology: a.modelTopology as object,
        weightSpecs: (a.weightSpecs ?? []) as ModelArtifactsMessage['weightSpecs'],
        weightData: buf,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (out === undefined) throw new VesselprintError('BACKEND', 'tfWorkerPool: the model produced no artifacts');
  return out;
}

async function startPool(size: number): Promise<TfWorkerPool> {
  const backend = currentBackend()?.activeName ?? (await selectBackend()).activeName;
  const fromTs = import.meta.url.endsWith('.ts');
  const entryUrl = new URL(fromTs ? './tfWorker.ts' : './tfWorker.js', import.meta.url).href;
  // From the TypeScript sources a worker starts through the bootstrap that registers tsx.
  const startFile = fromTs ? fileURLToPath(new URL('../../../pipeline/tsWorkerBootstrap.mjs', import.meta.url)) : fileURLToPath(entryUrl);
  const init: WorkerInit = { backend, entryUrl };
  let seq = 0;
  const waiting = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  const workers: Worker[] = [];
  for (let i = 0; i < size; i++) {
    const w = new Worker(startFile, { workerData: init });
    w.unref();
    w.on('message', (m: Envelope<WorkerReply>) => {
      const h = waiting.get(m.seq);
      if (h === undefined) return;
      waiting.delete(m.seq);
      if (m.error !== undefined) h.reject(new VesselprintError('BACKEND', `U-Net worker ${i}: ${m.error}`));
      else h.resolve(m.body!);
    });
    w.on('error', (e: Error) => {
      for (const h of waiting.values()) h.reject(new VesselprintError('BACKEND', `U-Net worker ${i} crashed: ${e.message}`));
      waiting.clear();
      pools.delete(size);
    });
    workers.push(w);
  }
  const loaded = new Map<string, Promise<void>>();
  const pool: TfWorkerPool = {
    size,
    call<R extends WorkerReply>(i: number, request: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        const s = ++seq;
        waiting.set(s, { resolve: resolve as (r: WorkerReply) => void, reject });
        // A pending request keeps the process alive; an idle pool does not.
        workers[i]!.ref();
        const env: Envelope<WorkerRequest> = { seq: s, body: request };
        workers[i]!.postMessage(env, transfer);
      }).finally(() => {
        if (![...waiting.keys()].length) for (const w of workers) w.unref();
      });
    },
    async loadModel(model: tf.LayersModel): Promise<string> {
      let modelId = modelIds.get(model);
      if (modelId === undefined) {
        modelId = `m${++modelSerial}`;
        modelIds.set(model, modelId);
      }
      const id = modelId;
      let p = loaded.get(id);
      if (p === undefined) {
        p = modelArtifacts(model).then(async (artifacts) => {
          await Promise.all(workers.map((_, i) => pool.call(i, { kind: 'load', modelId: id, artifacts })));
        });
        loaded.set(id, p);
        p.catch(() => loaded.delete(id));
      }
      await p;
      return id;
    },
    async close(): Promise<void> {
      pools.delete(size);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
  return pool;
}
