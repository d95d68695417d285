import { Command, CommanderError } from 'commander';
import { isVesselprintError } from '../core/errors.js';
import { commandModules } from './commands/index.js';
import { VERSION } from '../version.js';

/**
 * Builds the `vesselprint` command-line program. Each command lives in its own file under
 * `src/cli/commands/` and registers itself on the program.
 */
function buildProgram(): Command {
  const program = new Command();
  program
    .name('vesselprint')
    .description('Microvascular fingerprinting of retinal fundus and skin capillary images')
    .version(VERSION)
    .option('--verbose', 'print stack traces of errors')
    .showHelpAfterError()
    .exitOverride();
  for (const m of commandModules) m.register(program);
  return program;
}

/**
 * Runs the CLI on `argv` (as in `process.argv`) and resolves to the exit code: 0 success,
 * 1 the command ran but found problems (invalid manifest, failed images), 2 usage or input error.
 */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    const verbose = process.argv.includes('--verbose');
    if (isVesselprintError(e)) {
      process.stderr.write(`vesselprint: error [${e.code}]: ${e.message}\n`);
      if (verbose && e.stack) process.stderr.write(`${e.stack}\n`);
      return 2;
    }
    process.stderr.write(`vesselprint: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
}
