import type { Command } from 'commander';
import { notImplemented } from '../../core/errors.js';

export function register(program: Command): void {
  program
    .command('doctor')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => notImplemented('the doctor command'));
}
