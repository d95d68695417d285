/**
 * U-Net checkpoints on disk: tfjs `model.json` + `weights.bin` (the layers format that
 * `tf.loadLayersModel` reads, also loadable by tfjs-node's `file://` handler) and
 * `metadata.json` (architecture, preprocessing, threshold, training-data hash, metrics,
 * versions). A resumable training checkpoint adds `optimizer.json` + `optimizer.bin` and
 * `state.json`. Every file is written atomically.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { VesselprintError } from '../../core/errors.js';
import type { UnetOptions } from './buildUnet.js';
import type { UnetPreprocessOptions } from './prepare.js';
import './seededDropout.js';
import './refineLogits.js';

/** Contents of `metadata.json`. */
export interface UnetMetadata {
  format: 'vesselprint-unet';
  formatVersion: 1;
  architecture: Required<UnetOptions>;
  preprocessing: Required<Omit<UnetPreprocessOptions, 'range'>> & { standardize: 'fov-mean-sd' };
  /** Channels of the network input (1: one preprocessed grey channel). */
  inputChannels: number;
  /** µm per pixel of the training images, when known (resample new images to it). */
  inputSpacingUm: number | null;
  /** Patch size used in training and the tile size recommended for inference, px. */
  patchSize: number;
  tileSize: number;
  /** Probability threshold of the binary mask and how it was chosen. */
  threshold: number;
  /** `train-width-ratio`: the vessel threshold at which the model's median vessel width matches the manual masks' on training images (hrf-av-unet; docs/retina.md). */
  thresholdSource: 'validation-dice' | 'default' | 'train-width-ratio';
  /** SHA-256 over the training images, truths and FOVs (in order). */
  trainingDataHash: string;
  /**
   * Artery/vein models: the image-level artery fraction `analyzeRetina` balances the A/V split to
   * (`balanceArteryVein`), chosen on the model's validation images, and how (free text). Absent: no prior.
   */
  avBalance?: { arteryFraction: number; source: string };
  /**
   * Artery/vein models: the vessel-probability level at which `analyzeRetina` measures zone-B
   * widths (`levelZoneBWidths`), chosen on the model's training images, and how (free text). Absent: mask widths.
   */
  widthLevel?: { level: number; source: string };
  /**
   * Diameter of the training images' FOV circle at the network's input, px (`fovCircle`), and how it
   * was measured: `predictArteryVein` resamples other cameras' images to it. Absent: fixed factor.
   */
  inputFovDiameterPx?: { px: number; source: string };
  /** Validation metrics of this checkpoint (auc, dice, …) and the epoch. */
  metrics: Record<string, number>;
  epoch: number;
  versions: { vesselprint: string; tfjs: string; backend: string };
  createdAt: string;
  /** Free-form provenance (data set, licence, config path). */
  notes?: Record<string, string>;
}

/** Resumable training state (`state.json`). */
export interface TrainState {
  /** Last completed epoch (0-based). */
  epoch: number;
  bestEpoch: number;
  bestScore: number;
  epochsWithoutImprovement: number;
  history: Array<Record<string, number>>;
}

async function modelArtifacts(model: tf.LayersModel): Promise<{ json: string; bin: Uint8Array }> {
  let out: { json: string; bin: Uint8Array } | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const data = a.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(a.weightData);
      const json = {
        modelTopology: a.modelTopology,
        format: a.format ?? 'layers-model',
        generatedBy: a.generatedBy,
        convertedBy: a.convertedBy ?? null,
        weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs ?? [] }],
      };
      out = { json: JSON.stringify(json), bin: new Uint8Array(data) };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (out === undefined) throw new VesselprintError('BACKEND', 'model.save produced no artefacts');
  return out;
}

/**
 * Writes `model.json`, `weights.bin` and `metadata.json` into `dir` (created if needed).
 * @example await saveUnetModel('runs/unet/best', model, metadata)
 */
export async function saveUnetModel(dir: string, model: tf.LayersModel, metadata: UnetMetadata): Promise<void> {
  const a = await modelArtifacts(model);
  writeFileAtomic(join(dir, 'weights.bin'), a.bin);
  writeFileAtomic(join(dir, 'model.json'), a.json);
  writeFileAtomic(join(dir, 'metadata.json'), JSON.stringify(metadata, null, 2) + '\n');
}

