import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../src/backend/selectBackend.js';
import { createRng } from '../../../src/core/rng.js';
import { avLabelsFromColor, resizeLabels, AV_LABEL } from '../../../src/segment/unet/avLabels.js';
import { labelPatchSource, sampleLabelPatchBatch } from '../../../src/segment/unet/avPatches.js';
import { channelDraw, drawAugmentation, extractPatch, NO_AUGMENT } from '../../../src/segment/unet/augment.js';
import { centrelineAvAccuracy } from '../../../src/segment/unet/avMetrics.js';
import { buildUnet } from '../../../src/segment/unet/buildUnet.js';
import { foldBatchNorm } from '../../../src/segment/unet/foldBatchNorm.js';
import { predictMaps } from '../../../src/segment/unet/infer.js';
import { prepareUnetImage } from '../../../src/segment/unet/prepare.js';
import type { Image2D } from '../../../src/core/image.js';

const rgb = (pixels: Array<[number, number, number]>, width: number): Image2D => ({
  data: Uint8Array.from(pixels.flat()),
  width,
  height: pixels.length / width,
  channels: 3,
});

test('avLabelsFromColor decodes red artery, blue vein, green unknown, black background', () => {
  const l = avLabelsFromColor(
    rgb(
      [
        [0, 0, 0],
        [255, 0, 0],
        [0, 0, 255],
        [0, 255, 0],
      ],
      2,
    ),
  );
  assert.deepEqual([...l.data], [AV_LABEL.background, AV_LABEL.artery, AV_LABEL.vein, AV_LABEL.unknown]);
  assert.throws(() => avLabelsFromColor({ data: new Uint8Array(4), width: 2, height: 2, channels: 1 }), /must be RGB/);
});

test('resizeLabels: background off the target vessel mask, majority label on it, ties unknown', () => {
  // 4x2 → 2x1: left block 3 artery + 1 vein, right block 2 artery + 2 vein
  const labels = { data: Uint8Array.from([1, 1, 1, 2, 1, 2, 2, 1]), width: 4, height: 2 };
  const r = resizeLabels(labels, { data: Uint8Array.from([1, 1]), width: 2, height: 1 });
  assert.deepEqual([...r.data], [AV_LABEL.artery, AV_LABEL.unknown]);
  const r0 = resizeLabels(labels, { data: Uint8Array.from([0, 1]), width: 2, height: 1 });
  assert.equal(r0.data[0], AV_LABEL.background);
});

function stripes(): { img: Image2D; labels: { data: Uint8Array; width: number; height: number } } {
  // 32x32: row 8 artery (bright), rows 20–21 vein (dark), a crossing pixel of unknown type
  const W = 32;
  const px: Array<[number, number, number]> = [];
  const lab = new Uint8Array(W * W);
  for (let r = 0; r < W; r++)
    for (let c = 0; c < W; c++) {
      const k = r * W + c;
      if (r === 8) {
        lab[k] = 1;
        px.push([200, 90, 40]);
      } else if (r === 20 || r === 21) {
        lab[k] = 2;
        px.push([120, 40, 30]);
      } else px.push([180, 120, 60]);
    }
  lab[8 * W + 16] = 3;
  return { img: rgb(px, W), labels: { data: lab, width: W, height: W } };
}

test('sampleLabelPatchBatch without augmentation copies the labels: allowed classes and class weights per pixel', () => {
  const { img, labels } = stripes();
  const fov = { data: new Uint8Array(32 * 32).fill(1), width: 32, height: 32 };
  const chans = (['red', 'green'] as const).map((channel) => prepareUnetImage(img, fov, { channel, claheClip: 0 }));
  const src = labelPatchSource(chans, labels);
  const b = sampleLabelPatchBatch([src], 3, createRng(1), [0.1, 2, 3], { patchSize: 32, vesselFraction: 0, augment: false });
  assert.equal(b.x.length, 3 * 32 * 32 * 2);
  assert.equal(b.allowed.length, 3 * 32 * 32 * 3);
  // Whatever the centre, an unaugmented 32x32 patch of a 32x32 image is shifted by at most the
  // centre offset; check consistency: every pixel's allowed set and weight agree with one class.
  let artery = 0;
  let unknown = 0;
  for (let i = 0; i < 3 * 32 * 32; i++) {
    const a = [b.allowed[i * 3]!, b.allowed[i * 3 + 1]!, b.allowed[i * 3 + 2]!].join('');
    const w = b.weight[i]!;
    const expectedW: Record<string, number> = { '100': 0.1, '010': 2, '001': 3, '011': 2.5 };
    assert.ok(a in expectedW, `pixel ${i} allowed ${a}`);
    assert.ok(Math.abs(w - expectedW[a]!) < 1e-6, `pixel ${i} weight ${w} for ${a}`);
    if (a === '010') artery++;
    if (a === '011') unknown++;
  }
  assert.ok(artery > 0 && unknown > 0, `${artery} artery, ${unknown} unknown pixels`);
});

