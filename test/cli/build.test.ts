import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error scripts/build.mjs is plain JavaScript without declarations
import { buildInputs, isDistFresh } from '../../scripts/build.mjs';

type Inputs = { newestMtimeMs: number; count: number };
const inputs = buildInputs as (root: string) => Inputs;
const fresh = isDistFresh as (root: string) => boolean;

test('isDistFresh(root): fresh after a stamp; stale after an edit, a new file or a deletion under src/', () => {
  const root = mkdtempSync(join(tmpdir(), 'vp-build-'));
  try {
    mkdirSync(join(root, 'src', 'a'), { recursive: true });
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(root, 'src', 'a', 'x.ts'), 'export const x = 1;\n');
    writeFileSync(join(root, 'package.json'), '{}\n');
    writeFileSync(join(root, 'dist', 'cli', 'main.js'), '\n');
    const stamp = (): void => writeFileSync(join(root, 'dist', '.build-stamp.json'), JSON.stringify(inputs(root)));
    assert.equal(fresh(root), false, 'no stamp: stale');
    stamp();
    assert.equal(fresh(root), true);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'src', 'a', 'x.ts'), later, later);
    assert.equal(fresh(root), false, 'edited file');
    stamp();
    writeFileSync(join(root, 'src', 'a', 'y.ts'), 'export const y = 2;\n');
    assert.equal(fresh(root), false, 'new file');
    stamp();
    rmSync(join(root, 'src', 'a', 'y.ts'));
    assert.equal(fresh(root), false, 'deleted file');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
