import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMask } from '../../src/io/readMask.js';

test('readMask(GIF disc mask written by Pillow) is 1 exactly where Pillow reads 255', async () => {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'io');
  const expected = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, { data: number[] }>)['mask.gif']!.data;
  const m = await readMask(join(dir, 'mask.gif'));
  assert.deepEqual(
    Array.from(m.data),
    expected.map((v) => (v === 255 ? 1 : 0)),
  );
  assert.equal(
    m.data.reduce((a, b) => a + b, 0),
    13,
  ); // disc of radius 2: 13 lattice points
});
