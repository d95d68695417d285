import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../../src/core/rng.js';
import { synthFundus } from '../../../src/synth/fundus.js';
import { writeImage } from '../../../src/io/writeImage.js';
import { parseUnetExperiment } from '../../../src/segment/unet/experimentConfig.js';
import { runArteryVeinExperiment } from '../../../src/segment/unet/runArteryVeinExperiment.js';
import { predictArteryVein } from '../../../src/segment/unet/predictArteryVein.js';
import { isVesselprintError } from '../../../src/core/errors.js';

const COLORS: Array<[number, number, number]> = [
  [0, 0, 0],
  [255, 0, 0],
  [0, 0, 255],
  [0, 255, 0],
];

test('runArteryVeinExperiment trains from a folder with A/V label images, saves best/ as an artery/vein model, and predictArteryVein returns ArteryVeinMaps', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-av-'));
  try {
    for (const sub of ['images', 'manual1', 'mask', 'av']) mkdirSync(join(dir, sub));
    const root = createRng(5);
    const ids = ['a', 'b', 'c', 'd'];
    let first: Awaited<ReturnType<typeof synthFundus>> | undefined;
    for (const id of ids) {
      const f = synthFundus(root.fork(id), { width: 160, height: 160 });
      first ??= f;
      await writeImage(join(dir, 'images', `${id}.png`), f.image);
      await writeImage(join(dir, 'manual1', `${id}.png`), {
        data: f.vesselMask.data.map((v) => v * 255),
        width: 160,
        height: 160,
        channels: 1,
      });
      await writeImage(join(dir, 'mask', `${id}_mask.png`), {
        data: f.fovMask.data.map((v) => v * 255),
        width: 160,
        height: 160,
        channels: 1,
      });
      const av = new Uint8Array(160 * 160 * 3);
      f.avLabel.forEach((l, k) => av.set(f.vesselMask.data[k] ? COLORS[l === 0 ? 3 : l]! : COLORS[0]!, k * 3));
      await writeImage(join(dir, 'av', `${id}_AV.png`), { data: av, width: 160, height: 160, channels: 3 });
    }
    const c = parseUnetExperiment({
      name: 'av-test',
      seed: 1,
      task: 'artery-vein',
      backend: 'wasm',
      data: {
        source: 'folder',
        root: dir,
        images: 'images/{id}.png',
        fovs: 'mask/{id}_mask.png',
        labels: 'av/{id}_AV.png',
        train: ['a', 'b'],
        validation: ['c'],
        test: ['d'],
      },
      preprocess: { channels: ['red', 'green'] },
      model: { depth: 2, baseFilters: 4 },
      training: { batchSize: 2, epochs: 2, stepsPerEpoch: 2, patchSize: 32, validationTileSize: 64 },
      inference: { tileSize: 64, overlap: 16 },
      output: join(dir, 'out'),
    });
    const r = await runArteryVeinExperiment(c, { configDir: dir });
    assert.equal(r.epochs.length, 2);
    assert.equal(r.classWeights.length, 3);
    assert.ok(r.classWeights[0]! < r.classWeights[1]!, 'background weighs less than arteries (median-frequency)');
    const rows = r.test.filter((t) => t.method === 'unet-av');
    assert.equal(rows.length, 1);
    assert.ok(rows[0]!.auc > 0 && rows[0]!.auc <= 1 && rows[0]!.avAccuracy! >= 0 && rows[0]!.avAccuracy! <= 1);
    assert.ok(r.testMean['frangi'] !== undefined);
    const best = join(dir, 'out', 'best');
    const meta = JSON.parse(readFileSync(join(best, 'metadata.json'), 'utf8')) as {
      notes: Record<string, string>;
      inputChannels: number;
      architecture: { outputChannels: number };
    };
    assert.deepEqual(
      [meta.notes['task'], meta.notes['channels'], meta.inputChannels, meta.architecture.outputChannels],
      ['artery-vein', 'red,green', 2, 3],
    );
    assert.ok(existsSync(join(dir, 'out', 'last', 'state.json')));
    const maps = await predictArteryVein(first!.image, best, { fov: first!.fovMask });
    assert.equal(maps.vessel.length, 160 * 160);
    for (let k = 0; k < maps.vessel.length; k += 97)
      assert.ok(Math.abs(maps.vessel[k]! - Math.min(1, maps.artery[k]! + maps.vein[k]!)) < 1e-6);
    // A vessel-only model folder is refused by predictArteryVein.
    await assert.rejects(predictArteryVein(first!.image, 'src/segment/unet/pretrained/hrf-unet'), (e) =>
      isVesselprintError(e, 'BAD_ARGUMENT'),
    );
    // evaluateOnly re-scores best/ without training.
    const again = await runArteryVeinExperiment(c, { configDir: dir, evaluateOnly: true });
    assert.equal(again.epochs.length, 0);
    assert.ok(Math.abs(again.test[0]!.auc - r.test[0]!.auc) < 1e-9);
    // model.initFrom: a twice-as-wide model starts from best/ (widened), trains and saves its own architecture
    const logs: string[] = [];
    const wideCfg = parseUnetExperiment({
      ...c,
      model: { depth: 2, baseFilters: 8, initFrom: best },
      training: { ...c.training, epochs: 1 },
      output: join(dir, 'out-wide'),
    });
    const w = await runArteryVeinExperiment(wideCfg, { configDir: dir, log: (m: string) => logs.push(m) });
    assert.equal(w.epochs.length, 1);
    assert.ok(
      logs.some((m) => m.includes(`initialised from ${best} (widened to 8 base filters)`)),
      logs.join('\n'),
    );
    const wideMeta = JSON.parse(readFileSync(join(dir, 'out-wide', 'best', 'metadata.json'), 'utf8')) as {
      architecture: { baseFilters: number };
    };
    assert.equal(wideMeta.architecture.baseFilters, 8);
    await assert.rejects(
      runArteryVeinExperiment(
        parseUnetExperiment({ ...c, model: { depth: 2, baseFilters: 6, initFrom: best }, output: join(dir, 'out-odd') }),
        {
          configDir: dir,
        },
      ),
      /not a multiple of the source's 4/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
