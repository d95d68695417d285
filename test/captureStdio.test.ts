import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureStdio } from './captureStdio.js';

test('captureStdio keeps the writes made inside fn (across awaits) and lets a concurrent write from outside fn pass through', async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const pending = captureStdio(async () => {
    process.stdout.write('inside-1\n');
    await gate;
    process.stderr.write('inside-2\n');
    return 7;
  });
  // Written while the capture is active, but from outside fn's asynchronous context (like the test runner's report).
  process.stderr.write('captureStdio test: this line is written outside the capture\n');
  release();
  const r = await pending;
  assert.equal(r.result, 7);
  assert.equal(r.stdout, 'inside-1\n');
  assert.equal(r.stderr, 'inside-2\n');
});
