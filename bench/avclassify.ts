/**
 * `npm run bench -- avclassify [--maps DIR] [--ids 08_h,...] [--fit 14_h,14_g,14_dr] [--model FILE.json] [--unsure-margin 0.2] [--full-res] [--calibrate-scale IDS] [--diagnose]`: segment-level
 * artery/vein classification on HRF (`../shared/data/hrf`) from artery/vein CNN maps stored as files.
 *
 * Maps folder: per image `ID.json` ({ width, height }: the maps' size, e.g. 1752x1168 = half HRF
 * resolution, the resolution the hrf-av-unet runs at), `ID.artery.f32`, `ID.vein.f32`, `ID.vessel.f32`
 * (row-major little-endian float32) — written by `predictArteryVein` on the image shrunk by 2:
 * `node --import tsx bench/_avMapsDump.ts DIR ID…` (docs/retina.md). Default folder /tmp/avmaps.
 *
 * Evaluation at the maps' size (the protocol of segment/unet/avMetrics at half resolution): truth =
 * Guo–Hall skeleton of the shrunk manual vessels, each pixel typed by the majority of artery/vein
 * labels in its 2x2 source footprint (crossing/uncertain and ties excluded). Scores, side by side:
 * (a) pixel: argmax(p_artery, p_vein) on each centre-line pixel; (b) vote: majority of the pixel
 * argmax over the predicted segment the pixel belongs to (`avSegmentGraph.owner`); (c) the
 * segment classifier: cnn+graph (CNN mean only, propagated), model (logistic, no propagation),
 * model+graph (the default), and model+graph scoring only segments with |P(artery) − 0.5| ≥
 * `--unsure-margin` (the others "unsure", their share printed). Truth pixels outside the predicted vessel mask have no segment and
 * keep the pixel argmax in (b)/(c) ("fallback" share). `--fit IDS` fits the logistic model on the
 * segments of those images instead (truth of a segment = majority type of manual labels on its
 * centre line) and prints it as JSON. `--full-res` enlarges the maps to the photograph's size
 * (bilinear, as `predictArteryVein` returns them) and scores at full resolution instead (truth =
 * skeleton of the full-resolution manual vessels). `--balance F` first applies the image-level artery/vein
 * prior (`balanceArteryVein`, artery fraction F over the pixels with vessel probability ≥ `--balance-threshold`,
 * default 0.85 = the shipped model's vessel threshold, inside the FOV) to every image's maps, as `analyzeRetina`
 * does for a model whose metadata.json has `avBalance`; the shift per image is printed (`balance_shift`).
 * `--calibrate-balance IDS` scores the pixel column of those images without the prior and with it for
 * artery fractions 0.40–0.54 (step 0.01), pooled, and prints the best fraction as JSON (how the shipped
 * model's `avBalance.arteryFraction` was chosen, on its validation images). `--strata` also scores
 * subsets of the truth centre line, pooled: by the manual vessel's diameter there (2d − 1 of the shrunk
 * manual mask's distance transform, in full-resolution px: small < 8, medium 8–14, large ≥ 14 — at an
 * assumed 5 µm/px < 40, 40–70, ≥ 70 µm), inside zones B–C (2 to 5 disc radii from the centre of
 * our annotated disc, test/fixtures/hrf-optic-disc.json), and large vessels in zones B–C (what CRAE/CRVE use).
 * `--calibrate-scale IDS` scores cnn+graph and model+graph on those images for evidence scales 1–4
 * (`AvSegmentModel.evidenceScale`: weight of a segment's own log-odds in the propagation) and prints the
 * best per model as JSON (how the shipped values 3 and 2 were chosen, on the 18 non-test images, with --balance 0.47).
 * `--diagnose` (with `--ids`) says where model+graph's errors come from, pooled: its accuracy on the truth
 * pixels inside predicted segments, the same if each segment took its majority manual type (segment
 * oracle) and if each group of segments joined by through-couplings did (group oracle), how often each
 * kind of junction coupling (through, branch, cross) agrees with the manual types, the share of the
 * errors in segments that no coupling reaches, and the accuracy on the truth pixels outside the
 * predicted vessel mask (fallback).
 */
