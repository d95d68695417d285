import type { Command } from 'commander';
import { VesselprintError } from '../../core/errors.js';
import { writeCohort } from '../../synth/writeCohort.js';
import { DEFAULT_COHORT } from '../../synth/cohort.js';

/** Parses a positive integer option, naming the option in the error. */
function positiveInt(name: string, text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) {
    throw new VesselprintError('BAD_ARGUMENT', `expected a positive integer, got "${text}"`, { field: name });
  }
  return Number(text);
}

/** Parses "WxH" (e.g. 584x565) into [width, height]. */
function parseSize(name: string, text: string): [number, number] {
  const m = /^(\d+)[xX](\d+)$/.exec(text.trim());
  if (!m || Number(m[1]) < 64 || Number(m[2]) < 64) {
    throw new VesselprintError('BAD_ARGUMENT', `expected WIDTHxHEIGHT with both ≥ 64 px (e.g. 584x565), got "${text}"`, { field: name });
  }
  return [Number(m[1]), Number(m[2])];
}

/**
 * `vesselprint synth --out DIR --subjects N --seed S [--size WxH] [--skin-size WxH] [--visits K]`:
 * writes a synthetic cohort (images, ground-truth masks, manifest + schema, truth table).
 */
export function register(program: Command): void {
  program
    .command('synth')
    .description('write a synthetic cohort: fundus + skin capillary images, ground-truth masks, manifest.csv (+ schema) and truth.csv')
    .requiredOption('--out <dir>', 'output folder (created if missing)')
    .option('--subjects <n>', 'number of subjects', String(DEFAULT_COHORT.subjects))
    .option('--seed <s>', 'random seed (same seed → byte-identical files)', String(DEFAULT_COHORT.seed))
    .option('--size <WxH>', 'fundus image size in pixels', `${DEFAULT_COHORT.fundusSize[0]}x${DEFAULT_COHORT.fundusSize[1]}`)
    .option('--skin-size <WxH>', 'skin image size in pixels', `${DEFAULT_COHORT.skinSize[0]}x${DEFAULT_COHORT.skinSize[1]}`)
    .option('--visits <k>', 'visits per subject, 2 years apart', String(DEFAULT_COHORT.visits))
    .option('--quiet', 'no progress output')
    .action(
      async (opts: { out: string; subjects: string; seed: string; size: string; skinSize: string; visits: string; quiet?: boolean }) => {
        const seedText = opts.seed.trim();
        if (!/^-?\d+$/.test(seedText))
          throw new VesselprintError('BAD_ARGUMENT', `expected an integer seed, got "${opts.seed}"`, { field: 'seed' });
        const t0 = performance.now();
        const progress = opts.quiet
          ? undefined
          : (done: number, total: number): void => {
              if (process.stderr.isTTY) process.stderr.write(`\rsynth: ${done}/${total} images`);
              if (done === total && process.stderr.isTTY) process.stderr.write('\n');
            };
        const r = await writeCohort(
          opts.out,
          {
            subjects: positiveInt('subjects', opts.subjects),
            seed: Number(seedText),
            visits: positiveInt('visits', opts.visits),
            fundusSize: parseSize('size', opts.size),
            skinSize: parseSize('skin-size', opts.skinSize),
          },
          progress,
        );
        const secs = ((performance.now() - t0) / 1000).toFixed(1);
        process.stdout.write(
          `synth: ${r.subjects} subjects, ${r.images} images, ${r.files} files in ${secs} s\n` +
            `  manifest: ${r.manifestPath}\n  schema:   ${r.schemaPath}\n  truth:    ${r.truthPath}\n`,
        );
      },
    );
}
