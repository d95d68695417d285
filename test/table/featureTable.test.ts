import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFeatureTable, queryTable, readCsv, rowsToCsv } from '../../src/table/index.js';

const rows = [
  { image_id: 'b', subject_id: 's1', modality: 'fundus', eye: 'R', 'vascular.x': 3, 'qc.y': null },
  { image_id: 'a', subject_id: 's1', modality: 'fundus', eye: 'L', 'vascular.x': 1, 'qc.y': 0.5 },
  { image_id: 'c', subject_id: 's2', modality: 'fundus', eye: 'L', 'vascular.x': 10, 'qc.y': 2 },
];

test('writeFeatureTable() writes CSV sorted by image_id with keys first and round-trips numbers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-table-'));
  await writeFeatureTable(dir, rows, {
    dictionary: [{ name: 'vascular.x', unit: 'mm', definition: 'x', reference: 'r' }],
    extractorVersion: '9',
  });
  const text = readFileSync(join(dir, 'features.csv'), 'utf8');
  assert.equal(text.split('\n')[0], 'image_id,subject_id,modality,eye,qc.y,vascular.x');
  const back = readCsv(join(dir, 'features.csv'));
  assert.deepEqual(
    back.map((r) => r.image_id),
    ['a', 'b', 'c'],
  );
  assert.equal(back[1]!['qc.y'], null);
  assert.equal(back[2]!['vascular.x'], 10);
  const dict = readCsv(join(dir, 'data-dictionary.csv'));
  assert.equal(dict.find((d) => d.name === 'vascular.x')!.unit, 'mm');
  assert.equal(dict.find((d) => d.name === 'vascular.x')!.extractor_version, 9);
});

test('queryTable() subject_features is the per-subject mean (hand-computed)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-table-'));
  await writeFeatureTable(dir, rows);
  const out = await queryTable(
    dir,
    'SELECT subject_id, n_images, "vascular.x" AS x, "qc.y" AS y FROM subject_features ORDER BY subject_id',
  );
  assert.equal(out.length, 2);
  assert.equal(out[0]!.n_images, 2); // count(*) is BIGINT in DuckDB: returned as a number
  assert.equal(out[0]!.x, 2);
  assert.equal(out[0]!.y, 0.5); // avg ignores missing
  assert.equal(out[1]!.x, 10);
  await assert.rejects(() => queryTable(dir, 'SELECT nope FROM features'), /query failed/);
});

test('rowsToCsv() quotes commas and renders NaN as empty', () => {
  const t = rowsToCsv([{ a: 'x,y', b: Number.NaN }], ['a', 'b']);
  assert.equal(t, 'a,b\n"x,y",\n');
});