import { readFileSync, existsSync } from 'node:fs';
import { readImage } from '../src/io/readImage.js';
import { toMask, type Image2D, type Mask2D } from '../src/core/image.js';
import { resize, resizeMask } from '../src/preprocess/resample.js';
import { skeletonize } from '../src/vascular/skeletonize.js';
import { distanceTransform } from '../src/vascular/distanceTransform.js';
import { resizeChannels } from '../src/segment/unet/resizeImage.js';
import type { ArteryVeinMaps } from '../src/segment/arteryVeinMaps.js';
import { classifyAvSegments, type AvSegmentClassification } from '../src/retina/avSegmentClassifier.js';
import { CNN_ONLY_AV_SEGMENT_MODEL, DEFAULT_AV_SEGMENT_MODEL } from '../src/retina/avSegmentDefaultModel.js';
import { rocAuc } from '../src/learn/metrics/ranking.js';
import { AV_SEGMENT_FEATURES } from '../src/retina/avSegmentFeatures.js';
import { fitAvSegmentModel, type AvSegmentModel } from '../src/retina/avSegmentModel.js';
import { balanceArteryVein } from '../src/retina/avBalance.js';
import { DEFAULT_AV_JUNCTION_CONSTRAINTS } from '../src/retina/avJunctionConstraints.js';

const D = '../shared/data/hrf';
const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
};
const dir = arg('maps', '/tmp/avmaps');
const fullRes = process.argv.includes('--full-res');
const balanceFraction = arg('balance', '');
const balanceThreshold = Number(arg('balance-threshold', '0.85'));
const shifts = new Map<string, number>();
if (!existsSync(`${D}/images`)) {
  console.log('avclassify bench: ../shared/data/hrf not present, nothing to do');
  process.exit(0);
}
if (!existsSync(dir)) {
  console.log(`avclassify bench: no maps folder ${dir} (see the file comment for how to write it)`);
  process.exit(0);
}

interface Case {
  id: string;
  img: Image2D;
  fov: Mask2D;
  maps: ArteryVeinMaps;
  mask: Mask2D;
  truthSkel: Uint8Array;
  truth: Uint8Array;
  /** `--strata`: per pixel, bit 1 small / 2 medium / 4 large manual vessel, 8 inside zones B–C (our annotated disc). */
  strata?: Uint8Array;
}

/** `--strata`: the subsets of the truth centre line scored apart (see the file comment). */
const STRATA: [string, number][] = [
  ['small', 1],
  ['medium', 2],
  ['large', 4],
  ['zoneBC', 8],
  ['zoneBC&large', 12],
];
const withStrata = process.argv.includes('--strata');

/** The pixels the prior is computed over: vessel probability ≥ `--balance-threshold` inside the FOV. */
function balanceMask(fov: Mask2D, maps: ArteryVeinMaps): Mask2D {
  const m: Mask2D = { data: new Uint8Array(maps.vessel.length), width: maps.width, height: maps.height };
  for (let k = 0; k < m.data.length; k++) m.data[k] = fov.data[k] && maps.vessel[k]! >= balanceThreshold ? 1 : 0;
  return m;
}

