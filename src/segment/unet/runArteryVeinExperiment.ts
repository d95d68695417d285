/**
 * Runs an artery/vein U-Net experiment config (`task: "artery-vein"`) end to end: data and A/V
 * labels, multi-channel preprocessing, class weights, training with best/last checkpoints, then
 * held-out evaluation (vessel AUC inside the FOV, centreline A/V accuracy) of the trained model,
 * of the Frangi baseline and, when given, of a vessel-only U-Net — all on the same images at the
 * training resolution. Writes `<output>/best/`, `<output>/last/` and `<output>/report.json`.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Mask2D } from '../../core/image.js';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { VesselprintError } from '../../core/errors.js';
import { VERSION } from '../../version.js';
import { selectBackend } from '../../backend/selectBackend.js';
import { readImage } from '../../io/readImage.js';
import { UNET_PRESET_CPU, type UnetOptions } from './buildUnet.js';
import { buildUnetFrom } from './widenUnet.js';
import { prepareUnetImage, type PreparedImage } from './prepare.js';
import { loadUnetModel, saveTrainState, saveUnetModel, type UnetMetadata } from './checkpoint.js';
import { foldBatchNorm } from './foldBatchNorm.js';
import { predictMaps, predictProbability } from './infer.js';
import { avLabelsFromColor, resizeLabels, AV_LABEL, type LabelMap } from './avLabels.js';
import { labelPatchSource } from './avPatches.js';
import { medianFrequencyWeights } from './multiClassLoss.js';
import { centrelineAvAccuracy, vesselAuc } from './avMetrics.js';
import { trainArteryVein, type ArteryVeinEpochRecord, type ArteryVeinTrainCallbacks } from './trainArteryVein.js';
import { caseInsensitivePath, frangiScores, loadSubjects, modelOptions, trainingDataHash, type LoadedSubject } from './runExperiment.js';
import { trainUnetOptionsOf, type UnetExperiment } from './experimentConfig.js';
import type { TrainResume } from './trainLoop.js';
import { resumeCheckpoint } from './resumeCheckpoint.js';

export interface RunArteryVeinOptions {
  configDir?: string;
  resume?: boolean;
  callbacks?: ArteryVeinTrainCallbacks;
  /** Skip training: evaluate `<output>/best/` on the test subjects (report-test.json). */
  evaluateOnly?: boolean;
  /** A vessel-only U-Net folder to evaluate on the same test images (e.g. the shipped hrf-unet). */
  compareModelDir?: string;
  log?: (line: string) => void;
}

/** Per-subject held-out metrics. */
export interface ArteryVeinTestRow {
  id: string;
  method: 'unet-av' | 'unet-vessel' | 'frangi';
  auc: number;
  /** Centreline A/V accuracy (unet-av only). */
  avAccuracy?: number;
  arteryRecall?: number;
  veinRecall?: number;
}

export interface ArteryVeinExperimentReport {
  name: string;
  backend: string;
  modelDir: string;
  parameters: number;
  classWeights: number[];
  epochs: ArteryVeinEpochRecord[];
  bestEpoch: number;
  trainSeconds: number;
  test: ArteryVeinTestRow[];
  testMean: Record<string, { auc: number; avAccuracy?: number }>;
}

/** The input channels a config asks for. */
export function inputChannelNames(c: UnetExperiment): Array<UnetExperiment['preprocess']['channel']> {
  return c.preprocess.channels ?? [c.preprocess.channel];
}

async function loadLabels(c: UnetExperiment, configDir: string, s: LoadedSubject): Promise<LabelMap> {
  if (c.data.source !== 'folder' || c.data.labels === undefined)
    throw new VesselprintError('CONFIG_INVALID', 'task "artery-vein" needs data.labels', { field: 'data.labels' });
  const p = caseInsensitivePath(join(resolve(configDir, c.data.root), c.data.labels.replaceAll('{id}', s.id)));
  if (!existsSync(p))
    throw new VesselprintError('FILE_NOT_FOUND', `A/V labels of subject ${s.id} not found`, { path: p, field: 'data.labels' });
  const full = avLabelsFromColor(await readImage(p), p);
  // At the training resolution the vessels are exactly the (resized) manual vessel mask.
  return full.width === s.truth.width && full.height === s.truth.height ? full : resizeLabels(full, s.truth);
}

/**
 * Runs the experiment; returns the report (also written to `<output>/report.json`).
 * @throws VesselprintError for bad data or config, a missing checkpoint, backend failures
 */
