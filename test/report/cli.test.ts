import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { captureStdio } from '../captureStdio.js';
import { register } from '../../src/cli/commands/report.js';
import { FileStore } from '../../src/track/fileStore.js';
import { startRun } from '../../src/track/startRun.js';
import { isVesselprintError } from '../../src/core/errors.js';

const haveNbconvert = spawnSync('/usr/bin/python3', ['-c', 'import nbconvert'], { encoding: 'utf8' }).status === 0;
const skip = haveNbconvert || process.env.CI ? false : 'needs Debian jupyter-nbconvert (/usr/bin/python3 -c "import nbconvert")';

async function cli(args: string[]): Promise<{ out: string; err: string; code: number | undefined }> {
  const program = new Command().exitOverride();
  register(program);
  const saved = process.exitCode;
  process.exitCode = undefined;
  const { stdout: out, stderr: err } = await captureStdio(() => program.parseAsync(['node', 'vesselprint', ...args]));
  const code = typeof process.exitCode === 'number' ? process.exitCode : undefined;
  process.exitCode = saved;
  return { out, err, code };
}

test('vesselprint report renders executed notebooks with their outputs and exits 1 for one that cannot be rendered', { skip, timeout: 120_000 }, async () => {
  assert.ok(haveNbconvert, 'CI must install jupyter-nbconvert');
  const dir = mkdtempSync(join(tmpdir(), 'vp-report-cli-'));
  const store = new FileStore(join(dir, 'mlruns'));
  const r = await startRun({ store, experiment: 'e', runName: 'only', git: false, projectRoot: dir });
  await r.logMetric('auc', 0.75);
  await r.end();
  const nbDir = join(dir, 'executed');
  mkdirSync(nbDir);
  const nb = {
    nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
    cells: [
      { cell_type: 'markdown', id: 'a', metadata: {}, source: ['# Title of the notebook'] },
      { cell_type: 'code', id: 'b', metadata: {}, execution_count: 1, source: ['1 + 41'], outputs: [{ output_type: 'stream', name: 'stdout', text: ['the answer is 42\n'] }] },
    ],
  };
  writeFileSync(join(nbDir, '01-good.ipynb'), JSON.stringify(nb));
  writeFileSync(join(nbDir, '02-broken.ipynb'), '{ this is not json');
  const out = join(dir, 'site');
  const res = await cli(['report', '--tracking-uri', join(dir, 'mlruns'), '--notebooks', nbDir, '--out', out]);
  assert.match(res.out, /report: 1 runs, 0 figures, 1 notebooks/);
  assert.match(res.out, new RegExp(`open ${out.replace(/[/.]/g, '\\$&')}/index\\.html`));
  assert.match(res.err, /02-broken\.ipynb/);
  assert.equal(res.code, 1);
  const html = readFileSync(join(out, 'notebooks', '01-good.html'), 'utf8');
  assert.match(html, /Title of the notebook/);
  assert.match(html, /the answer is 42/);
  const list = readFileSync(join(out, 'notebooks.html'), 'utf8');
  assert.match(list, /href="notebooks\/01-good\.html"/);
  assert.match(list, /Not rendered[^]*02-broken/);
  assert.ok(existsSync(join(out, 'index.html')));
});

test('vesselprint report --experiment with an unknown name is a BAD_ARGUMENT naming the experiments', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-report-cli-'));
  const store = new FileStore(join(dir, 'mlruns'));
  const r = await startRun({ store, experiment: 'real', runName: 'x', git: false, projectRoot: dir });
  await r.end();
  await assert.rejects(cli(['report', '--tracking-uri', join(dir, 'mlruns'), '--experiment', 'typo', '--out', join(dir, 'site')]),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /"typo"/.test(e.message) && /"real"/.test(e.message));
});
