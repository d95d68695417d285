import { captureStdio } from '../captureStdio.js';

/**
 * Runs the vesselprint CLI in this process (src/cli/main.ts `main`), capturing what it writes to
 * stdout/stderr, and resolves to the exit code main() returns. Much faster than spawning
 * bin/vesselprint.mjs (which compiles every command module through tsx on each start).
 */
export async function runCli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { main } = await import('../../src/cli/main.js');
  const prevExit = process.exitCode;
  process.exitCode = undefined;
  try {
    const r = await captureStdio(() => main(['node', 'vesselprint', ...args]));
    return { status: r.result, stdout: r.stdout, stderr: r.stderr };
  } finally {
    process.exitCode = prevExit;
  }
}
