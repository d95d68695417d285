import { Command, CommanderError } from 'commander';
import { isVesselprintError } from '../core/errors.js';
import { COMMAND_CATALOG } from './commands/index.js';
import { VERSION } from '../version.js';

/**
 * The command name that `argv` (as in `process.argv`) asks for: the first argument that is not an
 * option, or the one after `help`; `undefined` for `--version`, `--help` or no command.
 */
export function requestedCommand(argv: readonly string[]): string | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * Builds the `vesselprint` command-line program. Each command lives in its own file under
 * `src/cli/commands/`; only the module of the command that `argv` asks for is imported (with its
 * heavy dependencies), the others appear in `--help` through their catalog summary. Without
 * `argv`, every command module is loaded.
 */
async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command();
  program
    .name('vesselprint')
    .description('Microvascular fingerprinting of retinal fundus and skin capillary images')
    .version(VERSION)
    .option('--verbose', 'print stack traces of errors')
    .showHelpAfterError()
    .exitOverride();
  const wanted = argv === undefined ? undefined : requestedCommand(argv);
  const loaded = new Set<string>();
  for (const entry of COMMAND_CATALOG) {
    if (loaded.has(entry.name)) continue;
    if (argv === undefined || entry.name === wanted) {
      const before = new Set(program.commands.map((c) => c.name()));
      (await entry.load()).register(program);
      for (const c of program.commands) if (!before.has(c.name())) loaded.add(c.name());
    } else {
      // A help-only entry: --help lists it; it never runs, because the requested command is loaded above.
      program.command(entry.name).description(entry.summary).allowUnknownOption().allowExcessArguments();
    }
  }
  return program;
}

/**
 * Runs the CLI on `argv` (as in `process.argv`) and resolves to the exit code: 0 success,
 * 1 the command ran but found problems (invalid manifest, failed images), 2 usage or input error.
 */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
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