async function load(id: string): Promise<Case> {
  const meta = JSON.parse(readFileSync(`${dir}/${id}.json`, 'utf8')) as { width: number; height: number };
  const f32 = (k: string): Float32Array => {
    const b = readFileSync(`${dir}/${id}.${k}.f32`);
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  const ext = existsSync(`${D}/images/${id}.jpg`) ? 'jpg' : 'JPG';
  const full = await readImage(`${D}/images/${id}.${ext}`);
  const [w, h] = fullRes ? [full.width, full.height] : [meta.width, meta.height];
  const sized = (a: Float32Array): Float32Array =>
    fullRes ? resize({ data: a, width: meta.width, height: meta.height, channels: 1 }, w, h).data : a;
  const maps: ArteryVeinMaps = {
    width: w,
    height: h,
    artery: sized(f32('artery')),
    vein: sized(f32('vein')),
    vessel: sized(f32('vessel')),
  };
  const img = resizeChannels(full, w, h);
  const fov = resizeMask(toMask(await readImage(`${D}/mask/${id}_mask.png`)), w, h);
  const manual = resizeMask(toMask(await readImage(`${D}/manual1/${id}.png`)), w, h);
  const av = await readImage(`${D}/av/${id}_AVmanual.png`);
  const truthSkel = skeletonize(manual).data;
  const truth = new Uint8Array(w * h);
  const sr = av.height / h,
    sc = av.width / w;
  for (let k = 0; k < w * h; k++) {
    if (!manual.data[k]) continue;
    const r = Math.floor(k / w),
      c = k % w;
    let a = 0,
      v = 0;
    for (let i = Math.floor(r * sr); i < Math.ceil((r + 1) * sr); i++)
      for (let j = Math.floor(c * sc); j < Math.ceil((c + 1) * sc); j++) {
        const p = (i * av.width + j) * av.channels;
        const R = av.data[p]! > 127,
          G = av.data[p + 1]! > 127,
          B = av.data[p + 2]! > 127;
        if (R && !G && !B) a++;
        else if (B && !R && !G) v++;
      }
    truth[k] = a > v ? 1 : v > a ? 2 : 0;
  }
  if (fullRes) {
    // as predictArteryVein does after enlarging: 0 outside the FOV, vessel = min(1, artery + vein)
    for (let k = 0; k < w * h; k++) {
      if (!fov.data[k]) {
        maps.artery[k] = 0;
        maps.vein[k] = 0;
      }
      maps.vessel[k] = Math.min(1, maps.artery[k]! + maps.vein[k]!);
    }
  }
  const mask: Mask2D = { data: new Uint8Array(w * h), width: w, height: h };
  for (let k = 0; k < w * h; k++) mask.data[k] = fov.data[k] && maps.vessel[k]! >= 0.5 ? 1 : 0;
  let strata: Uint8Array | undefined;
  if (withStrata) {
    // manual diameter 2d − 1 at the skeleton pixel (d = Euclidean distance transform of the shrunk
    // manual mask), in full-resolution px (× the shrink factor): < 8 small, 8–14 medium, ≥ 14 large
    const dt = distanceTransform(manual);
    const k0 = full.width / w;
    const disc = (
      JSON.parse(readFileSync('test/fixtures/hrf-optic-disc.json', 'utf8')) as {
        discs: Record<string, { row: number; col: number; radius_px: number }>;
      }
    ).discs[id]!;
    strata = new Uint8Array(w * h);
    for (let k = 0; k < w * h; k++) {
      if (!truthSkel[k]) continue;
      const dFull = (2 * dt[k]! - 1) * k0;
      let b = dFull < 8 ? 1 : dFull < 14 ? 2 : 4;
      const rr = (Math.floor(k / w) * k0 - disc.row) / disc.radius_px,
        cc = ((k % w) * k0 - disc.col) / disc.radius_px;
      const rad = Math.hypot(rr, cc);
      if (rad >= 2 && rad <= 5) b |= 8;
      strata[k] = b;
    }
  }
  if (balanceFraction) {
    const b = balanceArteryVein(maps, balanceMask(fov, maps), { arteryFraction: Number(balanceFraction) });
    shifts.set(id, b.shift);
    return { id, img, fov, maps: b.maps, mask, truthSkel, truth, ...(strata && { strata }) };
  }
  return { id, img, fov, maps, mask, truthSkel, truth, ...(strata && { strata }) };
}

/** Per-segment 'artery' (1) / 'vein' (2) / unsure (0) → score on truth centre-line pixels. */
function score(
  c: Case,
  owner: Int32Array,
  segLabel: (s: number) => number,
  stratum = 0,
): { acc: number; n: number; fallback: number; unsure: number; correct: number } {
  let n = 0,
    correct = 0,
    fallback = 0,
    unsure = 0;
  for (let k = 0; k < c.truth.length; k++) {
    if (!c.truthSkel[k] || !c.truth[k]) continue;
    if (stratum && ((c.strata?.[k] ?? 0) & stratum) !== stratum) continue;
    n++;
    const s = owner[k]!;
    let pred = s >= 0 ? segLabel(s) : -1;
    if (pred === -1) {
      fallback++;
      pred = c.maps.artery[k]! >= c.maps.vein[k]! ? 1 : 2;
    }
    if (pred === 0) {
      unsure++;
      continue;
    }
    if (pred === c.truth[k]) correct++;
  }
  return { acc: correct / Math.max(1, n - unsure), n, fallback, unsure, correct };
}

const fitIds = arg('fit', '');
if (fitIds) {
  const x: number[][] = [],
    y: number[] = [];
  for (const id of fitIds.split(',')) {
    const c = await load(id);
    const res = classifyAvSegments(c.img, c.fov, c.maps, c.mask, { model: CNN_ONLY_AV_SEGMENT_MODEL, propagate: false });
    for (const row of res.features) {
      let a = 0,
        v = 0;
      for (const p of res.graph.segments[row.segmentId]!.path) {
        if (c.truth[p] === 1) a++;
        else if (c.truth[p] === 2) v++;
      }
      if (a + v < Math.max(3, 0.5 * row.pathPx) || a === v) continue;
      x.push(row.x);
      y.push(a > v ? 1 : 0);
    }
    console.error(`${id}: ${res.features.length} segments, ${x.length} training rows so far`);
  }
  console.error(
    `per-feature segment AUC for artery: ${AV_SEGMENT_FEATURES.map(
      (f, j) =>
        `${f} ${rocAuc(
          y,
          x.map((r) => r[j]!),
        ).toFixed(3)}`,
    ).join(', ')}`,
  );
  console.log(
    JSON.stringify(fitAvSegmentModel(x, y, { source: `fitted on HRF ${fitIds} (${x.length} segments; bench avclassify --fit)` })),
  );
  process.exit(0);
}

const modelFile = arg('model', '');
const model: AvSegmentModel = modelFile ? (JSON.parse(readFileSync(modelFile, 'utf8')) as AvSegmentModel) : DEFAULT_AV_SEGMENT_MODEL;
const scaleIds = arg('calibrate-scale', '');
if (scaleIds) {
  // Weight of a segment's own evidence in the propagation (AvSegmentModel.evidenceScale), per model,
  // pooled centre-line accuracy over the given images (how the shipped models' values were chosen).
  const grid = [1, 1.5, 2, 2.5, 3, 4];
  const models = { 'cnn+graph': CNN_ONLY_AV_SEGMENT_MODEL, 'model+graph': model };
  const tot = new Map<string, { correct: number; n: number }>();
  for (const id of scaleIds.split(',')) {
    const c = await load(id);
    const line: string[] = [];
    for (const [name, m] of Object.entries(models))
      for (const sc of grid) {
        const r = classifyAvSegments(c.img, c.fov, c.maps, c.mask, { model: m, evidenceScale: sc });
        const s = score(c, r.owner, (seg) => (r.pArtery[seg]! >= 0.5 ? 1 : 2));
        const key = `${name} ${sc}`;
        const t = tot.get(key) ?? { correct: 0, n: 0 };
        t.correct += s.correct;
        t.n += s.n;
        tot.set(key, t);
        if (sc === 1 || sc === (m.evidenceScale ?? 1)) line.push(`${key} ${s.acc.toFixed(4)}`);
      }
    console.error(`${id}: ${line.join(', ')}`);
  }
  const acc = (k: string): number => tot.get(k)!.correct / tot.get(k)!.n;
  const out: Record<string, unknown> = { images: scaleIds, ...(balanceFraction && { balance: Number(balanceFraction) }) };
  for (const name of Object.keys(models)) {
    const best = grid.reduce((b, sc) => (acc(`${name} ${sc}`) > acc(`${name} ${b}`) ? sc : b), grid[0]!);
    console.error(`${name}: ${grid.map((sc) => `${sc} ${acc(`${name} ${sc}`).toFixed(4)}`).join(', ')}`);
    out[name] = { evidenceScale: best, pooledAccuracy: +acc(`${name} ${best}`).toFixed(4), atScale1: +acc(`${name} 1`).toFixed(4) };
  }
  console.log(JSON.stringify(out));
  process.exit(0);
}

if (process.argv.includes('--diagnose')) {
  // Where the segment-level errors come from (model+graph, pooled over --ids): how good the best
  // possible labelling of the predicted segments is (each segment its majority manual type), and of
  // the groups joined by through-couplings (each group its majority type); how often each kind of
  // junction coupling agrees with the manual types; the share of the errors in segments no coupling
  // reaches; and the accuracy on truth pixels outside the predicted vessel mask (the fallback).
  const J = DEFAULT_AV_JUNCTION_CONSTRAINTS;
  const kindOf = (w: number): string =>
    w === J.throughWeight ? 'through' : w === J.branchWeight ? 'branch' : w === J.crossWeight ? 'cross' : `w${w}`;
  const t = { segOracle: 0, compOracle: 0, inSeg: 0, correct: 0, wrong: 0, wrongUncoupled: 0, fallback: 0, fallbackCorrect: 0 };
  const coupling = new Map<string, { n: number; agree: number }>();
  for (const id of arg('ids', '08_h,08_g,08_dr,15_h,15_g,15_dr').split(',')) {
    const c = await load(id);
    const r = classifyAvSegments(c.img, c.fov, c.maps, c.mask, { model });
    const S = r.graph.segments.length;
    const ta = new Int32Array(S),
      tv = new Int32Array(S);
    for (let k = 0; k < c.truth.length; k++) {
      if (!c.truthSkel[k] || !c.truth[k]) continue;
      const o = r.owner[k]!;
      if (o >= 0) (c.truth[k] === 1 ? ta : tv)[o]++;
      else {
        t.fallback++;
        if ((c.maps.artery[k]! >= c.maps.vein[k]! ? 1 : 2) === c.truth[k]) t.fallbackCorrect++;
      }
    }
    const type = (x: number): number => (ta[x]! > tv[x]! ? 1 : tv[x]! > ta[x]! ? 2 : 0);
    const coupled = new Uint8Array(S);
    const parent = Int32Array.from({ length: S }, (_, i) => i);
    const find = (x: number): number => {
      while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
      return x;
    };
    for (const con of r.constraints) {
      coupled[con.a] = coupled[con.b] = 1;
      if (con.weight === J.throughWeight) parent[find(con.a)] = find(con.b);
      const A = type(con.a),
        B = type(con.b);
      if (!A || !B) continue;
      const e = coupling.get(kindOf(con.weight)) ?? { n: 0, agree: 0 };
      e.n++;
      if (con.weight > 0 === (A === B)) e.agree++;
      coupling.set(kindOf(con.weight), e);
    }
    const ga = new Map<number, number>(),
      gv = new Map<number, number>();
    for (let i = 0; i < S; i++) {
      const g = find(i);
      ga.set(g, (ga.get(g) ?? 0) + ta[i]!);
      gv.set(g, (gv.get(g) ?? 0) + tv[i]!);
    }
    for (let i = 0; i < S; i++) {
      const g = find(i);
      t.inSeg += ta[i]! + tv[i]!;
      t.segOracle += Math.max(ta[i]!, tv[i]!);
      t.compOracle += ga.get(g)! >= gv.get(g)! ? ta[i]! : tv[i]!;
      const artery = r.pArtery[i]! >= 0.5;
      t.correct += artery ? ta[i]! : tv[i]!;
      const wrong = artery ? tv[i]! : ta[i]!;
      t.wrong += wrong;
      if (!coupled[i]) t.wrongUncoupled += wrong;
    }
    console.error(`${id}: ${S} segments, ${r.constraints.length} couplings`);
  }
  const f = (a: number, b: number): number => +(a / Math.max(1, b)).toFixed(4);
  console.log(
    JSON.stringify({
      segment_pixels: t.inSeg,
      model_graph_in_segments: f(t.correct, t.inSeg),
      segment_oracle: f(t.segOracle, t.inSeg),
      through_group_oracle: f(t.compOracle, t.inSeg),
      coupling_agreement: Object.fromEntries([...coupling].map(([k, e]) => [k, { n: e.n, agrees: f(e.agree, e.n) }])),
      errors_in_uncoupled_segments: f(t.wrongUncoupled, t.wrong),
      fallback_pixels: t.fallback,
      fallback_accuracy: f(t.fallbackCorrect, t.fallback),
    }),
  );
  process.exit(0);
}

const calibrateIds = arg('calibrate-balance', '');
if (calibrateIds) {
  if (balanceFraction) throw new Error('--calibrate-balance scores the raw maps: leave out --balance');
  const grid = Array.from({ length: 15 }, (_, i) => +(0.4 + 0.01 * i).toFixed(2));
  const tot = new Map<number | null, { correct: number; n: number }>();
  for (const id of calibrateIds.split(',')) {
    const c = await load(id);
    const bm = balanceMask(c.fov, c.maps);
    const noSegment = new Int32Array(c.truth.length).fill(-1);
    const line: string[] = [];
    for (const f of [null, ...grid]) {
      const maps = f === null ? c.maps : balanceArteryVein(c.maps, bm, { arteryFraction: f }).maps;
      const s = score({ ...c, maps }, noSegment, () => 0);
      const t = tot.get(f) ?? { correct: 0, n: 0 };
      t.correct += s.correct;
      t.n += s.n;
      tot.set(f, t);
      if (f === null || f === 0.46 || f === 0.5) line.push(`${f ?? 'raw'} ${s.acc.toFixed(4)}`);
    }
    console.error(`${id}: ${line.join(', ')}`);
  }
  const acc = (f: number | null): number => tot.get(f)!.correct / tot.get(f)!.n;
  const best = grid.reduce((b, f) => (acc(f) > acc(b) ? f : b), grid[0]!);
  console.error(`pooled pixel accuracy: raw ${acc(null).toFixed(4)}; ${grid.map((f) => `${f} ${acc(f).toFixed(4)}`).join(', ')}`);
  console.log(
    JSON.stringify({
      arteryFraction: best,
      pooledAccuracy: +acc(best).toFixed(4),
      rawAccuracy: +acc(null).toFixed(4),
      images: calibrateIds,
      vesselThreshold: balanceThreshold,
    }),
  );
  process.exit(0);
}

const ids = arg('ids', '08_h,08_g,08_dr,15_h,15_g,15_dr').split(',');
const margin = Number(arg('unsure-margin', '0.2'));
const lab =
  (r: AvSegmentClassification, m = 0) =>
  (s: number): number => {
    const p = r.pArtery[s]!;
    return Math.abs(p - 0.5) < m ? 0 : p >= 0.5 ? 1 : 2;
  };
const variants: Record<string, (c: Case) => [AvSegmentClassification, (s: number) => number]> = {
  'cnn+graph': (c) => {
    const r = classifyAvSegments(c.img, c.fov, c.maps, c.mask, { model: CNN_ONLY_AV_SEGMENT_MODEL });
    return [r, lab(r)];
  },
  model: (c) => {
    const r = classifyAvSegments(c.img, c.fov, c.maps, c.mask, { model, propagate: false });
    return [r, lab(r)];
  },
  'model+graph': (c) => {
    const r = classifyAvSegments(c.img, c.fov, c.maps, c.mask, { model });
    return [r, lab(r)];
  },
};
const pooled: Record<string, { correct: number; n: number; fallback: number; unsure: number }> = {};
const add = (k: string, s: { correct: number; n: number; fallback: number; unsure: number }): void => {
  const p = (pooled[k] ??= { correct: 0, n: 0, fallback: 0, unsure: 0 });
  p.correct += s.correct;
  p.n += s.n;
  p.fallback += s.fallback;
  p.unsure += s.unsure;
};
console.log(
  `maps ${dir}${fullRes ? ' (enlarged to full resolution)' : ''}${balanceFraction ? `; balanced to artery fraction ${balanceFraction} (vessel ≥ ${balanceThreshold})` : ''}; model: ${model.source}`,
);
for (const id of ids) {
  const t0 = performance.now();
  const c = await load(id);
  const row: Record<string, string | number> = { id };
  if (shifts.has(id)) row.balance_shift = +shifts.get(id)!.toFixed(3);
  const none = new Int32Array(c.truth.length).fill(-1);
  const pix = score(c, none, () => 0);
  add('pixel', pix);
  if (withStrata)
    for (const [nm, bit] of STRATA)
      add(
        `pixel@${nm}`,
        score(c, none, () => 0, bit),
      );
  row.pixel = +pix.acc.toFixed(4);
  row.centreline_px = pix.n;
  let excluded = 0;
  for (let k = 0; k < c.truth.length; k++) if (c.truthSkel[k] && !c.truth[k]) excluded++;
  row.truth_excluded_share = +(excluded / (excluded + pix.n)).toFixed(4);
  for (const [name, fn] of Object.entries(variants)) {
    const t1 = performance.now();
    const [r, fn2] = fn(c);
    if (name === 'model+graph') row.classify_s = +((performance.now() - t1) / 1000).toFixed(1);
    if (name === 'cnn+graph') {
      const vote = r.graph.segments.map((seg) => {
        let a = 0;
        for (const p of seg.path) if (c.maps.artery[p]! >= c.maps.vein[p]!) a++;
        return a * 2 >= seg.path.length ? 1 : 2;
      });
      const sv = score(c, r.owner, (s) => vote[s]!);
      add('vote', sv);
      row.vote = +sv.acc.toFixed(4);
      row.fallback_share = +(sv.fallback / sv.n).toFixed(4);
      row.segments = r.graph.segments.length;
      row.constraints = r.constraints.length;
    }
    const s = score(c, r.owner, fn2);
    add(name, s);
    if (withStrata && name !== 'model') for (const [nm, bit] of STRATA) add(`${name}@${nm}`, score(c, r.owner, fn2, bit));
    row[name] = +s.acc.toFixed(4);
    if (name === 'model+graph' && margin > 0) {
      const su = score(c, r.owner, lab(r, margin));
      const key = `model+graph|p-0.5|>=${margin}`;
      add(key, su);
      row[key] = +su.acc.toFixed(4);
      row.unsure_share = +(su.unsure / su.n).toFixed(4);
    }
  }
  row.total_s = +((performance.now() - t0) / 1000).toFixed(1);
  console.log(JSON.stringify(row));
}
const summary = Object.fromEntries(
  Object.entries(pooled)
    .filter(([k]) => !k.includes('@'))
    .map(([k, p]) => [k, +(p.correct / Math.max(1, p.n - p.unsure)).toFixed(4)]),
);
const u = pooled[`model+graph|p-0.5|>=${margin}`];
if (u) summary.unsure_share = +(u.unsure / u.n).toFixed(4);
if (withStrata)
  for (const [nm] of STRATA)
    console.log(
      `stratum ${nm}: ${pooled[`pixel@${nm}`]?.n ?? 0} centre-line px; ${['pixel', 'cnn+graph', 'model+graph']
        .map((k) => {
          const p = pooled[`${k}@${nm}`];
          return p ? `${k} ${(p.correct / Math.max(1, p.n - p.unsure)).toFixed(4)}` : '';
        })
        .join(', ')}`,
    );
console.log(
  `pooled over ${ids.length} images (${pooled.pixel?.n ?? 0} centre-line px; fallback to pixel argmax ${(((pooled.vote?.fallback ?? 0) / Math.max(1, pooled.vote?.n ?? 1)) * 100).toFixed(1)} %): ${JSON.stringify(summary)}`,
);