test('labelPatchSource thinVessel: vessel pixels narrower than diameterPx weigh `weight` times their class weight, wider ones and background unchanged', () => {
  // 32x32: a 1-px artery (row 8, one crossing pixel of unknown type) and a 5-px vein (rows 18–22)
  const W = 32;
  const lab = new Uint8Array(W * W);
  const px: Array<[number, number, number]> = [];
  for (let r = 0; r < W; r++)
    for (let c = 0; c < W; c++) {
      lab[r * W + c] = r === 8 ? 1 : r >= 18 && r <= 22 ? 2 : 0;
      px.push(r === 8 ? [200, 90, 40] : r >= 18 && r <= 22 ? [120, 40, 30] : [180, 120, 60]);
    }
  lab[8 * W + 16] = 3;
  const img = rgb(px, W);
  const labels = { data: lab, width: W, height: W };
  const fov = { data: new Uint8Array(W * W).fill(1), width: W, height: W };
  const chans = [prepareUnetImage(img, fov, { channel: 'green', claheClip: 0 })];
  const src = labelPatchSource(chans, labels, { thinVessel: { diameterPx: 3, weight: 4 } });
  const b = sampleLabelPatchBatch([src], 2, createRng(5), [0.1, 2, 3], { patchSize: 32, vesselFraction: 0, augment: false });
  // artery 2 x 4, unknown (2 + 3) / 2 x 4 on the 1-px row; vein 3 (5 px wide); background 0.1
  const expectedW: Record<string, number> = { '100': 0.1, '010': 8, '001': 3, '011': 10 };
  const seen = new Set<string>();
  for (let i = 0; i < 2 * W * W; i++) {
    const a = [b.allowed[i * 3]!, b.allowed[i * 3 + 1]!, b.allowed[i * 3 + 2]!].join('');
    assert.ok(Math.abs(b.weight[i]! - expectedW[a]!) < 1e-6, `pixel ${i}: weight ${b.weight[i]} for classes ${a}`);
    seen.add(a);
  }
  assert.deepEqual([...seen].sort(), ['001', '010', '011', '100']);
  // without the option the 1-px artery keeps its class weight
  const plain = sampleLabelPatchBatch([labelPatchSource(chans, labels)], 1, createRng(5), [0.1, 2, 3], {
    patchSize: 32,
    vesselFraction: 0,
    augment: false,
  });
  assert.ok([...plain.weight].every((w) => [0.1, 2, 3, 2.5].some((e) => Math.abs(w - e) < 1e-6)));
  assert.throws(() => labelPatchSource(chans, labels, { thinVessel: { diameterPx: 0, weight: 2 } }), /thinVessel needs diameterPx > 0/);
});

test('sampleLabelPatchBatch with channelGamma changes the colour balance per patch: each channel is extracted with its own gamma factor', () => {
  const { img, labels } = stripes();
  const fov = { data: new Uint8Array(32 * 32).fill(1), width: 32, height: 32 };
  // The same channel three times: without channelGamma the three input channels are identical.
  const chans = (['red', 'red', 'red'] as const).map((channel) => prepareUnetImage(img, fov, { channel, claheClip: 0 }));
  const src = labelPatchSource(chans, labels);
  const plain = sampleLabelPatchBatch([src], 2, createRng(3), [1, 1, 1], { patchSize: 32, vesselFraction: 0, augment: NO_AUGMENT });
  for (let i = 0; i < plain.x.length; i += 3) assert.ok(plain.x[i] === plain.x[i + 1] && plain.x[i] === plain.x[i + 2]);
  const rng = createRng(3);
  const coloured = sampleLabelPatchBatch([src], 2, rng, [1, 1, 1], {
    patchSize: 32,
    vesselFraction: 0,
    augment: { ...NO_AUGMENT, channelGamma: [0.5, 2] },
  });
  // Replay the draws: the centre choice (image, list, index) then the augmentation, per patch.
  const replay = createRng(3);
  const P = 32 * 32;
  const c = chans[0]!;
  for (let k = 0; k < 2; k++) {
    replay.int(0, 0);
    replay.bernoulli(0);
    const idx = src.inside[replay.int(0, src.inside.length - 1)]!;
    const a = drawAugmentation(replay, { ...NO_AUGMENT, channelGamma: [0.5, 2] });
    assert.ok(a.channelGamma && a.channelGamma.every((g) => g >= 0.5 && g <= 2));
    assert.notEqual(a.channelGamma![0], a.channelGamma![1]);
    const row = Math.floor(idx / 32);
    const col = idx % 32;
    for (let ch = 0; ch < 3; ch++) {
      const want = extractPatch(c, src.masks[ch]!, row - 0.5, col - 0.5, 32, channelDraw(a, ch)).x;
      for (let i = 0; i < P; i++)
        assert.ok(Math.abs(coloured.x[(k * P + i) * 3 + ch]! - want[i]!) < 1e-5, `patch ${k} channel ${ch} pixel ${i}`);
    }
  }
  // Channels now differ somewhere.
  let differ = 0;
  for (let i = 0; i < coloured.x.length; i += 3) if (Math.abs(coloured.x[i]! - coloured.x[i + 1]!) > 1e-3) differ++;
  assert.ok(differ > 100, `${differ} pixels with differing channels`);
});

