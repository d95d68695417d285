import type { FeatureRow } from '../table/types.js';

/** One image to process: its manifest row (strings as in the file) and the manifest's folder. */
export interface WorkItem {
  imageId: string;
  /** 1-based data row in the manifest, for error messages. */
  manifestRow: number;
  row: Record<string, string>;
  /** Folder the manifest's relative paths resolve against. */
  manifestDir: string;
}

/** Result of one item: a feature row, or the reason it failed. */
export type ItemResult = { ok: true; row: FeatureRow } | { ok: false; reason: string };

/** Turns one work item into a feature row; throws on failure (the engine records the reason). */
export type ItemProcessorFn = (item: WorkItem) => Promise<FeatureRow>;

/**
 * A processor module (loaded by URL inside every worker thread) exports
 * `createProcessor(settings)` returning the per-item function. `settings` must be
 * structured-clonable (plain JSON).
 */
export interface ProcessorModule {
  createProcessor(settings: unknown): Promise<ItemProcessorFn> | ItemProcessorFn;
}
