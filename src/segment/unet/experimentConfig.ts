/**
 * Schema of a U-Net training experiment (`experiments/*.json`, used by `vesselprint train-seg`),
 * checked with zod; unknown keys are errors so a typo never silently falls back to a default.
 */
import { z } from 'zod';
import { VesselprintError } from '../../core/errors.js';
import { parseConfig, readConfigFile } from '../../core/config.js';
import type { TrainUnetOptions } from './train.js';
import { CHANNEL_NAMES } from '../../core/channel.js';

const range = z.tuple([z.number().positive(), z.number().positive()]);

const syntheticData = z.strictObject({
  source: z.literal('synthetic'),
  /** Subjects 0…train−1 train, the next `validation` validate, the next `test` are held out. */
  train: z.number().int().min(1),
  validation: z.number().int().min(1),
  test: z.number().int().min(0).default(0),
  width: z.number().int().min(64).default(584),
  height: z.number().int().min(64).default(565),
});

const folderData = z.strictObject({
  source: z.literal('folder'),
  /** Root folder; relative paths resolve against the config file's folder. */
  root: z.string().min(1),
  /** Sub-folders and file-name patterns; `{id}` is replaced by the subject id. */
  images: z.string().default('images/{id}.jpg'),
  truths: z.string().default('manual1/{id}.png'),
  fovs: z.string().optional(),
  train: z.array(z.string()).min(1),
  validation: z.array(z.string()).min(1),
  test: z.array(z.string()).default([]),
  /** Integer down-sampling factor applied to every image (e.g. 2 for HRF at CPU speed). */
  downsample: z.number().int().min(1).default(1),
  /** Data set attribution and licence, copied into the model's metadata. */
  attribution: z.string().optional(),
  /** Colour artery/vein label images (red artery, blue vein, green unknown), for task "artery-vein". */
  labels: z.string().optional(),
});

export const unetExperimentSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  seed: z.number().int().default(0),
  /** "vessel": one sigmoid output; "artery-vein": softmax over background/artery/vein (needs data.labels). */
  task: z.enum(['vessel', 'artery-vein']).default('vessel'),
  backend: z.enum(['auto', 'tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu']).default('auto'),
  data: z.discriminatedUnion('source', [syntheticData, folderData]),
  preprocess: z
    .strictObject({
      channel: z.enum(CHANNEL_NAMES).default('green'),
      /** Several input channels (each preprocessed alike), e.g. ["red", "green", "blue"]; task "artery-vein" only. */
      channels: z.array(z.enum(CHANNEL_NAMES)).min(1).max(4).optional(),
      claheClip: z.number().min(0).default(2),
      claheTiles: z.number().int().min(1).default(8),
    })
    .prefault({}),
  model: z
    .strictObject({
      preset: z.enum(['cpu', 'gpu']).optional(),
      depth: z.number().int().min(1).max(6).optional(),
      baseFilters: z.number().int().min(1).max(512).optional(),
      batchNorm: z.boolean().optional(),
      dropout: z.number().min(0).max(0.9).optional(),
      residual: z.boolean().optional(),
      upsampling: z.enum(['transpose', 'nearest']).optional(),
      /** Cascade: a second U-Net refines the first one's output (`buildUnet` `refine`, W-Net). */
      refine: z.boolean().optional(),
      /**
       * Start from a trained model folder (relative to the current directory, like `output`) instead of
       * random weights: same depth and kind, `baseFilters` a multiple of its (widened function-preserving,
       * `widenUnetWeights`). Ignored when resuming.
       */
      initFrom: z.string().min(1).optional(),
    })
    .prefault({}),
  training: z
    .strictObject({
      batchSize: z.number().int().min(1).default(8),
      epochs: z.number().int().min(1).default(30),
      stepsPerEpoch: z.number().int().min(1).default(50),
      learningRate: z.number().positive().default(1e-3),
      lrSchedule: z.enum(['constant', 'cosine', 'step']).default('cosine'),
      minLearningRate: z.number().positive().default(1e-5),
      stepEvery: z.number().int().min(1).default(10),
      patience: z.number().int().min(1).default(8),
      monitor: z.enum(['auc', 'dice']).default('auc'),
      patchSize: z.number().int().min(8).default(64),
      vesselFraction: z.number().min(0).max(1).default(0.5),
      validationTileSize: z.number().int().min(8).default(128),
      /** Worker threads of data-parallel training on CPU (1 = this thread only). */
      workers: z.number().int().min(1).default(1),
      /** Ghost-batch shards per batch (data-parallel; must divide batchSize); default: workers when > 1, else none. */
      shards: z.number().int().min(1).optional(),
      /** Task "artery-vein": per-class loss weights (background, artery, vein) or median-frequency balancing. */
      classWeights: z
        .union([z.literal('median-frequency'), z.tuple([z.number().positive(), z.number().positive(), z.number().positive()])])
        .default('median-frequency'),
      /** Task "artery-vein": vessel pixels whose local diameter (px, at the training resolution) is below `diameterPx` weigh `weight` times more in the loss (`labelPatchSource`'s `thinVessel`). */
      thinVesselWeight: z.strictObject({ diameterPx: z.number().positive(), weight: z.number().positive() }).optional(),
      loss: z
        .strictObject({
          bce: z.number().min(0).default(1),
          dice: z.number().min(0).default(1),
          cldice: z.number().min(0).default(0),
          cldiceIterations: z.number().int().min(1).default(5),
        })
        .prefault({}),
      augment: z
        .union([
          z.literal(false),
          z.strictObject({
            flips: z.boolean().optional(),
            rot90: z.boolean().optional(),
            maxRotationDeg: z.number().min(0).max(180).optional(),
            scale: range.optional(),
            gamma: range.optional(),
            contrast: range.optional(),
            brightness: z.number().min(0).optional(),
            channelGamma: range.optional(),
          }),
        ])
        .default({}),
    })
    .prefault({}),
  inference: z
    .strictObject({
      tileSize: z.number().int().min(8).default(256),
      overlap: z.number().int().min(0).default(32),
      flipTta: z.boolean().default(false),
    })
    .prefault({}),
  /** Output folder (relative to the current directory): best/, last/, report.json. */
  output: z.string().min(1),
});

