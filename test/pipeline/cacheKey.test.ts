import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageCacheKey } from '../../src/pipeline/extract.js';
import { parseExperimentConfig } from '../../src/pipeline/config.js';

test('imageCacheKey changes with every setting that changes a row (retina block included) and with the bytes of every input file (artery/vein labels included)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-cache-key-'));
  try {
    writeFileSync(join(dir, 'img.png'), 'image bytes');
    writeFileSync(join(dir, 'av.png'), 'labels v1');
    const item = { imageId: 'a', manifestRow: 1, manifestDir: dir, row: { image_id: 'a', image_path: 'img.png', av_mask_path: 'av.png' } };
    const base = { name: 'k', manifest: 'm.csv', out: 'o', tracking: { enabled: false } };
    const cfg = (retina: Record<string, unknown>) => parseExperimentConfig({ ...base, retina: { enabled: true, ...retina } });
    const k0 = imageCacheKey(item, cfg({}));
    assert.equal(imageCacheKey(item, cfg({})), k0, 'same inputs, same key');
    for (const r of [
      { avSource: 'manual' },
      { avRelabel: 'propagation' },
      { widthMethod: 'mask' },
      { minDiscBrightness: 1.1 },
      { enabled: false },
    ])
      assert.notEqual(imageCacheKey(item, cfg(r)), k0, JSON.stringify(r));
    writeFileSync(join(dir, 'av.png'), 'labels v2');
    assert.notEqual(imageCacheKey(item, cfg({})), k0, 'artery/vein label bytes');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
