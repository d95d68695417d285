/**
 * Captures what code writes to process.stdout / process.stderr while `fn` runs — and only that code:
 * the streams' `write` is wrapped once, and a write goes to the capture only when it happens inside
 * `fn`'s asynchronous context (AsyncLocalStorage). Everything else passes through, in particular the
 * test runner's own report of the test before, which Node writes to this process's stdout while the
 * next test may already be running. (Swapping `process.stdout.write` for the duration of a test
 * swallowed that report now and then: a passed test vanished from the run's summary.)
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The text written to each stream inside the capture. */
export interface CapturedStdio {
  stdout: string;
  stderr: string;
}

const active = new AsyncLocalStorage<CapturedStdio>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const key of ['stdout', 'stderr'] as const) {
    const stream = process[key];
    const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    const wrapped = (chunk: unknown, ...rest: unknown[]): boolean => {
      const capture = active.getStore();
      if (capture === undefined) return original(chunk, ...rest);
      capture[key] += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      if (callback !== undefined) process.nextTick(callback);
      return true;
    };
    stream.write = wrapped as typeof stream.write;
  }
}

/**
 * Runs `fn`, returning its result and what it wrote to stdout and stderr. Pass `capture` to keep
 * the output when `fn` throws (it is filled as `fn` writes).
 */
export async function captureStdio<T>(
  fn: () => Promise<T>,
  capture: CapturedStdio = { stdout: '', stderr: '' },
): Promise<CapturedStdio & { result: T }> {
  install();
  const result = await active.run(capture, fn);
  return { ...capture, result };
}
