import type { Command } from 'commander';
import { runDemo } from '../../demo/runDemo.js';
import { VesselprintError } from '../../core/errors.js';

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'run the whole study on the bundled synthetic cohort: synth → validate → extract → associations + CV model → figures → MLflow → report',
    )
    .option('--subjects <n>', 'synthetic subjects', '30')
    .option('--seed <s>', 'seed', '42')
    .option('--workers <n>', 'worker threads (default: all cores)')
    .option('--out <dir>', 'output folder', 'out/demo')
    .action(async (flags: { subjects: string; seed: string; workers?: string; out: string }) => {
      const n = (s: string, field: string): number => {
        const v = Number(s);
        if (!Number.isInteger(v) || v < 1) throw new VesselprintError('BAD_ARGUMENT', `expected a positive integer, got "${s}"`, { field });
        return v;
      };
      await runDemo({
        subjects: n(flags.subjects, '--subjects'),
        seed: Number(flags.seed),
        outDir: flags.out,
        ...(flags.workers ? { workers: n(flags.workers, '--workers') } : {}),
      });
    });
}
