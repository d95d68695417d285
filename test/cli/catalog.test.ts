import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { COMMAND_CATALOG } from '../../src/cli/commands/index.js';
import { requestedCommand } from '../../src/cli/main.js';
import type { CommandModule } from '../../src/cli/commands/types.js';

test('COMMAND_CATALOG: every summary equals the description its module registers, and every command file is listed', async () => {
  const modules = new Set<CommandModule>();
  for (const entry of COMMAND_CATALOG) {
    const mod = await entry.load();
    modules.add(mod);
    const program = new Command();
    mod.register(program);
    const cmd = program.commands.find((c) => c.name() === entry.name);
    assert.ok(cmd, `${entry.name}: its module registers no command of that name`);
    assert.equal(cmd.description(), entry.summary, `${entry.name}: catalog summary differs from the module's description`);
  }
  const files = readdirSync('src/cli/commands').filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'types.ts');
  for (const f of files) {
    const mod = (await import(`../../src/cli/commands/${f.replace(/\.ts$/, '.js')}`)) as CommandModule;
    assert.ok(modules.has(mod), `src/cli/commands/${f} is not in COMMAND_CATALOG`);
  }
  const names = COMMAND_CATALOG.map((e) => e.name);
  assert.equal(new Set(names).size, names.length, 'duplicate catalog names');
});

test('requestedCommand(argv) skips options and reads through `help`', () => {
  assert.equal(requestedCommand(['node', 'vp', '--verbose', 'segment', 'a.png']), 'segment');
  assert.equal(requestedCommand(['node', 'vp', 'help', 'extract']), 'extract');
  assert.equal(requestedCommand(['node', 'vp', '--version']), undefined);
});

test('vesselprint --help (compiled CLI) lists every catalog command; --version prints package.json version', () => {
  const help = spawnSync(process.execPath, ['bin/vesselprint.mjs', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
  for (const e of COMMAND_CATALOG) assert.match(help.stdout, new RegExp(`^  ${e.name} `, 'm'), `--help lacks ${e.name}`);
  const v = spawnSync(process.execPath, ['bin/vesselprint.mjs', '--version'], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
  assert.equal(
    v.stdout.trim(),
    (JSON.parse(spawnSync('cat', ['package.json'], { encoding: 'utf8' }).stdout) as { version: string }).version,
  );
});
