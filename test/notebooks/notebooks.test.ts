import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Cell { cell_type: string; source: string[] | string; outputs?: unknown[]; execution_count?: number | null; metadata?: Record<string, unknown> }
interface Notebook { nbformat: number; metadata: { kernelspec?: { name?: string } }; cells: Cell[] }

const dir = 'notebooks';
const files = readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort();
const read = (f: string): Notebook => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Notebook;
const src = (c: Cell): string => (Array.isArray(c.source) ? c.source.join('') : c.source);

test('notebooks/ holds the eight study notebooks, numbered in reading order', () => {
  assert.deepEqual(files, [
    '01-cohort-and-quality.ipynb', '02-vessel-segmentation.ipynb', '03-microvascular-fingerprint.ipynb',
    '04-radiomics-and-prediction.ipynb', '05-interpretability.ipynb', '06-thesis-figures.ipynb', '07-retina.ipynb', '08-capillaroscopy.ipynb',
  ]);
});

test('every notebook is nbformat 4 on the tslab kernel, committed without outputs', () => {
  for (const f of files) {
    const nb = read(f);
    assert.equal(nb.nbformat, 4, f);
    assert.equal(nb.metadata.kernelspec?.name, 'tslab', f);
    assert.equal(nb.cells[0]?.cell_type, 'markdown', `${f} starts with its narrative`);
    for (const c of nb.cells.filter((x) => x.cell_type === 'code')) {
      assert.deepEqual(c.outputs, [], `${f}: outputs must be stripped (node scripts/strip-notebooks.mjs)`);
      assert.equal(c.execution_count, null, f);
    }
  }
});

test('notebooks import the built package (vesselprint/<domain>), tslab and Node built-ins only, never ../src', () => {
  const allowed = /^(vesselprint(\/[a-z]+)*|tslab|fs|path|child_process)$/;
  for (const f of files) {
    const code = read(f).cells.filter((c) => c.cell_type === 'code').map(src).join('\n');
    const specifiers = [...code.matchAll(/from '([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]!);
    assert.ok(specifiers.length > 0, f);
    for (const s of specifiers) assert.match(s, allowed, `${f} imports ${s}`);
    // The domains imported exist in src/ with an index.ts (what the build turns into dist/<domain>/index.js).
    for (const s of specifiers.filter((x) => x.startsWith('vesselprint/'))) {
      assert.ok(readdirSync(join('src', s.slice('vesselprint/'.length))).includes('index.ts'), `${f}: src/${s.slice(12)}/index.ts is missing`);
    }
  }
});

test('strip-notebooks clears outputs, counts and run metadata; --check fails before and passes after', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'vp-strip-'));
  const p = join(tmp, 'x.ipynb');
  const nb = {
    nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'tslab' } },
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# t'] },
      { cell_type: 'code', metadata: { execution: { 'iopub.status.busy': 'x' }, scrolled: true, tags: ['keep'] }, execution_count: 3, source: ['1+1'], outputs: [{ output_type: 'stream', name: 'stdout', text: ['2\n'] }] },
    ],
  };
  writeFileSync(p, JSON.stringify(nb));
  const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/strip-notebooks.mjs', ...args, p], { encoding: 'utf8' });
  assert.equal(run('--check').status, 1);
  assert.equal((JSON.parse(readFileSync(p, 'utf8')) as Notebook).cells[1]!.outputs!.length, 1, '--check changes nothing');
  assert.equal(run().status, 0);
  const out = JSON.parse(readFileSync(p, 'utf8')) as Notebook;
  assert.deepEqual(out.cells[1]!.outputs, []);
  assert.equal(out.cells[1]!.execution_count, null);
  assert.deepEqual(out.cells[1]!.metadata, { tags: ['keep'] });
  assert.equal(src(out.cells[1]!), '1+1');
  assert.equal(run('--check').status, 0);
  writeFileSync(p, '{"not": "a notebook"}');
  const bad = run();
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /no "cells" array/);
});