test('drawAugmentation: without channelGamma it draws no extra numbers (older configs replay exactly); channelDraw scales gamma', () => {
  const a = createRng(9);
  const b = createRng(9);
  const da = drawAugmentation(a, {});
  const db = drawAugmentation(b, { channelGamma: [1, 1] });
  assert.deepEqual(da, db);
  assert.equal(da.channelGamma, undefined);
  assert.equal(a.uniform(), b.uniform());
  const d = { ...da, gamma: 1.2, channelGamma: [0.9, 1, 1.1] as [number, number, number] };
  assert.ok(Math.abs(channelDraw(d, 0).gamma - 1.08) < 1e-12);
  assert.ok(Math.abs(channelDraw(d, 5).gamma - 1.32) < 1e-12);
  assert.equal(channelDraw(da, 1), da);
});

test('centrelineAvAccuracy scores skeleton pixels of the manual vessels and excludes unknown ones', () => {
  const { labels } = stripes();
  const n = 32 * 32;
  const artery = new Float32Array(n);
  const vein = new Float32Array(n);
  // Predict artery everywhere in the left half, vein in the right half.
  for (let k = 0; k < n; k++) (k % 32 < 16 ? artery : vein)[k] = 0.9;
  const r = centrelineAvAccuracy(artery, vein, labels);
  assert.ok(r.excluded >= 1);
  // Arteries right on the left half, veins right on the right half: about half of each.
  assert.ok(Math.abs(r.arteryRecall - 0.5) < 0.1 && Math.abs(r.veinRecall - 0.5) < 0.1, JSON.stringify(r));
  const perfect = centrelineAvAccuracy(
    Float32Array.from(labels.data, (l) => (l === 1 ? 1 : 0)),
    Float32Array.from(labels.data, (l) => (l === 2 ? 1 : 0)),
    labels,
  );
  assert.equal(perfect.accuracy, 1);
});

test('a 3-class U-Net gives softmax maps (sum 1) of the input size; folded batch norm gives the same maps; tiling keeps them softmax; no tensor leak', async () => {
  await selectBackend({ backend: 'wasm' });
  const model = buildUnet({ depth: 2, baseFilters: 4, inputChannels: 2, outputChannels: 3, seed: 3 });
  const { img } = stripes();
  const fov = { data: new Uint8Array(32 * 32).fill(1), width: 32, height: 32 };
  const chans = (['red', 'green'] as const).map((channel) => prepareUnetImage(img, fov, { channel, claheClip: 0 }));
  const before = tf.memory().numTensors;
  const one = await predictMaps(model, chans, { tileSize: 32, overlap: 0 });
  const folded = foldBatchNorm(model, { depth: 2, baseFilters: 4, inputChannels: 2, outputChannels: 3, seed: 3 });
  const foldedOne = await predictMaps(folded, chans, { tileSize: 32, overlap: 0 });
  const tiled = await predictMaps(folded, chans, { tileSize: 16, overlap: 8 });
  folded.dispose();
  assert.equal(one.length, 3);
  for (let k = 0; k < 32 * 32; k += 37) {
    assert.ok(Math.abs(one[0]![k]! + one[1]![k]! + one[2]![k]! - 1) < 1e-5);
    assert.ok(Math.abs(tiled[0]![k]! + tiled[1]![k]! + tiled[2]![k]! - 1) < 1e-5);
    for (let c = 0; c < 3; c++) assert.ok(Math.abs(foldedOne[c]![k]! - one[c]![k]!) < 1e-4);
  }
  assert.throws(() => buildUnet({ outputChannels: 0 }), /outputChannels/);
  assert.equal(tf.memory().numTensors, before, 'no tensor leaked by inference');
  const direct = tf.tidy(() => {
    const x = new Float32Array(32 * 32 * 2);
    const a = chans.map((c) => c.unit.map((u) => (u - c.mean) / c.sd));
    for (let k = 0; k < 32 * 32; k++) {
      x[k * 2] = a[0]![k]!;
      x[k * 2 + 1] = a[1]![k]!;
    }
    return (model.predict(tf.tensor4d(x, [1, 32, 32, 2])) as tf.Tensor).dataSync();
  });
  for (let k = 0; k < 32 * 32; k += 41) assert.ok(Math.abs(direct[k * 3 + 1]! - one[1]![k]!) < 1e-5);
});

