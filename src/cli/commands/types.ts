import type { Command } from 'commander';

/** A CLI command module: one file per command under src/cli/commands/. */
export interface CommandModule {
  register(program: Command): void;
}
