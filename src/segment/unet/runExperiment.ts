/**
 * Runs a U-Net experiment config end to end: backend, data, preprocessing, training with
 * best/last checkpoints, then held-out evaluation of the U-Net and of the Frangi baseline
 * (threshold of each chosen on the validation images). Writes `<output>/best/` (the model for
 * `segment --method unet --model`), `<output>/last/` (resumable) and `<output>/report.json`.
 */
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Image2D, Mask2D } from '../../core/image.js';
import { toMask } from '../../core/image.js';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { VesselprintError } from '../../core/errors.js';
import { VERSION } from '../../version.js';
import { selectBackend } from '../../backend/selectBackend.js';
import { readImage } from '../../io/readImage.js';
import { resizeMask } from '../../preprocess/resample.js';
import { resizeChannels } from './resizeImage.js';
import { frangi } from '../classical/frangi.js';
import { evaluateSegmentation } from '../metrics/evaluate.js';
import { UNET_PRESET_CPU, UNET_PRESET_GPU, type UnetOptions } from './buildUnet.js';
import { buildUnetFrom } from './widenUnet.js';
import { prepareUnetImage, type PreparedImage } from './prepare.js';
import { patchSource } from './patches.js';
import { trainUnet, type EpochRecord, type TrainCallbacks } from './train.js';
import { resumeCheckpoint } from './resumeCheckpoint.js';
import { predictProbability } from './infer.js';
import { loadUnetModel, saveTrainState, saveUnetModel, type UnetMetadata } from './checkpoint.js';
import { syntheticSubjects } from './syntheticData.js';
import { foldBatchNorm } from './foldBatchNorm.js';
import { trainUnetOptionsOf, type UnetExperiment } from './experimentConfig.js';

/** A subject loaded for an experiment. */
export interface LoadedSubject {
  id: string;
  image: Image2D;
  truth: Mask2D;
  fov?: Mask2D;
}

export interface RunUnetExperimentOptions {
  /** Folder of the config file (folder data paths resolve against it). Default: cwd. */
  configDir?: string;
  /** Continue from `<output>/last/` when it exists. Default false. */
  resume?: boolean;
  /** Per-step and per-epoch hooks (progress bar, tracking). */
  callbacks?: TrainCallbacks;
  /** Skip training: evaluate `<output>/best/` on the test subjects, write `report-test.json`. */
  evaluateOnly?: boolean;
  /** Messages for the user (data loaded, evaluation…). */
  log?: (line: string) => void;
}

/** Per-subject test metrics of one method. */
export interface TestRow {
  id: string;
  method: 'unet' | 'frangi';
  auc: number;
  dice: number;
  threshold: number;
}

export interface UnetExperimentReport {
  name: string;
  backend: string;
  modelDir: string;
  parameters: number;
  epochs: EpochRecord[];
  bestEpoch: number;
  stoppedEarly: boolean;
  trainSeconds: number;
  threshold: number;
  test: TestRow[];
  testMean: Record<'unet' | 'frangi', { auc: number; dice: number }> | null;
}

/** Resolves the U-Net options of a config (preset + overrides). */
export function modelOptions(c: UnetExperiment): UnetOptions {
  const base = c.model.preset === 'gpu' ? UNET_PRESET_GPU : UNET_PRESET_CPU;
  const m = Object.fromEntries(
    Object.entries(c.model).filter(([k, v]) => k !== 'preset' && k !== 'initFrom' && v !== undefined),
  ) as UnetOptions;
  return { ...base, ...m, seed: c.seed, inputChannels: 1 };
}

/** Loads the train/validation/test subjects a config names. */
export async function loadSubjects(
  c: UnetExperiment,
  configDir: string,
): Promise<Record<'train' | 'validation' | 'test', LoadedSubject[]>> {
  const d = c.data;
  if (d.source === 'synthetic') {
    const all = syntheticSubjects(c.seed, 0, d.train + d.validation + d.test, { width: d.width, height: d.height });
    return {
      train: all.slice(0, d.train),
      validation: all.slice(d.train, d.train + d.validation),
      test: all.slice(d.train + d.validation),
    };
  }
  const root = resolve(configDir, d.root);
  const load = async (id: string): Promise<LoadedSubject> => {
    const path = (pattern: string): string => caseInsensitivePath(join(root, pattern.replaceAll('{id}', id)));
    const ip = path(d.images);
    if (!existsSync(ip))
      throw new VesselprintError('FILE_NOT_FOUND', `image of subject ${id} not found`, { path: ip, field: 'data.images' });
    let image = await readImage(ip);
    let truth = toMask(await readImage(path(d.truths)));
    let fov = d.fovs !== undefined ? toMask(await readImage(path(d.fovs))) : undefined;
    if (d.downsample > 1) {
      const w = Math.round(image.width / d.downsample);
      const h = Math.round(image.height / d.downsample);
      image = resizeChannels(image, w, h);
      truth = resizeMask(truth, w, h);
      if (fov !== undefined) fov = resizeMask(fov, w, h);
    }
    const s: LoadedSubject = { id, image, truth };
    if (fov !== undefined) s.fov = fov;
    return s;
  };
  const all = async (ids: string[]): Promise<LoadedSubject[]> => {
    const out: LoadedSubject[] = [];
    for (const id of ids) out.push(await load(id));
    return out;
  };
  return { train: await all(d.train), validation: await all(d.validation), test: await all(d.test) };
}