test('an artery-vein experiment config needs folder data with A/V labels; several channels only for that task; the shipped config parses', async () => {
  const { parseUnetExperiment, readUnetExperiment } = await import('../../../src/segment/unet/experimentConfig.js');
  const folder = { source: 'folder', root: 'x', train: ['a'], validation: ['b'] };
  assert.throws(
    () => parseUnetExperiment({ name: 'n', task: 'artery-vein', data: folder, output: 'o' }),
    (e: unknown) => e instanceof Error && /data\.labels/.test(String((e as { field?: string }).field)),
  );
  assert.throws(
    () => parseUnetExperiment({ name: 'n', data: folder, preprocess: { channels: ['red', 'green'] }, output: 'o' }),
    /artery-vein/,
  );
  const ok = parseUnetExperiment({
    name: 'n',
    task: 'artery-vein',
    data: { ...folder, labels: 'av/{id}.png' },
    preprocess: { channels: ['red', 'green', 'blue'] },
    output: 'o',
  });
  assert.equal(ok.training.classWeights, 'median-frequency');
  assert.equal(ok.training.thinVesselWeight, undefined);
  assert.throws(
    () => parseUnetExperiment({ name: 'n', data: folder, training: { thinVesselWeight: { diameterPx: 4, weight: 3 } }, output: 'o' }),
    /thin-vessel weighting is implemented for task "artery-vein" only/,
  );
  assert.deepEqual(readUnetExperiment('experiments/hrf-av-unet-thin.json').training.thinVesselWeight, { diameterPx: 4, weight: 3 });
  const shipped = readUnetExperiment('experiments/hrf-av-unet.json');
  assert.equal(shipped.task, 'artery-vein');
  const d = shipped.data;
  assert.ok(d.source === 'folder');
  // The fixed HRF split: train, validation and test images never overlap.
  const all = [...d.train, ...d.validation, ...d.test];
  assert.equal(new Set(all).size, all.length);
  assert.ok(d.test.every((id) => id.startsWith('08_') || id.startsWith('15_')));
  // Each later stage (`--resume`) must continue the same run: same data, model, schedule kind and output folder.
  let previous = shipped;
  for (const file of [
    'experiments/hrf-av-unet-continue.json',
    'experiments/hrf-av-unet-stage3.json',
    'experiments/hrf-av-unet-stage4.json',
  ]) {
    const next = readUnetExperiment(file);
    assert.deepEqual(next.data, shipped.data, file);
    assert.deepEqual(next.model, shipped.model, file);
    assert.deepEqual(next.preprocess, shipped.preprocess, file);
    assert.equal(next.output, shipped.output, file);
    assert.equal(next.seed, shipped.seed, file);
    assert.equal(next.training.lrSchedule, shipped.training.lrSchedule, file);
    assert.ok(next.training.epochs > previous.training.epochs, file);
    previous = next;
  }
  // The widened run starts from the shipped model on the same data and split, into its own folder.
  const wide = readUnetExperiment('experiments/hrf-av-unet-wide.json');
  assert.deepEqual(wide.data, shipped.data);
  assert.deepEqual(wide.preprocess, shipped.preprocess);
  assert.equal(wide.seed, shipped.seed);
  assert.equal(wide.model.initFrom, 'src/segment/unet/pretrained/hrf-av-unet');
  assert.equal(wide.model.depth, shipped.model.depth);
  assert.equal(wide.model.baseFilters! % shipped.model.baseFilters!, 0);
  assert.notEqual(wide.output, shipped.output);
});
