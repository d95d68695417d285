/**
 * Worker-thread entry of the extraction pool: loads the processor module named in workerData,
 * then answers `{ id, item }` messages with `{ id, result }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ItemProcessorFn, ItemResult, ProcessorModule, WorkItem } from './types.js';

interface Init {
  processorUrl: string;
  settings: unknown;
}

const init = workerData as Init;
const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

let fnPromise: Promise<ItemProcessorFn> | undefined;
function getFn(): Promise<ItemProcessorFn> {
  fnPromise ??= (async () => {
    const mod = (await import(init.processorUrl)) as ProcessorModule;
    return await mod.createProcessor(init.settings);
  })();
  return fnPromise;
}

port.on('message', (msg: { id: number; item: WorkItem }) => {
  void (async () => {
    let result: ItemResult;
    try {
      const fn = await getFn();
      result = { ok: true, row: await fn(msg.item) };
    } catch (e) {
      result = { ok: false, reason: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage({ id: msg.id, result });
  })();
});
