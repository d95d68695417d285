import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { VesselprintError } from '../core/errors.js';
import { FileStore } from './fileStore.js';
import type { FileStoreOptions } from './fileStore.js';
import { RestStore } from './restStore.js';
import type { RestClientOptions } from './restClient.js';
import type { TrackingStore } from './types.js';

/** Options of {@link openStore}: the REST client's options and the file store's. */
export interface OpenStoreOptions extends RestClientOptions, FileStoreOptions {}

/** The tracking URI used when `MLFLOW_TRACKING_URI` is not set. */
export const DEFAULT_TRACKING_URI = 'file:./mlruns';

/**
 * Opens the tracking store named by `uri` (default: `MLFLOW_TRACKING_URI`, else `file:./mlruns`):
 * `http(s)://…` → {@link RestStore}; `file:///abs/mlruns`, `file:./rel` or a plain path →
 * {@link FileStore} (relative paths resolve against the current folder). `readOnly` opens an
 * existing file store without creating anything (used by `vesselprint runs`).
 *
 * @throws VesselprintError `BAD_ARGUMENT` for database URIs (`sqlite:`, `postgresql:` …) and other
 *   schemes: run `mlflow server --backend-store-uri <that URI>` and point vesselprint at the server.
 * @example openStore('http://localhost:5000') // RestStore
 * @example openStore() // FileStore at ./mlruns unless MLFLOW_TRACKING_URI says otherwise
 */
export function openStore(uri?: string, options: OpenStoreOptions = {}): TrackingStore {
  const fileOptions: FileStoreOptions = { readOnly: options.readOnly === true };
  const u = (uri ?? process.env.MLFLOW_TRACKING_URI ?? DEFAULT_TRACKING_URI).trim();
  if (u === '') return new FileStore(resolve('mlruns'), fileOptions);
  if (/^https?:\/\//i.test(u)) return new RestStore(u, options);
  if (/^file:\/\//i.test(u)) return new FileStore(fileURLToPath(u), fileOptions);
  if (/^file:/i.test(u)) return new FileStore(resolve(u.slice(5)), fileOptions);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(u);
  if (scheme !== null && scheme[1]!.length > 1) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `tracking URI scheme "${scheme[1]}:" is not supported by vesselprint; use a file store path or an MLflow server: ` +
        `\`mlflow server --backend-store-uri ${u}\` and MLFLOW_TRACKING_URI=http://host:5000`,
      { field: 'MLFLOW_TRACKING_URI' },
    );
  }
  return new FileStore(resolve(u), fileOptions);
}
