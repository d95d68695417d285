import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Image2D, Mask2D } from '../../src/core/image.js';
import type { ArteryVeinMaps } from '../../src/segment/arteryVeinMaps.js';
import { isVesselprintError } from '../../src/core/errors.js';
import { avPropagate } from '../../src/retina/avPropagate.js';
import { avSegmentGraph } from '../../src/retina/avSegmentGraph.js';
import { avJunctionConstraints } from '../../src/retina/avJunctionConstraints.js';
import { classifyAvSegments, avMapsFromSegments, CNN_ONLY_AV_SEGMENT_MODEL } from '../../src/retina/avSegmentClassifier.js';
import { fitAvSegmentModel, avSegmentLogit } from '../../src/retina/avSegmentModel.js';
import { AV_SEGMENT_FEATURES } from '../../src/retina/avSegmentFeatures.js';
import { labelSegments } from '../../src/retina/labelSegments.js';

test('avPropagate([3, -0.5, 3], same-type chain) flips the weak middle segment; a confident pair keeps opposite signs', () => {
  // by hand: m = tanh(3/2) = 0.905 at both ends, the middle field → −0.5 + 2·(2·0.905) = 3.12 > 0
  const h = avPropagate(
    [3, -0.5, 3],
    [
      { a: 0, b: 1, weight: 2 },
      { a: 1, b: 2, weight: 2 },
    ],
  );
  assert.ok(h[1]! > 0 && h[0]! > 3 && h[2]! > 3);
  const k = avPropagate([3, -3], [{ a: 0, b: 1, weight: 0.5 }]);
  assert.ok(k[0]! > 0 && k[1]! < 0);
  const d = avPropagate([3, 0], [{ a: 0, b: 1, weight: -2 }]);
  assert.ok(d[1]! < 0, 'a crossing partner of a confident artery becomes a vein');
  assert.deepEqual(Array.from(avPropagate([1, -2], [])), [1, -2]);
  assert.throws(
    () => avPropagate([1], [{ a: 0, b: 3, weight: 1 }]),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT'),
  );
});

/** An 81x81 plus: a horizontal bar (rows 38–42) crossing a vertical bar (cols 38–42). */
function plus(size = 81): Mask2D {
  const data = new Uint8Array(size * size);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if ((r >= 38 && r <= 42) || (c >= 38 && c <= 42)) data[r * size + c] = 1;
  return { data, width: size, height: size };
}

/** Which arm of the plus a segment lies on, from its mid pixel. */
function arm(path: Int32Array, width: number): 'left' | 'right' | 'top' | 'bottom' {
  const p = path[Math.floor(path.length / 2)]!,
    r = Math.floor(p / width) - 40,
    c = (p % width) - 40;
  return Math.abs(c) > Math.abs(r) ? (c < 0 ? 'left' : 'right') : r < 0 ? 'top' : 'bottom';
}

test('avJunctionConstraints on a plus-shaped crossing: opposite arms share a type, the two vessels differ', () => {
  const m = plus();
  const g = avSegmentGraph(m);
  const arms = g.graph.segments.filter((s) => s.path.length > 20);
  assert.equal(arms.length, 4);
  const name = new Map(arms.map((s) => [s.id, arm(s.path, m.width)]));
  const { constraints } = avJunctionConstraints(g.graph, g.dist);
  const w = (a: string, b: string): number[] =>
    constraints
      .filter((k) => {
        const x = name.get(k.a),
          y = name.get(k.b);
        return (x === a && y === b) || (x === b && y === a);
      })
      .map((k) => k.weight);
  assert.deepEqual(w('left', 'right'), [2]);
  assert.deepEqual(w('top', 'bottom'), [2]);
  for (const [a, b] of [
    ['left', 'top'],
    ['left', 'bottom'],
    ['right', 'top'],
    ['right', 'bottom'],
  ] as const)
    assert.deepEqual(w(a, b), [-1]);
});

/** The plus as an artery (horizontal, light red) crossing a vein (vertical, dark): RGB image, FOV and CNN maps. */
function crossingScene(rightArmArtery: number): { img: Image2D; fov: Mask2D; maps: ArteryVeinMaps; mask: Mask2D } {
  const mask = plus();
  const n = mask.width * mask.height;
  const img: Image2D = { data: new Uint8Array(n * 3), width: mask.width, height: mask.height, channels: 3 };
  const artery = new Float32Array(n),
    vein = new Float32Array(n),
    vessel = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const r = Math.floor(k / mask.width),
      c = k % mask.width;
    const horiz = r >= 38 && r <= 42,
      vert = c >= 38 && c <= 42;
    const rgb = !mask.data[k] ? [200, 120, 60] : horiz && !vert ? [190, 90, 40] : [150, 50, 30];
    for (let ch = 0; ch < 3; ch++) img.data[k * 3 + ch] = rgb[ch]!;
    if (!mask.data[k]) continue;
    vessel[k] = 1;
    const pa = horiz && vert ? 0.5 : horiz ? (c > 42 ? rightArmArtery : 0.8) : 0.2;
    artery[k] = pa;
    vein[k] = 1 - pa;
  }
  return {
    img,
    fov: { data: new Uint8Array(n).fill(1), width: mask.width, height: mask.height },
    maps: { width: mask.width, height: mask.height, artery, vein, vessel },
    mask,
  };
}