export type UnetExperiment = z.infer<typeof unetExperimentSchema>;

/**
 * Parses and validates an experiment object.
 * @throws VesselprintError CONFIG_INVALID naming the field path and what was expected
 */
export function parseUnetExperiment(raw: unknown, path = '<config>'): UnetExperiment {
  const c = parseConfig(unetExperimentSchema, raw, path, 'U-Net experiment config'); // every problem listed at once
  const d = 2 ** (c.model.depth ?? (c.model.preset === 'gpu' ? 4 : 3));
  for (const [f, v] of [
    ['training.patchSize', c.training.patchSize],
    ['training.validationTileSize', c.training.validationTileSize],
    ['inference.tileSize', c.inference.tileSize],
  ] as const) {
    if (v % d !== 0) throw new VesselprintError('CONFIG_INVALID', `must be a multiple of 2^depth = ${d}, got ${v}`, { path, field: f });
  }
  if (c.task === 'artery-vein' && (c.data.source !== 'folder' || c.data.labels === undefined)) {
    throw new VesselprintError('CONFIG_INVALID', 'task "artery-vein" needs folder data with an A/V label pattern (data.labels)', {
      path,
      field: 'data.labels',
    });
  }
  if (c.task === 'vessel' && c.preprocess.channels !== undefined) {
    throw new VesselprintError('CONFIG_INVALID', 'several input channels are supported for task "artery-vein" only', {
      path,
      field: 'preprocess.channels',
    });
  }
  if (c.task === 'vessel' && c.training.thinVesselWeight !== undefined) {
    throw new VesselprintError('CONFIG_INVALID', 'thin-vessel weighting is implemented for task "artery-vein" only', {
      path,
      field: 'training.thinVesselWeight',
    });
  }
  if (c.inference.overlap >= c.inference.tileSize)
    throw new VesselprintError(
      'CONFIG_INVALID',
      `overlap must be smaller than tileSize (${c.inference.tileSize}), got ${c.inference.overlap}`,
      { path, field: 'inference.overlap' },
    );
  return c;
}

/** Reads and validates an experiment JSON or YAML file (the one config loader, `core/config.ts`). @throws VesselprintError FILE_NOT_FOUND, CONFIG_INVALID */
export function readUnetExperiment(path: string): UnetExperiment {
  return parseUnetExperiment(readConfigFile(path), path);
}

/**
 * The `trainUnet` options of an experiment, derived from its `training` block (the schema uses
 * the same names as {@link TrainUnetOptions}; only the patch sampler's fields nest under
 * `patches`) instead of being copied field by field — the one mapping of a config to trainer
 * options; the artery/vein trainer takes the same minus the vessel loss and monitor.
 * @example trainUnetOptionsOf(parseUnetExperiment(raw)).patches?.patchSize // 64
 */
export function trainUnetOptionsOf(c: UnetExperiment): TrainUnetOptions {
  const { patchSize, vesselFraction, augment, ...schedule } = c.training;
  return { ...schedule, seed: c.seed, patches: { patchSize, vesselFraction, augment } };
}
