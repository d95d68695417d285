/**
 * Runs the vesselprint CLI in this process (src/cli/main.ts `main`), capturing what it writes to
 * stdout/stderr, and resolves to the exit code main() returns. Much faster than spawning
 * bin/vesselprint.mjs (which compiles every command module through tsx on each start).
 */
export async function runCli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const outWrite = process.stdout.write.bind(process.stdout);
  const errWrite = process.stderr.write.bind(process.stderr);
  const prevExit = process.exitCode;
  process.exitCode = undefined;
  process.stdout.write = (chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  process.stderr.write = (chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  try {
    const status = await main(['node', 'vesselprint', ...args]);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = outWrite;
    process.stderr.write = errWrite;
    process.exitCode = prevExit;
  }
}
