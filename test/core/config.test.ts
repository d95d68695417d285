import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { parseConfig, readConfigFile } from '../../src/core/config.js';
import { loadExperimentConfig } from '../../src/pipeline/config.js';
import { readUnetExperiment } from '../../src/segment/unet/experimentConfig.js';

const dir = mkdtempSync(join(tmpdir(), 'vp-config-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('readConfigFile reads JSON and YAML to the same object; bad text and a non-object are CONFIG_INVALID naming the file', () => {
  writeFileSync(join(dir, 'a.json'), '{"name": "x", "tracking": {"enabled": false}}');
  writeFileSync(join(dir, 'a.yaml'), 'name: x\ntracking:\n  enabled: false\n');
  assert.deepEqual(readConfigFile(join(dir, 'a.yaml')), readConfigFile(join(dir, 'a.json')));
  writeFileSync(join(dir, 'bad.json'), '{"name": ');
  assert.throws(() => readConfigFile(join(dir, 'bad.json')), /bad\.json: not valid JSON/);
  writeFileSync(join(dir, 'list.yml'), '- 1\n- 2\n');
  assert.throws(() => readConfigFile(join(dir, 'list.yml')), /list\.yml: expected an object at the top level, got an array/);
  assert.throws(() => readConfigFile(join(dir, 'none.json')), /none\.json: cannot read the config file/);
});

test('parseConfig lists every problem at once, unknown keys included', () => {
  const schema = z.strictObject({ k: z.number().int(), name: z.string(), sub: z.strictObject({ on: z.boolean() }) });
  assert.throws(
    () => parseConfig(schema, { k: 1.5, sub: { on: 'yes', extra: 1 }, typo: 2 }, 'c.json', 'test config'),
    (e: Error) => {
      assert.match(e.message, /^c\.json: field k: invalid test config \(5 problems\):/);
      for (const p of ['k', 'name', 'sub.on', 'sub', '(root)'])
        assert.match(e.message, new RegExp(`\\n  ${p.replace(/[().]/g, '\\$&')}: `), p);
      assert.match(e.message, /extra/);
      assert.match(e.message, /typo/);
      return true;
    },
  );
});

test('extract and train-seg configs load from YAML through the one loader and report all their problems together', () => {
  writeFileSync(join(dir, 'e.yaml'), `name: y\nmanifest: m.csv\nout: out\ntracking:\n  enabled: false\n`);
  const c = loadExperimentConfig(join(dir, 'e.yaml'));
  assert.equal(c.tracking.enabled, false);
  assert.equal(c.segmentation.method, 'frangi');
  writeFileSync(join(dir, 'u.json'), JSON.stringify({ name: 'u', seed: 'one', output: 'o', data: { source: 'synthetic' }, bogus: true }));
  assert.throws(
    () => readUnetExperiment(join(dir, 'u.json')),
    (e: Error) => /\n {2}seed: /.test(e.message) && /bogus/.test(e.message),
  );
});
