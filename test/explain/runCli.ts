/** Runs the explain/figure commands in-process (they are registered by the lead in commands/index.ts). */
import { Command } from 'commander';
import { register as registerExplain } from '../../src/cli/commands/explain.js';
import { register as registerFigure } from '../../src/cli/commands/figure.js';

export async function runCli(args: string[]): Promise<{ stdout: string; stderr: string; error?: Error }> {
  const p = new Command();
  p.exitOverride();
  registerExplain(p); registerFigure(p);
  let stdout = '', stderr = '';
  const ow = process.stdout.write.bind(process.stdout), ew = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string | Uint8Array): boolean => { stdout += String(s); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array): boolean => { stderr += String(s); return true; }) as typeof process.stderr.write;
  try {
    await p.parseAsync(args, { from: 'user' });
    return { stdout, stderr };
  } catch (e) {
    return { stdout, stderr, error: e as Error };
  } finally {
    process.stdout.write = ow; process.stderr.write = ew;
  }
}
