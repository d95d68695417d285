import type { Command } from 'commander';
import { notImplemented } from '../../core/errors.js';

export function register(program: Command): void {
  program
    .command('runs')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => notImplemented('the runs command'));
}
