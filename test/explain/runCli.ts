/** Runs the explain/figure commands in a child process (stdout/stderr captured, exit code kept). */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('./cliMain.ts', import.meta.url));

export function runCli(args: string[]): Promise<{ stdout: string; stderr: string; code: number; error?: Error }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const err = /vesselprint: error[^\n]*/.exec(stderr);
      resolve({
        stdout,
        stderr,
        code: code ?? 1,
        ...(code !== 0 && err ? { error: new Error(err[0]) } : code !== 0 ? { error: new Error(stderr || `exit ${code}`) } : {}),
      });
    });
  });
}