export async function runArteryVeinExperiment(c: UnetExperiment, options: RunArteryVeinOptions = {}): Promise<ArteryVeinExperimentReport> {
  const log = options.log ?? (() => {});
  const configDir = options.configDir ?? process.cwd();
  const backend = await selectBackend({ backend: c.backend });
  log(`backend: ${backend.activeName}`);
  const subjects = await loadSubjects(c, configDir);
  const names = inputChannelNames(c);
  const prep = (s: LoadedSubject): PreparedImage[] =>
    names.map((channel) => prepareUnetImage(s.image, s.fov, { ...c.preprocess, channel }));
  const withLabels = async (list: LoadedSubject[]): Promise<Array<{ s: LoadedSubject; ch: PreparedImage[]; labels: LabelMap }>> => {
    const out: Array<{ s: LoadedSubject; ch: PreparedImage[]; labels: LabelMap }> = [];
    for (const s of list) out.push({ s, ch: prep(s), labels: await loadLabels(c, configDir, s) });
    return out;
  };
  const train = await withLabels(subjects.train);
  const val = (await withLabels(subjects.validation)).map((v) => ({ channels: v.ch, labels: v.labels, fov: v.ch[0]!.fov }));
  log(`data: ${train.length} train, ${val.length} validation, ${subjects.test.length} test subjects; input channels ${names.join(', ')}`);
  const thinVessel = c.training.thinVesselWeight;
  const sources = train.map((t) => labelPatchSource(t.ch, t.labels, thinVessel ? { thinVessel } : {}));
  if (thinVessel) log(`thin vessels (diameter < ${thinVessel.diameterPx} px) weigh ${thinVessel.weight}x in the loss`);
  const classWeights =
    c.training.classWeights === 'median-frequency'
      ? medianFrequencyWeights(classCounts(train.map((t) => ({ labels: t.labels, fov: t.ch[0]!.fov }))))
      : [...c.training.classWeights];
  log(`class weights (background, artery, vein): ${classWeights.map((w) => w.toFixed(4)).join(', ')}`);
  const out = resolve(c.output);
  const bestDir = join(out, 'best');
  const lastDir = join(out, 'last');
  const arch = { ...UNET_PRESET_CPU, ...modelOptions(c), inputChannels: names.length, outputChannels: 3 } as Required<UnetOptions>;
  const dataHash = trainingDataHash(subjects.train);
  const metadata = (rec: ArteryVeinEpochRecord): UnetMetadata => ({
    format: 'vesselprint-unet',
    formatVersion: 1,
    architecture: arch,
    preprocessing: {
      channel: c.preprocess.channel,
      claheClip: c.preprocess.claheClip,
      claheTiles: c.preprocess.claheTiles,
      standardize: 'fov-mean-sd',
    },
    inputChannels: names.length,
    inputSpacingUm: train[0]?.ch[0]?.spacingUm ?? null,
    patchSize: c.training.patchSize,
    tileSize: c.inference.tileSize,
    threshold: 0.5,
    thresholdSource: 'default',
    trainingDataHash: dataHash,
    metrics: { valAuc: rec.valAuc, valAvAccuracy: rec.valAvAccuracy, loss: rec.loss },
    epoch: rec.epoch,
    versions: { vesselprint: VERSION, tfjs: tf.version.tfjs, backend: backend.activeName },
    createdAt: new Date().toISOString(),
    notes: {
      experiment: c.name,
      task: 'artery-vein',
      channels: names.join(','),
      classes: 'background,artery,vein',
      ...(c.data.source === 'folder' && c.data.attribution ? { data: c.data.attribution } : {}),
      ...(c.data.source === 'folder' && c.data.downsample > 1 ? { downsample: String(c.data.downsample) } : {}),
    },
  });
  const t0 = performance.now();
  let history: ArteryVeinEpochRecord[] = [];
  if (options.evaluateOnly !== true) {
    let model: tf.LayersModel;
    let resume: TrainResume | undefined;
    let bestOnResume: tf.LayersModel | undefined;
    if (options.resume === true && existsSync(join(lastDir, 'state.json'))) {
      const r = await resumeCheckpoint(lastDir, bestDir, dataHash, c.training.learningRate);
      ({ model, resume, bestModel: bestOnResume } = r);
      log(`resuming after epoch ${r.resume.state.epoch}`);
    } else {
      model = await buildUnetFrom(arch, c.model.initFrom, c.seed);
      if (c.model.initFrom !== undefined) log(`initialised from ${c.model.initFrom} (widened to ${arch.baseFilters} base filters)`);
    }
    const { loss: _vesselLoss, monitor: _monitor, ...schedule } = trainUnetOptionsOf(c);
    const r = await trainArteryVein(
      model,
      sources,
      val,
      {
        ...schedule,
        classWeights,
        loss: { ce: c.training.loss.bce, dice: c.training.loss.dice },
      },
      {
        ...(options.callbacks?.onStep ? { onStep: options.callbacks.onStep } : {}),
        onEpochEnd: async (rec, isBest, state, optimizer) => {
          if (isBest) await saveUnetModel(bestDir, model, metadata(rec));
          await saveUnetModel(lastDir, model, metadata(rec));
          await saveTrainState(lastDir, optimizer, state);
          await options.callbacks?.onEpochEnd?.(rec, isBest, state, optimizer);
        },
      },
      resume,
    );
    history = r.history;
    model.dispose();
    bestOnResume?.dispose();
    resume?.optimizer.dispose();
  }
  const trainSeconds = (performance.now() - t0) / 1000;
  if (!existsSync(join(bestDir, 'model.json')))
    throw new VesselprintError('FILE_NOT_FOUND', 'nothing to evaluate: no trained model', { path: join(bestDir, 'model.json') });
  const best = await loadUnetModel(bestDir);
  const evalModel = foldBatchNorm(best.model, best.metadata.architecture);
  const compare = options.compareModelDir !== undefined ? await loadUnetModel(options.compareModelDir) : undefined;
  const compareModel = compare ? foldBatchNorm(compare.model, compare.metadata.architecture) : undefined;
  const test: ArteryVeinTestRow[] = [];
  const win = { tileSize: c.inference.tileSize, overlap: c.inference.overlap, flipTta: c.inference.flipTta };
  for (const t of await withLabels(subjects.test)) {
    const fov = t.ch[0]!.fov;
    const [bg, artery, vein] = (await predictMaps(evalModel, t.ch, win)) as [Float32Array, Float32Array, Float32Array];
    const vessel = bg.map((b, k) => (fov.data[k] !== 0 ? 1 - b : 0));
    const av = centrelineAvAccuracy(artery, vein, t.labels);
    test.push({
      id: t.s.id,
      method: 'unet-av',
      auc: vesselAuc(vessel, t.labels, fov).auc,
      avAccuracy: av.accuracy,
      arteryRecall: av.arteryRecall,
      veinRecall: av.veinRecall,
    });
    const green = prepareUnetImage(t.s.image, t.s.fov, c.preprocess);
    test.push({ id: t.s.id, method: 'frangi', auc: vesselAuc(frangiScores(green).data, t.labels, fov).auc });
    if (compare && compareModel) {
      const { standardize: _s, ...pre } = compare.metadata.preprocessing;
      const p = await predictProbability(compareModel, prepareUnetImage(t.s.image, t.s.fov, pre), win);
      test.push({ id: t.s.id, method: 'unet-vessel', auc: vesselAuc(p.data, t.labels, fov).auc });
    }
    log(
      `test ${t.s.id}: ${test
        .slice(-3)
        .map((r) => `${r.method} AUC ${r.auc.toFixed(4)}${r.avAccuracy !== undefined ? ` A/V ${r.avAccuracy.toFixed(4)}` : ''}`)
        .join('; ')}`,
    );
  }
  const testMean: ArteryVeinExperimentReport['testMean'] = {};
  for (const m of ['unet-av', 'unet-vessel', 'frangi'] as const) {
    const rows = test.filter((r) => r.method === m);
    if (rows.length === 0) continue;
    testMean[m] = { auc: rows.reduce((a, r) => a + r.auc, 0) / rows.length };
    if (m === 'unet-av') testMean[m].avAccuracy = rows.reduce((a, r) => a + (r.avAccuracy ?? 0), 0) / rows.length;
  }
  const report: ArteryVeinExperimentReport = {
    name: c.name,
    backend: backend.activeName,
    modelDir: bestDir,
    parameters: best.model.countParams(),
    classWeights,
    epochs: history,
    bestEpoch: best.metadata.epoch,
    trainSeconds,
    test,
    testMean,
  };
  writeFileAtomic(join(out, options.evaluateOnly === true ? 'report-test.json' : 'report.json'), JSON.stringify(report, null, 2) + '\n');
  if (evalModel !== best.model) evalModel.dispose();
  best.model.dispose();
  if (compareModel && compare && compareModel !== compare.model) compareModel.dispose();
  compare?.model.dispose();
  return report;
}

/** Background, artery and vein pixel counts inside the FOVs (unknown vessels not counted). */
export function classCounts(items: ReadonlyArray<{ labels: LabelMap; fov: Mask2D }>): [number, number, number] {
  const n: [number, number, number] = [0, 0, 0];
  for (const { labels, fov } of items) {
    for (let k = 0; k < labels.data.length; k++) {
      if (fov.data[k] === 0) continue;
      const l = labels.data[k]!;
      if (l === AV_LABEL.background) n[0]++;
      else if (l === AV_LABEL.artery) n[1]++;
      else if (l === AV_LABEL.vein) n[2]++;
    }
  }
  return n;
}
