/** Entry point for tests: the explain and figure commands alone (the lead registers them in commands/index.ts). */
import { Command } from 'commander';
import { isVesselprintError } from '../../src/core/errors.js';
import { register as registerExplain } from '../../src/cli/commands/explain.js';
import { register as registerFigure } from '../../src/cli/commands/figure.js';

const p = new Command();
registerExplain(p);
registerFigure(p);
try {
  await p.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (e) {
  process.stderr.write(`vesselprint: error${isVesselprintError(e) ? ` [${e.code}]` : ''}: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