/**
 * Checks that `dir` holds the three files of a saved U-Net (model.json, weights.bin, metadata.json)
 * without reading them.
 * @throws VesselprintError FILE_NOT_FOUND naming the first missing file
 * @example requireUnetModelFiles('out/unet/best');
 */
export function requireUnetModelFiles(dir: string): void {
  for (const f of ['model.json', 'weights.bin', 'metadata.json']) {
    if (!existsSync(join(dir, f)))
      throw new VesselprintError('FILE_NOT_FOUND', `U-Net model folder lacks ${f} (expected model.json, weights.bin, metadata.json)`, {
        path: join(dir, f),
      });
  }
}

/**
 * Loads a model written by {@link saveUnetModel}.
 * @throws VesselprintError FILE_NOT_FOUND when a file is missing, CORRUPT_FILE for unreadable JSON
 *   or a metadata file of another format
 */
export async function loadUnetModel(dir: string): Promise<{ model: tf.LayersModel; metadata: UnetMetadata }> {
  requireUnetModelFiles(dir);
  const modelJson = readJson(join(dir, 'model.json')) as {
    modelTopology?: object;
    weightsManifest?: Array<{ weights: tf.io.WeightsManifestEntry[] }>;
  };
  const metadata = readJson(join(dir, 'metadata.json')) as UnetMetadata;
  if (metadata.format !== 'vesselprint-unet') {
    throw new VesselprintError('CORRUPT_FILE', `expected format "vesselprint-unet", got "${String(metadata.format)}"`, {
      path: join(dir, 'metadata.json'),
      field: 'format',
    });
  }
  if (modelJson.modelTopology === undefined || modelJson.weightsManifest === undefined) {
    throw new VesselprintError('CORRUPT_FILE', 'model.json lacks modelTopology or weightsManifest', { path: join(dir, 'model.json') });
  }
  const bin = readFileSync(join(dir, 'weights.bin'));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const weightSpecs = modelJson.weightsManifest.flatMap((g) => g.weights);
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }));
  return { model, metadata };
}

/** Saves the optimizer's variables (Adam moments, iteration count) and the training state. */
export async function saveTrainState(dir: string, optimizer: tf.Optimizer, state: TrainState): Promise<void> {
  const named = await optimizer.getWeights();
  const specs: Array<{ name: string; shape: number[] }> = [];
  const parts: Float32Array[] = [];
  for (const w of named) {
    specs.push({ name: w.name, shape: w.tensor.shape });
    parts.push((await w.tensor.data()) as Float32Array);
  }
  const total = parts.reduce((s, p) => s + p.length, 0);
  const all = new Float32Array(total);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  writeFileAtomic(join(dir, 'optimizer.bin'), new Uint8Array(all.buffer));
  writeFileAtomic(join(dir, 'optimizer.json'), JSON.stringify(specs));
  writeFileAtomic(join(dir, 'state.json'), JSON.stringify(state, null, 2) + '\n');
}

/** Restores what {@link saveTrainState} wrote; returns the state. */
export async function loadTrainState(dir: string, optimizer: tf.Optimizer): Promise<TrainState> {
  for (const f of ['optimizer.json', 'optimizer.bin', 'state.json']) {
    if (!existsSync(join(dir, f)))
      throw new VesselprintError('FILE_NOT_FOUND', `checkpoint lacks ${f}; cannot resume`, { path: join(dir, f) });
  }
  const specs = readJson(join(dir, 'optimizer.json')) as Array<{ name: string; shape: number[] }>;
  const bin = readFileSync(join(dir, 'optimizer.bin'));
  const all = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
  let o = 0;
  const named: Array<{ name: string; tensor: tf.Tensor }> = specs.map((s) => {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const t = { name: s.name, tensor: tf.tensor(all.subarray(o, o + n), s.shape) };
    o += n;
    return t;
  });
  if (o !== all.length)
    throw new VesselprintError('CORRUPT_FILE', `optimizer.bin holds ${all.length} floats, optimizer.json describes ${o}`, {
      path: join(dir, 'optimizer.bin'),
    });
  await optimizer.setWeights(named);
  for (const t of named) t.tensor.dispose();
  return readJson(join(dir, 'state.json')) as TrainState;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    throw new VesselprintError('CORRUPT_FILE', `not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { path, cause: e });
  }
}