test('classifyAvSegments: propagation across a crossing relabels an artery arm the CNN called vein', () => {
  const s = crossingScene(0.3);
  const labelOf = (c: ReturnType<typeof classifyAvSegments>): Record<string, string> =>
    Object.fromEntries(c.graph.segments.filter((x) => x.path.length > 20).map((x) => [arm(x.path, s.mask.width), c.label[x.id]!]));
  const own = classifyAvSegments(s.img, s.fov, s.maps, s.mask, { model: CNN_ONLY_AV_SEGMENT_MODEL, propagate: false });
  assert.deepEqual(labelOf(own), { left: 'artery', right: 'vein', top: 'vein', bottom: 'vein' });
  const prop = classifyAvSegments(s.img, s.fov, s.maps, s.mask, { model: CNN_ONLY_AV_SEGMENT_MODEL });
  assert.deepEqual(labelOf(prop), { left: 'artery', right: 'artery', top: 'vein', bottom: 'vein' });
  // the refined maps carry the segment decision to every pixel of the arm
  const refined = avMapsFromSegments(s.maps, prop);
  const k = 40 * s.mask.width + 70;
  assert.ok(refined.artery[k]! > refined.vein[k]! && s.maps.artery[k]! < s.maps.vein[k]!);
  assert.equal(refined.vessel, s.maps.vessel);
});

test("evidenceScale weighs a segment's own evidence against its neighbours': the miscalled arm flips at the CNN-only default (3), keeps its own type at 10; ≤ 0 is refused", () => {
  const s = crossingScene(0.3);
  const right = (c: ReturnType<typeof classifyAvSegments>): string =>
    c.label[c.graph.segments.find((x) => x.path.length > 20 && arm(x.path, s.mask.width) === 'right')!.id]!;
  assert.equal(CNN_ONLY_AV_SEGMENT_MODEL.evidenceScale, 3);
  // own log-odds 3·logit(0.3) ≈ −2.5 against couplings 2 (left arm, artery) + 1 + 1 (the two vein arms)
  assert.equal(right(classifyAvSegments(s.img, s.fov, s.maps, s.mask, { model: CNN_ONLY_AV_SEGMENT_MODEL })), 'artery');
  // 10·logit(0.3) ≈ −8.5 outweighs them
  assert.equal(right(classifyAvSegments(s.img, s.fov, s.maps, s.mask, { model: CNN_ONLY_AV_SEGMENT_MODEL, evidenceScale: 10 })), 'vein');
  assert.throws(
    () => classifyAvSegments(s.img, s.fov, s.maps, s.mask, { model: CNN_ONLY_AV_SEGMENT_MODEL, evidenceScale: 0 }),
    /evidenceScale must be > 0/,
  );
});

test('avSegmentFeatures: the lighter, redder arm has the larger colour z-scores; fitAvSegmentModel learns their sign', () => {
  const s = crossingScene(0.8);
  const c = classifyAvSegments(s.img, s.fov, s.maps, s.mask, { model: CNN_ONLY_AV_SEGMENT_MODEL, propagate: false });
  const arms = c.features.filter((f) => f.pathPx > 20);
  const x = arms.map((f) => f.x),
    y = arms.map((f) => (['left', 'right'].includes(arm(c.graph.segments[f.segmentId]!.path, s.mask.width)) ? 1 : 0));
  const red = AV_SEGMENT_FEATURES.indexOf('red_z');
  for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) if (y[i] === 1 && y[j] === 0) assert.ok(x[i]![red]! > x[j]![red]!);
  const model = fitAvSegmentModel(x, y);
  for (let i = 0; i < x.length; i++) assert.equal(avSegmentLogit(model, x[i]!) > 0, y[i] === 1);
  assert.throws(
    () =>
      fitAvSegmentModel(
        x,
        y.map(() => 1),
      ),
    (e) => isVesselprintError(e, 'BAD_ARGUMENT'),
  );
  assert.throws(
    () => classifyAvSegments(s.img, s.fov, { ...s.maps, width: 3 }, s.mask),
    (e) => isVesselprintError(e, 'SHAPE_MISMATCH'),
  );
});

test('labelSegments votes the rewritten maps (avMapsFromSegments): the relabelled arm joins the artery mask', () => {
  const s = crossingScene(0.3);
  const disc = { row: 5, col: 5, radiusPx: 2 };
  const k = 40 * s.mask.width + 70;
  const plain = labelSegments(s.mask, s.maps, disc);
  assert.equal(plain.artery.mask.data[k], 0);
  const relabelled = avMapsFromSegments(s.maps, classifyAvSegments(s.img, s.fov, s.maps, s.mask, { model: CNN_ONLY_AV_SEGMENT_MODEL }));
  const withSc = labelSegments(s.mask, relabelled, disc);
  assert.equal(withSc.artery.mask.data[k], 1);
  assert.equal(withSc.vein.mask.data[k], 0);
});

test('CNN_ONLY_AV_SEGMENT_MODEL is the CNN evidence alone: its log-odds are the cnn_logit feature, whatever the others', () => {
  const x = AV_SEGMENT_FEATURES.map((_, j) => 0.7 * j - 2);
  const cnn = AV_SEGMENT_FEATURES.indexOf('cnn_logit');
  assert.equal(avSegmentLogit(CNN_ONLY_AV_SEGMENT_MODEL, x), x[cnn]);
  assert.equal(
    avSegmentLogit(
      CNN_ONLY_AV_SEGMENT_MODEL,
      AV_SEGMENT_FEATURES.map(() => 0),
    ),
    0,
  );
});
