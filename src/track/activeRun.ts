import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { VesselprintError } from '../core/errors.js';
import { flattenParams } from './flatten.js';
import type { ParamValue } from './flatten.js';
import { dictBytes, figureBytes, tableBytes } from './artifactFormats.js';
import type { PlotlyFigure } from './artifactFormats.js';
import type { RunInfo, TerminalStatus, TrackingStore } from './types.js';

/** Options a child run gets from {@link ActiveRun.child} (see `StartRunOptions` in startRun.ts). */
export interface ChildRunOptions {
  runName?: string;
  tags?: Record<string, string>;
  config?: { readonly [k: string]: ParamValue };
}

/** Creates a child run of `parent` (set by startRun.ts to avoid an import cycle). */
export type ChildFactory = (parent: ActiveRun, options: ChildRunOptions) => Promise<ActiveRun>;

/**
 * A run in progress. Every method is async and calls are applied in the order they are made
 * (an internal queue), so un-awaited logging keeps its order. Values go to the store at once:
 * a process killed mid-run leaves everything logged so far and a RUNNING run.
 *
 * @example
 * const run = await startRun({ experiment: 'demo' });
 * await run.logParams({ segment: { method: 'frangi' } });   // param segment.method
 * await run.logMetric('dice', 0.81, 3);
 * await run.end();
 */
export class ActiveRun {
  readonly store: TrackingStore;
  readonly info: RunInfo;
  /** Project root, for project-relative paths. */
  readonly projectRoot: string;
  #queue: Promise<unknown> = Promise.resolve();
  #ended: TerminalStatus | undefined;
  readonly #childFactory: ChildFactory;

  constructor(store: TrackingStore, info: RunInfo, projectRoot: string, childFactory: ChildFactory) {
    this.store = store;
    this.info = info;
    this.projectRoot = projectRoot;
    this.#childFactory = childFactory;
  }

  get runId(): string {
    return this.info.runId;
  }
  get experimentId(): string {
    return this.info.experimentId;
  }
  /** The status the run was ended with, or undefined while it runs. */
  get endedWith(): TerminalStatus | undefined {
    return this.#ended;
  }

  /** Runs `prepare` now (validation, serialisation) and queues the store call it returns; errors become rejections. */
  private guarded<T>(prepare: () => () => Promise<T>): Promise<T> {
    let call: () => Promise<T>;
    try {
      call = prepare();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return this.enqueue(call);
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#ended !== undefined) {
      return Promise.reject(
        new VesselprintError('TRACKING', `run ${this.runId} has already ended (${this.#ended}); start a new run to log more`),
      );
    }
    const p = this.#queue.then(fn);
    this.#queue = p.catch(() => undefined);
    return p;
  }

  /** Logs one param (immutable: logging another value for the key throws). */
  logParam(key: string, value: string | number | boolean): Promise<void> {
    return this.enqueue(() => this.store.logBatch(this.runId, { params: [{ key, value: String(value) }] }));
  }

  /** Logs a (nested) config as params with dotted keys (see `flattenParams`). */
  logParams(config: { readonly [k: string]: ParamValue }): Promise<void> {
    return this.guarded(() => {
      const flat = flattenParams(config);
      return () => this.store.logBatch(this.runId, { params: Object.entries(flat).map(([key, value]) => ({ key, value })) });
    });
  }

  /** Appends a value to a metric's history at `step` (integer, default 0); timestamp now (ms). */
  logMetric(key: string, value: number, step = 0, timestamp: number = Date.now()): Promise<void> {
    return this.enqueue(() => this.store.logBatch(this.runId, { metrics: [{ key, value, step, timestamp }] }));
  }

  /** Logs several metrics at one step in one batch. */
  logMetrics(metrics: Readonly<Record<string, number>>, step = 0, timestamp: number = Date.now()): Promise<void> {
    const list = Object.entries(metrics).map(([key, value]) => ({ key, value, step, timestamp }));
    return this.enqueue(() => this.store.logBatch(this.runId, { metrics: list }));
  }

  /** Sets (or overwrites) a tag. */
  setTag(key: string, value: string): Promise<void> {
    return this.enqueue(() => this.store.logBatch(this.runId, { tags: [{ key, value: String(value) }] }));
  }

  /** Sets several tags in one batch. */
  setTags(tags: Readonly<Record<string, string>>): Promise<void> {
    return this.enqueue(() =>
      this.store.logBatch(this.runId, { tags: Object.entries(tags).map(([key, value]) => ({ key, value: String(value) })) }),
    );
  }

  /**
   * Stores an artifact: a file (by path; default artifact path its file name) or bytes (the
   * artifact path is then required). The file's own location is never logged.
   */
  logArtifact(source: string | Uint8Array, artifactPath?: string): Promise<void> {
    return this.guarded(() => {
      let data: Uint8Array, target: string;
      if (typeof source === 'string') {
        if (!existsSync(source) || !statSync(source).isFile())
          throw new VesselprintError('FILE_NOT_FOUND', 'logArtifact: not a file', { path: source });
        data = new Uint8Array(readFileSync(source));
        target = artifactPath ?? basename(source);
      } else {
        if (artifactPath === undefined)
          throw new VesselprintError('BAD_ARGUMENT', 'logArtifact: bytes need an artifact path', { field: 'artifactPath' });
        data = source;
        target = artifactPath;
      }
      return () => this.store.logArtifact(this.runId, target, data);
    });
  }

  /** Stores a figure: a Plotly spec as JSON, or rendered SVG/PDF/PNG bytes (see `figureBytes`). */
  logFigure(figure: PlotlyFigure | Uint8Array | string, artifactPath: string): Promise<void> {
    return this.guarded(() => {
      const data = figureBytes(figure, artifactPath);
      return () => this.store.logArtifact(this.runId, artifactPath, data);
    });
  }

  /** Stores rows as a CSV artifact (see `tableBytes`); the path must end in `.csv`. */
  logTable(rows: readonly object[], artifactPath: string): Promise<void> {
    return this.guarded(() => {
      if (!artifactPath.toLowerCase().endsWith('.csv'))
        throw new VesselprintError('BAD_ARGUMENT', 'logTable: the artifact path must end in .csv', { field: artifactPath });
      const data = tableBytes(rows);
      return () => this.store.logArtifact(this.runId, artifactPath, data);
    });
  }

  /** Stores an object as a JSON or YAML artifact, chosen by the path's extension. */
  logDict(obj: unknown, artifactPath: string): Promise<void> {
    return this.guarded(() => {
      const data = dictBytes(obj, artifactPath);
      return () => this.store.logArtifact(this.runId, artifactPath, data);
    });
  }

  /** Starts a nested run (tag `mlflow.parentRunId`) in the same experiment and store. */
  child(options: ChildRunOptions = {}): Promise<ActiveRun> {
    return this.enqueue(() => this.#childFactory(this, options));
  }

  /** Ends the run (default FINISHED), after every queued call has been applied. Ending twice throws. */
  async end(status: TerminalStatus = 'FINISHED'): Promise<void> {
    await this.enqueue(async () => {
      await this.store.updateRun(this.runId, status, Date.now());
    });
    this.#ended = status;
  }
}
