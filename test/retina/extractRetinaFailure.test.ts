import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCohort } from '../../src/synth/writeCohort.js';
import { parseExperimentConfig } from '../../src/pipeline/config.js';
import { extractCohort, manifestWorkItems } from '../../src/pipeline/extract.js';
import { readCsv } from '../../src/table/csv.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { checkArteryVeinModelFolder } from '../../src/retina/predictArteryVeinAdapter.js';
import { DEFAULT_UNET_MODEL_DIR } from '../../src/segment/unet/segmentUnet.js';

test('extract retina block: av_mask_path is a manifest column; a failure of one image keeps its row (retina.* null, reason in retina.failure_reason); a bad model folder stops the run first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-retina-fail-'));
  try {
    // 160 px fundus photographs: their FOV would need a > 4x enlargement for the A/V CNN (refused per image)
    await writeCohort(dir, { subjects: 2, seed: 7, fundusSize: [160, 160], skinSize: [96, 96] });
    const manifest = join(dir, 'manifest.csv');
    const { items } = manifestWorkItems(manifest);
    const fundus = items.filter((i) => i.row.modality === 'fundus');
    assert.ok(fundus.length >= 2);
    // the synthetic cohort lists its drawn A/V labels in av_mask_path, and the manifest loader keeps them
    assert.ok(
      fundus.every((i) => /_av\.png$/.test(i.row.av_mask_path ?? '')),
      JSON.stringify(fundus.map((i) => i.row.av_mask_path)),
    );
    // blank the first fundus row's labels
    const lines = readFileSync(manifest, 'utf8').trimEnd().split('\n');
    const header = lines[0]!.split(',');
    const col = header.indexOf('av_mask_path');
    const first = fundus[0]!.imageId;
    const edited = lines.map((l, k) => {
      const cells = l.split(',');
      if (k > 0 && cells[header.indexOf('image_id')] === first) cells[col] = '';
      return cells.join(',');
    });
    writeFileSync(manifest, edited.join('\n') + '\n');
    const cfg = (retina: Record<string, unknown>, out: string) =>
      parseExperimentConfig({
        name: 'r',
        manifest,
        out: join(dir, out),
        segmentation: { method: 'manual' },
        radiomics: { enabled: false },
        tracking: { enabled: false },
        retina: { enabled: true, ...retina },
      });
    const opts = { workers: 1, quiet: true, track: false } as const;

    const manual = await extractCohort(cfg({ avSource: 'manual' }, 'manual'), opts);
    assert.equal(manual.failed, 0, JSON.stringify(manual.failures));
    assert.deepEqual(
      manual.retinaFailures.map((f) => f.image_id),
      [first],
    );
    assert.match(manual.retinaFailures[0]!.reason, /av_mask_path/);
    const table = new Map(readCsv(join(dir, 'manual', 'features.csv')).map((r) => [String(r['image_id']), r]));
    const bad = table.get(first)!;
    assert.equal(typeof bad['vascular.vessel_area_fraction'], 'number', 'the fingerprint of the failed retina block stays');
    assert.equal(bad['retina.crae_um'], null);
    assert.match(String(bad['retina.failure_reason']), /needs av_mask_path/);
    for (const f of fundus.slice(1)) {
      const r = table.get(f.imageId)!;
      assert.equal(typeof r['retina.crae_um'], 'number', f.imageId);
      assert.equal(r['retina.failure_reason'], null, f.imageId);
    }
    const skin = items.find((i) => i.row.modality === 'skin')!;
    assert.equal(table.get(skin.imageId)!['retina.failure_reason'], null);

    // the A/V CNN refuses these coarse photographs one by one; every row stays
    const model = await extractCohort(cfg({}, 'model'), opts);
    assert.equal(model.failed, 0, JSON.stringify(model.failures));
    assert.equal(model.retinaFailures.length, fundus.length);
    assert.ok(model.retinaFailures.every((f) => /too coarse/.test(f.reason)));

    // a bad model folder: nothing is processed or written
    await assert.rejects(extractCohort(cfg({ modelDir: join(dir, 'nowhere') }, 'nowhere'), opts), (e) =>
      isVesselprintError(e, 'FILE_NOT_FOUND'),
    );
    assert.equal(existsSync(join(dir, 'nowhere')), false);
    assert.throws(
      () => checkArteryVeinModelFolder(DEFAULT_UNET_MODEL_DIR),
      (e) => isVesselprintError(e, 'BAD_ARGUMENT') && /not an artery\/vein model/.test(e.message),
    );
    checkArteryVeinModelFolder();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