/** `p` itself when it exists, else the one file in its folder whose name matches it ignoring case (e.g. `.JPG`). */
export function caseInsensitivePath(p: string): string {
  if (existsSync(p)) return p;
  const dir = dirname(p);
  if (!existsSync(dir)) return p;
  const want = basename(p).toLowerCase();
  const hit = readdirSync(dir).find((f) => f.toLowerCase() === want);
  return hit !== undefined ? join(dir, hit) : p;
}

/** SHA-256 over the training subjects' ids, pixels, truths and FOVs, in order. */
export function trainingDataHash(subjects: readonly LoadedSubject[]): string {
  const h = createHash('sha256');
  for (const s of subjects) {
    h.update(s.id);
    h.update(new Uint8Array(s.image.data.buffer, s.image.data.byteOffset, s.image.data.byteLength));
    h.update(s.truth.data);
    if (s.fov) h.update(s.fov.data);
  }
  return h.digest('hex');
}

/**
 * Runs the experiment. Returns the report (also written to `<output>/report.json`).
 * @throws VesselprintError for bad data, a missing checkpoint on resume, or backend failures
 */
export async function runUnetExperiment(c: UnetExperiment, options: RunUnetExperimentOptions = {}): Promise<UnetExperimentReport> {
  const log = options.log ?? (() => {});
  const configDir = options.configDir ?? process.cwd();
  const backend = await selectBackend({ backend: c.backend });
  log(`backend: ${backend.activeName}`);
  const subjects = await loadSubjects(c, configDir);
  log(`data: ${subjects.train.length} train, ${subjects.validation.length} validation, ${subjects.test.length} test subjects`);
  const prep = (s: LoadedSubject): PreparedImage => prepareUnetImage(s.image, s.fov, c.preprocess);
  const trainPrep = subjects.train.map((s) => ({ s, p: prep(s) }));
  const valPrep = subjects.validation.map((s) => ({ image: prep(s), truth: s.truth }));
  const sources = trainPrep.map(({ s, p }) => patchSource(p, s.truth));
  const out = resolve(c.output);
  const bestDir = join(out, 'best');
  const lastDir = join(out, 'last');
  const arch = { ...UNET_PRESET_CPU, ...modelOptions(c) } as Required<UnetOptions>;
  const dataHash = trainingDataHash(subjects.train);
  let model: tf.LayersModel | undefined;
  let resume: Parameters<typeof trainUnet>[5];
  let bestOnResume: tf.LayersModel | undefined;
  if (options.evaluateOnly === true) {
    if (!existsSync(join(bestDir, 'model.json')))
      throw new VesselprintError('FILE_NOT_FOUND', 'nothing to evaluate: no trained model', { path: join(bestDir, 'model.json') });
  } else if (options.resume === true && existsSync(join(lastDir, 'state.json'))) {
    const r = await resumeCheckpoint(lastDir, bestDir, dataHash, c.training.learningRate);
    ({ model, resume, bestModel: bestOnResume } = r);
    log(`resuming after epoch ${r.resume.state.epoch} (best ${r.resume.state.bestScore.toFixed(4)} at epoch ${r.resume.state.bestEpoch})`);
  } else {
    model = await buildUnetFrom(arch, c.model.initFrom, c.seed);
    if (c.model.initFrom !== undefined) log(`initialised from ${c.model.initFrom} (widened to ${arch.baseFilters} base filters)`);
  }
  const metadata = (rec: EpochRecord): UnetMetadata => {
    const m: UnetMetadata = {
      format: 'vesselprint-unet',
      formatVersion: 1,
      architecture: arch,
      preprocessing: { ...c.preprocess, standardize: 'fov-mean-sd' },
      inputChannels: 1,
      inputSpacingUm: trainPrep[0]?.p.spacingUm ?? null,
      patchSize: c.training.patchSize,
      tileSize: c.inference.tileSize,
      threshold: rec.valThreshold,
      thresholdSource: 'validation-dice',
      trainingDataHash: dataHash,
      metrics: { valAuc: rec.valAuc, valDice: rec.valDice, valDiceAtThreshold: rec.valDiceAtThreshold, loss: rec.loss },
      epoch: rec.epoch,
      versions: { vesselprint: VERSION, tfjs: tf.version.tfjs, backend: backend.activeName },
      createdAt: new Date().toISOString(),
      notes: {
        experiment: c.name,
        ...(c.data.source === 'folder' && c.data.attribution ? { data: c.data.attribution } : {}),
        ...(c.data.source === 'folder' && c.data.downsample > 1 ? { downsample: String(c.data.downsample) } : {}),
      },
    };
    return m;
  };
  const userEpochEnd = options.callbacks?.onEpochEnd;
  const t0 = performance.now();
  let history: EpochRecord[] = [];
  let stoppedEarly = false;
  if (model !== undefined) {
    const trained = model;
    const result = await trainUnet(
      trained,
      sources,
      valPrep,
      trainUnetOptionsOf(c),
      {
        ...(options.callbacks?.onStep ? { onStep: options.callbacks.onStep } : {}),
        onEpochEnd: async (rec, isBest, state, optimizer) => {
          if (isBest) await saveUnetModel(bestDir, trained, metadata(rec));
          await saveUnetModel(lastDir, trained, metadata(rec));
          await saveTrainState(lastDir, optimizer, state);
          await userEpochEnd?.(rec, isBest, state, optimizer);
        },
      },
      resume,
    );
    history = result.history;
    stoppedEarly = result.stoppedEarly;
    trained.dispose();
    bestOnResume?.dispose();
  }
  const trainSeconds = (performance.now() - t0) / 1000;
  // Evaluate exactly what was saved as the best checkpoint (also right after a resume that never
  // improved), with batch norm folded as `segmentUnet` runs it.
  const best = await loadUnetModel(bestDir);
  const evalModel = foldBatchNorm(best.model, best.metadata.architecture);
  const threshold = best.metadata.threshold;
  const test: TestRow[] = [];
  let testMean: UnetExperimentReport['testMean'] = null;
  if (subjects.test.length > 0) {
    log(`evaluating ${subjects.test.length} held-out subjects (U-Net and Frangi baseline)`);
    const frangiThreshold = frangiValidationThreshold(valPrep);
    for (const s of subjects.test) {
      const p = prep(s);
      const prob = await predictProbability(evalModel, p, {
        tileSize: c.inference.tileSize,
        overlap: c.inference.overlap,
        flipTta: c.inference.flipTta,
      });
      const eu = evaluateSegmentation(prob, s.truth, p.fov, { cldice: false, threshold });
      test.push({ id: s.id, method: 'unet', auc: eu.auc, dice: eu.dice, threshold });
      const fv = frangiScores(p);
      const ef = evaluateSegmentation(fv, s.truth, p.fov, { cldice: false, threshold: frangiThreshold });
      test.push({ id: s.id, method: 'frangi', auc: ef.auc, dice: ef.dice, threshold: frangiThreshold });
    }
    const mean = (m: 'unet' | 'frangi', k: 'auc' | 'dice'): number => {
      const rows = test.filter((r) => r.method === m);
      return rows.reduce((a, r) => a + r[k], 0) / rows.length;
    };
    testMean = {
      unet: { auc: mean('unet', 'auc'), dice: mean('unet', 'dice') },
      frangi: { auc: mean('frangi', 'auc'), dice: mean('frangi', 'dice') },
    };
  }
  const report: UnetExperimentReport = {
    name: c.name,
    backend: backend.activeName,
    modelDir: bestDir,
    parameters: best.model.countParams(),
    epochs: history,
    bestEpoch: best.metadata.epoch,
    stoppedEarly,
    trainSeconds,
    threshold,
    test,
    testMean,
  };
  writeFileAtomic(join(out, options.evaluateOnly === true ? 'report-test.json' : 'report.json'), JSON.stringify(report, null, 2) + '\n');
  if (evalModel !== best.model) evalModel.dispose();
  best.model.dispose();
  if (resume) resume.optimizer.dispose();
  return report;
}

