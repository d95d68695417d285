import { VesselprintError } from '../core/errors.js';

/** An HTTP error answered by an MLflow server, with its status and MLflow `error_code`. */
export class TrackingHttpError extends VesselprintError {
  readonly status: number;
  readonly errorCode: string;
  constructor(status: number, errorCode: string, message: string) {
    super('TRACKING', message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

/** Options of {@link RestClient}. Defaults in {@link DEFAULT_REST_OPTIONS}. */
export interface RestClientOptions {
  /** Attempts after the first one for 5xx, 429 and network errors (default 4). */
  retries?: number;
  /** Delay before the first retry in ms; doubles each retry, capped at 10 s (default 250). */
  backoffMs?: number;
  /** Per-request timeout in ms (default 30000). */
  timeoutMs?: number;
  /** Environment to read credentials from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The fetch function (default the global one); tests inject failures through it. */
  fetch?: typeof fetch;
}

/** Defaults of {@link RestClientOptions}. */
export const DEFAULT_REST_OPTIONS = { retries: 4, backoffMs: 250, timeoutMs: 30000 } as const;

/** A request: JSON body for POST/PATCH, raw bytes for PUT, query parameters for GET. */
export interface RestRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  bytes?: Uint8Array;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A small HTTP client for an MLflow tracking server on Node's fetch: retries with exponential
 * backoff on 5xx/429 and network errors, MLflow error bodies turned into {@link TrackingHttpError},
 * and optional auth from the environment — `MLFLOW_TRACKING_TOKEN` (bearer) or
 * `MLFLOW_TRACKING_USERNAME`/`MLFLOW_TRACKING_PASSWORD` (basic), or user:password in the URI.
 * Credentials are kept in a private header map and never appear in `baseUrl`, errors or logs.
 *
 * @example
 * const c = new RestClient('http://localhost:5000');
 * await c.request({ method: 'GET', path: '/api/2.0/mlflow/experiments/get-by-name', query: { experiment_name: 'demo' } });
 */
export class RestClient {
  /** Server URL without credentials and without a trailing slash. */
  readonly baseUrl: string;
  readonly #auth: string | undefined;
  readonly #opts: Required<Omit<RestClientOptions, 'env' | 'fetch'>> & { fetch: typeof fetch };

  constructor(uri: string, options: RestClientOptions = {}) {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new VesselprintError('BAD_ARGUMENT', `not a valid tracking URI: expected http(s)://host[:port]`, {
        field: 'MLFLOW_TRACKING_URI',
      });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new VesselprintError('BAD_ARGUMENT', `tracking URI scheme ${url.protocol} is not http(s)`, { field: 'MLFLOW_TRACKING_URI' });
    }
    const env = options.env ?? process.env;
    const user = url.username !== '' ? decodeURIComponent(url.username) : env.MLFLOW_TRACKING_USERNAME;
    const pass = url.password !== '' ? decodeURIComponent(url.password) : env.MLFLOW_TRACKING_PASSWORD;
    url.username = '';
    url.password = '';
    this.baseUrl = url.href.replace(/\/+$/, '');
    if (env.MLFLOW_TRACKING_TOKEN) this.#auth = `Bearer ${env.MLFLOW_TRACKING_TOKEN}`;
    else if (user) this.#auth = `Basic ${Buffer.from(`${user}:${pass ?? ''}`).toString('base64')}`;
    this.#opts = {
      retries: options.retries ?? DEFAULT_REST_OPTIONS.retries,
      backoffMs: options.backoffMs ?? DEFAULT_REST_OPTIONS.backoffMs,
      timeoutMs: options.timeoutMs ?? DEFAULT_REST_OPTIONS.timeoutMs,
      fetch: options.fetch ?? globalThis.fetch,
    };
  }

  /** Which kind of credentials are configured (for display; never the secret). */
  get authKind(): 'bearer' | 'basic' | 'none' {
    return this.#auth === undefined ? 'none' : this.#auth.startsWith('Bearer') ? 'bearer' : 'basic';
  }

  /** Sends a request and returns the parsed JSON answer (or the raw bytes for a GET of bytes). */
  async request(req: RestRequest): Promise<unknown> {
    const res = await this.send(req);
    const text = await res.text();
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text);
    } catch {
      throw new VesselprintError(
        'TRACKING',
        `${req.method} ${req.path}: the server answered HTTP ${res.status} with non-JSON text (is ${this.baseUrl} an MLflow server?)`,
      );
    }
  }

  /** Sends a request and returns the body as bytes (artifact download). */
  async requestBytes(req: RestRequest): Promise<Uint8Array> {
    const res = await this.send(req);
    return new Uint8Array(await res.arrayBuffer());
  }

  private async send(req: RestRequest): Promise<Response> {
    const url = new URL(this.baseUrl + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {};
    if (this.#auth !== undefined) headers.authorization = this.#auth;
    let body: string | Uint8Array | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.bytes !== undefined) {
      headers['content-type'] = 'application/octet-stream';
      body = req.bytes;
    }
    let lastProblem = '';
    for (let attempt = 0; attempt <= this.#opts.retries; attempt++) {
      if (attempt > 0) await sleep(Math.min(10000, this.#opts.backoffMs * 2 ** (attempt - 1)));
      let res: Response;
      try {
        res = await this.#opts.fetch(url, { method: req.method, headers, body, signal: AbortSignal.timeout(this.#opts.timeoutMs) });
      } catch (e) {
        const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name ?? 'network error';
        lastProblem = `network error (${cause})`;
        continue;
      }
      if (res.status >= 500 || res.status === 429) {
        lastProblem = `HTTP ${res.status}`;
        await res.arrayBuffer().catch(() => undefined);
        continue;
      }
      if (res.status >= 400) throw await this.httpError(req, res);
      return res;
    }
    throw new VesselprintError(
      'TRACKING',
      `MLflow tracking server ${this.baseUrl} did not answer ${req.method} ${req.path} after ${this.#opts.retries + 1} attempts (last: ${lastProblem}); ` +
        'check MLFLOW_TRACKING_URI and that `mlflow server` is running and reachable',
    );
  }

  private async httpError(req: RestRequest, res: Response): Promise<TrackingHttpError> {
    const text = await res.text().catch(() => '');
    let code = `HTTP_${res.status}`,
      message = text.slice(0, 500);
    try {
      const j = JSON.parse(text) as { error_code?: string; message?: string };
      if (typeof j.error_code === 'string') code = j.error_code;
      if (typeof j.message === 'string') message = j.message;
    } catch {
      /* not JSON: keep the text */
    }
    const hint =
      res.status === 401 || res.status === 403
        ? ` (authentication ${this.authKind === 'none' ? 'missing: set MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD' : `(${this.authKind}) rejected`})`
        : '';
    return new TrackingHttpError(res.status, code, `${req.method} ${req.path}: HTTP ${res.status} ${code}: ${message}${hint}`);
  }
}
