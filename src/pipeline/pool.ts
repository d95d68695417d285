import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { ItemProcessorFn, ItemResult, ProcessorModule, WorkItem } from './types.js';

export interface PoolOptions {
  /** URL (file://) of a module exporting `createProcessor(settings)`. */
  processorUrl: string;
  /** Plain-JSON settings passed to `createProcessor`. */
  settings: unknown;
  /** Number of worker threads; 1 runs in this thread (no worker). */
  workers: number;
}

/**
 * Runs items through the processor on `workers` threads, calling `onResult` as each finishes
 * (completion order). A crashed worker fails only its current item and is replaced.
 * Resolves when every item has a result.
 */
export async function runPool(
  items: readonly WorkItem[],
  options: PoolOptions,
  onResult: (item: WorkItem, result: ItemResult) => void,
): Promise<void> {
  if (items.length === 0) return;
  if (options.workers <= 1) {
    const mod = (await import(options.processorUrl)) as ProcessorModule;
    const fn: ItemProcessorFn = await mod.createProcessor(options.settings);
    for (const item of items) {
      let result: ItemResult;
      try {
        result = { ok: true, row: await fn(item) };
      } catch (e) {
        result = { ok: false, reason: e instanceof Error ? e.message : String(e) };
      }
      onResult(item, result);
    }
    return;
  }
  // From TypeScript sources the worker starts through a bootstrap that registers tsx; from dist/ directly.
  const fromTs = import.meta.url.endsWith('.ts');
  const entryUrl = new URL(fromTs ? './worker.ts' : './worker.js', import.meta.url).href;
  const startFile = fileURLToPath(fromTs ? new URL('./tsWorkerBootstrap.mjs', import.meta.url) : entryUrl);
  let next = 0;
  let finished = 0;
  const live = new Set<Worker>();
  try {
    await new Promise<void>((resolveAll, rejectAll) => {
      const spawn = (): void => {
        if (next >= items.length) return;
        const w: Worker = new Worker(startFile, {
          workerData: { processorUrl: options.processorUrl, settings: options.settings, entryUrl },
        });
        live.add(w);
        let current: { id: number; item: WorkItem } | undefined;
        const feed = (): void => {
          if (next >= items.length) {
            current = undefined;
            void w.terminate();
            return;
          }
          const id = next++;
          current = { id, item: items[id]! };
          w.postMessage(current);
        };
        w.on('message', (msg: { id: number; result: ItemResult }) => {
          if (!current || msg.id !== current.id) return;
          const item = current.item;
          current = undefined;
          finished++;
          try {
            onResult(item, msg.result);
          } catch (e) {
            rejectAll(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          if (finished === items.length) resolveAll();
          else feed();
        });
        w.on('error', (err: Error) => {
          if (current) {
            const item = current.item;
            current = undefined;
            finished++;
            onResult(item, { ok: false, reason: `worker crashed: ${err.message}` });
            if (finished === items.length) resolveAll();
            else spawn();
          }
        });
        w.on('exit', (code) => {
          live.delete(w);
          if (current) {
            const item = current.item;
            current = undefined;
            finished++;
            onResult(item, { ok: false, reason: `worker exited with code ${code}` });
            if (finished === items.length) resolveAll();
            else spawn();
          }
        });
        feed();
      };
      const n = Math.min(options.workers, items.length);
      for (let i = 0; i < n; i++) spawn();
    });
  } finally {
    await Promise.all([...live].map((w) => w.terminate()));
  }
}
