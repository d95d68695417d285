import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, hashString } from '../../src/core/rng.js';
import { VesselprintError, oneOf } from '../../src/core/errors.js';
import { createImage, getChannel, toGray, toMask, countMask } from '../../src/core/image.js';

test('createRng(seed) gives the same stream for the same seed and another for another seed', () => {
  const a = createRng(7),
    b = createRng(7),
    c = createRng(8);
  const xa = Array.from({ length: 5 }, () => a.uniform());
  const xb = Array.from({ length: 5 }, () => b.uniform());
  const xc = Array.from({ length: 5 }, () => c.uniform());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, xc);
  for (const x of xa) assert.ok(x >= 0 && x < 1);
});

test('createRng().normal() has mean ~0 and sd ~1 over 20000 draws', () => {
  const r = createRng(1);
  let s = 0,
    s2 = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const x = r.normal();
    s += x;
    s2 += x * x;
  }
  const mean = s / n,
    sd = Math.sqrt(s2 / n - mean * mean);
  assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(sd - 1) < 0.03, `sd ${sd}`);
});

test('createRng().int(lo, hi) covers both ends and nothing outside', () => {
  const r = createRng(3);
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) seen.add(r.int(2, 5));
  assert.deepEqual([...seen].sort(), [2, 3, 4, 5]);
});

test('fork(name) is deterministic and differs between names', () => {
  const r = createRng(5);
  assert.equal(r.fork('a').uniform(), createRng(5).fork('a').uniform());
  assert.notEqual(r.fork('a').uniform(), r.fork('b').uniform());
  assert.equal(hashString(''), 0x811c9dc5);
});

test('VesselprintError names path, row and field', () => {
  const e = new VesselprintError('MANIFEST_FIELD', 'expected a number', { path: 'm.csv', row: 3, field: 'age' });
  assert.equal(e.message, 'm.csv: row 3: field age: expected a number');
  assert.equal(e.code, 'MANIFEST_FIELD');
  assert.throws(() => oneOf('method', 'x', ['a', 'b']), /expected one of "a", "b", got "x"/);
});

test('toGray of an RGB pixel is the BT.601 luminance; getChannel picks green', () => {
  const img = { data: new Uint8Array([100, 200, 50, 0, 0, 0]), width: 2, height: 1, channels: 3 };
  assert.ok(Math.abs(toGray(img).data[0]! - (0.299 * 100 + 0.587 * 200 + 0.114 * 50)) < 1e-4);
  assert.equal(getChannel(img, 1).data[0], 200);
  assert.equal(countMask(toMask(img)), 1);
  assert.throws(() => createImage(0, 3), /positive integers/);
});
