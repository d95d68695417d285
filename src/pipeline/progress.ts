/**
 * Progress reporting for long loops: a redrawn bar with rate and ETA on a terminal; plain lines
 * every `intervalMs` (default 10 s) otherwise (logs of batch jobs stay readable).
 */
export interface ProgressOptions {
  /** Output stream. Default: process.stderr */
  stream?: NodeJS.WriteStream;
  /** Label printed before the counts. Default: 'progress' */
  label?: string;
  /** Minimum time between plain (non-TTY) lines, ms. Default: 10000 */
  intervalMs?: number;
  /** Force TTY (true) or plain (false) mode; default: the stream's isTTY. */
  tty?: boolean;
  /** Silence all output. */
  quiet?: boolean;
}

export class Progress {
  private done = 0;
  private failed = 0;
  private readonly start = Date.now();
  private lastPrint = 0;
  private readonly opts: Required<Omit<ProgressOptions, 'stream'>> & { stream: NodeJS.WriteStream };

  constructor(
    readonly total: number,
    options: ProgressOptions = {},
  ) {
    const stream = options.stream ?? process.stderr;
    this.opts = {
      stream,
      label: options.label ?? 'progress',
      intervalMs: options.intervalMs ?? 10_000,
      tty: options.tty ?? Boolean(stream.isTTY),
      quiet: options.quiet ?? false,
    };
  }

  /** Records one finished item (ok or failed) and redraws when due. */
  tick(ok: boolean): void {
    this.done++;
    if (!ok) this.failed++;
    const now = Date.now();
    if (this.opts.tty || now - this.lastPrint >= this.opts.intervalMs || this.done === this.total) {
      this.lastPrint = now;
      this.print(false);
    }
  }

  /** Text of the current state, e.g. `extract 10/40 (25%) 2 failed, 3.1/s, ETA 10s`. */
  line(): string {
    const el = (Date.now() - this.start) / 1000;
    const rate = el > 0 ? this.done / el : 0;
    const eta = rate > 0 ? (this.total - this.done) / rate : Number.NaN;
    const pct = this.total > 0 ? Math.floor((100 * this.done) / this.total) : 100;
    const f = this.failed > 0 ? `, ${this.failed} failed` : '';
    return `${this.opts.label} ${this.done}/${this.total} (${pct}%)${f}, ${rate.toFixed(2)}/s, ETA ${Number.isFinite(eta) ? fmt(eta) : '?'}`;
  }

  /** Final line (always printed unless quiet). */
  finish(): void {
    if (this.opts.tty || this.done !== this.total || this.total === 0) this.print(true);
  }

  private print(final: boolean): void {
    if (this.opts.quiet) return;
    if (this.opts.tty) {
      const width = 24;
      const filled = this.total > 0 ? Math.round((width * this.done) / this.total) : width;
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
      this.opts.stream.write(`\r${bar} ${this.line()}\x1b[K${final ? '\n' : ''}`);
    } else {
      this.opts.stream.write(`${this.line()}\n`);
    }
  }
}

function fmt(s: number): string {
  if (s < 90) return `${Math.round(s)}s`;
  if (s < 5400) return `${Math.round(s / 60)}min`;
  return `${(s / 3600).toFixed(1)}h`;
}