/** Frangi vesselness (σ = 1–4 px, dark vessels) of the U-Net's preprocessed [0, 1] image, 0 outside the FOV. */
export function frangiScores(p: PreparedImage): Image2D<Float32Array> {
  const v = frangi({ data: p.unit, width: p.width, height: p.height, channels: 1 }, { polarity: 'dark' }).vesselness;
  for (let k = 0; k < v.data.length; k++) if (p.fov.data[k] === 0) v.data[k] = 0;
  return v;
}

/** Dice-optimal Frangi threshold over the pooled validation images. */
function frangiValidationThreshold(val: ReadonlyArray<{ image: PreparedImage; truth: Mask2D }>): number {
  let n = 0;
  for (const v of val) n += v.image.width * v.image.height;
  const s = new Float32Array(n);
  const t = new Uint8Array(n);
  const f = new Uint8Array(n);
  let o = 0;
  for (const v of val) {
    s.set(frangiScores(v.image).data, o);
    t.set(v.truth.data, o);
    f.set(v.image.fov.data, o);
    o += v.image.width * v.image.height;
  }
  return evaluateSegmentation(
    { data: s, width: n, height: 1, channels: 1 },
    { data: t, width: n, height: 1 },
    { data: f, width: n, height: 1 },
    { cldice: false },
  ).oracleDiceThreshold;
}
