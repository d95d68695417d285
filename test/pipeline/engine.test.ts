import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runExtraction } from '../../src/pipeline/runExtraction.js';
import { mergeShards } from '../../src/pipeline/merge.js';
import { parseShard, selectShard } from '../../src/pipeline/shard.js';
import { contentHash } from '../../src/pipeline/cache.js';
import type { WorkItem } from '../../src/pipeline/types.js';

const processorUrl = pathToFileURL(join(import.meta.dirname, 'helpers/fakeProcessor.ts')).href;

function cohort(n: number): { dir: string; items: WorkItem[] } {
  const dir = mkdtempSync(join(tmpdir(), 'vp-engine-'));
  const items: WorkItem[] = [];
  for (let i = 0; i < n; i++) {
    const name = `img${String(i).padStart(3, '0')}.bin`;
    writeFileSync(join(dir, name), Buffer.from(Array.from({ length: 10 + i }, (_, k) => (k * 7 + i) % 256)));
    items.push({
      imageId: `i${String(i).padStart(3, '0')}`,
      manifestRow: i + 1,
      manifestDir: dir,
      row: { subject_id: `s${Math.floor(i / 2)}`, image_path: name },
    });
  }
  return { dir, items };
}

const keyOf = (item: WorkItem): string => contentHash([readFileSync(join(item.manifestDir, item.row.image_path!)), 'cfg-v1']);
const quiet = { quiet: true };

test('selectShard() partitions the items exactly, whatever their order', () => {
  const ids = Array.from({ length: 23 }, (_, i) => `x${i}`);
  const all = [0, 1, 2].flatMap((i) => selectShard(ids, { index: i, count: 3 }, (s) => s));
  assert.deepEqual([...all].sort(), [...ids].sort());
  assert.deepEqual(
    selectShard([...ids].reverse(), { index: 1, count: 3 }, (s) => s),
    selectShard(ids, { index: 1, count: 3 }, (s) => s),
  );
  assert.throws(() => parseShard('3/3'), /0 <= i < N/);
  assert.throws(() => parseShard('a/3'), /expected i\/N/);
});

test('runExtraction() with 2 worker threads gives the same table as 1 thread', async () => {
  const { items } = cohort(7);
  const out1 = mkdtempSync(join(tmpdir(), 'vp-out-'));
  const out2 = mkdtempSync(join(tmpdir(), 'vp-out-'));
  const s1 = await runExtraction({
    items,
    outDir: out1,
    processorUrl,
    settings: { scale: 2 },
    workers: 1,
    cacheKey: keyOf,
    progress: quiet,
  });
  const s2 = await runExtraction({
    items,
    outDir: out2,
    processorUrl,
    settings: { scale: 2 },
    workers: 2,
    cacheKey: keyOf,
    progress: quiet,
  });
  assert.equal(s1.succeeded, 7);
  assert.equal(s2.succeeded, 7);
  assert.equal(readFileSync(join(out1, 'features.csv'), 'utf8'), readFileSync(join(out2, 'features.csv'), 'utf8'));
  // hand check of one row: image 0 has bytes (7k) % 256 for k < 10
  const row0 = s1.rows.find((r) => r.image_id === 'i000')!;
  assert.equal(row0['demo.bytes'], 10);
  assert.equal(row0['demo.mean'], (2 * (7 * 45)) / 10);
});

test('runExtraction() records a missing and an empty file as failures and goes on; a rerun uses the cache', async () => {
  const { dir, items } = cohort(5);
  writeFileSync(join(dir, items[1]!.row.image_path!), Buffer.alloc(0));
  items[3]!.row.image_path = 'does-not-exist.bin';
  const out = mkdtempSync(join(tmpdir(), 'vp-out-'));
  const s = await runExtraction({ items, outDir: out, processorUrl, settings: { scale: 1 }, workers: 2, cacheKey: keyOf, progress: quiet });
  assert.equal(s.succeeded, 3);
  assert.deepEqual(
    s.failures.map((f) => f.image_id),
    ['i001', 'i003'],
  );
  assert.match(s.failures[0]!.reason, /empty image file/);
  assert.match(s.failures[1]!.reason, /ENOENT|no such file/);
  const failCsv = readFileSync(join(out, 'failures.csv'), 'utf8');
  assert.match(failCsv, /^image_id,subject_id,image_path,manifest_row,reason\n/);
  assert.equal(failCsv.trim().split('\n').length, 3);
  const again = await runExtraction({
    items,
    outDir: out,
    processorUrl,
    settings: { scale: 1 },
    workers: 1,
    cacheKey: keyOf,
    progress: quiet,
  });
  assert.equal(again.cached, 3);
  assert.equal(again.computed, 0);
});

test('shards 0/3, 1/3, 2/3 merged give the unsharded table byte for byte', async () => {
  const { items } = cohort(11);
  const whole = mkdtempSync(join(tmpdir(), 'vp-out-'));
  await runExtraction({ items, outDir: whole, processorUrl, settings: { scale: 3 }, workers: 1, cacheKey: keyOf, progress: quiet });
  const sharded = mkdtempSync(join(tmpdir(), 'vp-out-'));
  for (const i of [2, 0, 1]) {
    await runExtraction({
      items,
      outDir: sharded,
      processorUrl,
      settings: { scale: 3 },
      workers: 1,
      shard: { index: i, count: 3 },
      cacheKey: keyOf,
      progress: quiet,
    });
  }
  const m = await mergeShards(sharded);
  assert.deepEqual(m, { parts: 3, rows: 11, failures: 0 });
  for (const f of ['features.csv', 'failures.csv', 'data-dictionary.csv']) {
    assert.equal(readFileSync(join(sharded, f), 'utf8'), readFileSync(join(whole, f), 'utf8'), f);
  }
  assert.ok(existsSync(join(sharded, 'features.parquet')));
});
