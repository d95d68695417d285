import { z } from 'zod';
import { parseConfig, readConfigFile } from '../core/config.js';
import { CHANNEL_NAMES } from '../core/channel.js';
import { AV_RELABEL_MODES } from '../retina/avSegmentDefaultModel.js';

/**
 * The experiment config (`experiments/NAME.json`): everything that defines one extraction run.
 * Unknown keys are errors; every default is explicit here and the resolved config (defaults
 * filled in) is logged with the run. Paths are relative to the folder the command runs in
 * (the project root). See docs/pipeline.md for every field with an example.
 */
const discretization = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('none') }),
  z.strictObject({ method: z.literal('fbn'), bins: z.int().positive() }),
  z.strictObject({ method: z.literal('fbs'), width: z.number().positive(), min: z.number().optional() }),
]);

export const ROI_NAMES = ['vessels', 'background', 'fov'] as const;
export type RoiName = (typeof ROI_NAMES)[number];
export const FAMILY_NAMES = ['stat', 'ih', 'ivh', 'glcm', 'glrlm', 'glszm', 'gldzm', 'ngtdm', 'ngldm', 'morph'] as const;

export const experimentConfigSchema = z.strictObject({
  /** Run name; also the default MLflow run name. Example: "demo". */
  name: z.string().min(1),
  /** Free text shown in the run's description. */
  description: z.string().default(''),
  /** Manifest CSV/JSON. Example: "data-manifests/generated/demo/manifest.csv". */
  manifest: z.string().min(1),
  /** Output folder for features.csv, features.parquet, failures.csv, cache/. Example: "out/demo". */
  out: z.string().min(1),
  /** Seed of every random step. */
  seed: z.int().default(42),
  segmentation: z
    .strictObject({
      /** "frangi" | "line" (classical), "unet" (needs modelDir) or "manual" (use the manifest's vessel_mask_path). */
      method: z.enum(['frangi', 'line', 'unet', 'manual']).default('frangi'),
      /** Folder of a trained U-Net (method "unet"). */
      modelDir: z.string().optional(),
      /** Longest image side processed by the classical method (larger images are downsampled internally). */
      maxWorkingSize: z.int().positive().optional(),
      /** CLAHE before enhancement (classical). */
      clahe: z.boolean().optional(),
      /** Vessel threshold of the classical method: Otsu on the response or a target vessel fraction. */
      threshold: z.enum(['otsu', 'fraction']).optional(),
      vesselFraction: z.number().gt(0).lt(1).optional(),
      /** Connected components smaller than this (px, working resolution) are removed. */
      minComponentSize: z.int().nonnegative().optional(),
    })
    .default({ method: 'frangi' }),
  fingerprint: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Quadrant and zone B features. */
      regions: z.boolean().default(true),
      /** Segments shorter than this (px) do not enter the tortuosity aggregates; overrides `scale.tortuosityMinLengthUm` (given in pixels, the fingerprint then depends on the resolution). */
      tortuosityMinLengthPx: z.number().nonnegative().optional(),
      /** Length parameters in µm / mm (defaults per modality, see docs/fingerprint.md "Physical scale"). */
      scale: z
        .strictObject({
          smoothingSigmaUm: z.number().nonnegative().optional(),
          angleSmoothingSigmaUm: z.number().nonnegative().optional(),
          angleStepUm: z.number().nonnegative().optional(),
          tortuosityMinLengthUm: z.number().nonnegative().optional(),
          minSpurLengthUm: z.number().nonnegative().optional(),
          fractalBoxMinMm: z.number().nonnegative().optional(),
          fractalBoxMaxMm: z.number().positive().optional(),
        })
        .optional(),
    })
    .default({ enabled: true, regions: true }),
  retina: z
    .strictObject({
      /** Optic disc, CRAE/CRVE/AVR and zone-C artery/vein measures of fundus images (docs/retina.md); columns "retina.*". */
      enabled: z.boolean().default(false),
      /** Where the artery/vein maps come from: "manual" (the manifest's av_mask_path label image) or "model" (the A/V CNN in modelDir). */
      avSource: z.enum(['manual', 'model']).default('model'),
      /** Folder of the artery/vein model (avSource "model"). */
      modelDir: z.string().optional(),
      /** Apply the model's image-level artery/vein prior when its metadata.json has one (avSource "model"; `balanceArteryVein`, docs/retina.md). */
      avBalance: z.boolean().default(true),
      /** Zone-B width method (`analyzeRetina`'s widthMethod: "mask", "level", "profile"); absent: "level" at the model's calibrated level when its metadata.json has one, else "mask". */
      widthMethod: z.enum(['mask', 'level', 'profile']).optional(),
      /** A detected disc must be this many times as bright as its surroundings (`analyzeRetina`'s minDiscBrightness, default 1.25); else retina.disc_found is 0 and the disc-relative columns are null. */
      minDiscBrightness: z.number().positive().optional(),
      /** Optic disc radius as a fraction of the radius of the FOV circle fitted to the photograph's field (`discRadiusOptions`; default 0.081: HRF's 45° camera). Set it for another camera (calibration in docs/retina.md); it also scales the CNN's input (avSource "model") so that the retina reaches the network at its training size. */
      discRadiusFraction: z.number().positive().max(0.5).optional(),
      /** Resample each photograph to the model's training field of view before the CNN (avSource "model"; `predictArteryVein`'s scaleByFov). */
      scaleByFov: z.boolean().default(true),
      /** Relabel arteries/veins segment by segment before the calibres (`analyzeRetina`'s avSegmentClassifier): "propagation" (the CNN's evidence over the junctions) or "classifier" (with colour features); absent: none. */
      avRelabel: z.enum(AV_RELABEL_MODES).optional(),
      /** Average the artery/vein CNN over four flips (avSource "model"; 4x its time; the CLI's --tta, docs/retina.md). */
      tta: z.boolean().default(false),
    })
    .default({ enabled: false, avSource: 'model', avBalance: true, scaleByFov: true, tta: false }),
  radiomics: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** IBSI families. */
      families: z
        .array(z.enum(FAMILY_NAMES))
        .min(1)
        .default([...FAMILY_NAMES]),
      /** IBSI discretization. Example: { "method": "fbn", "bins": 32 }. */
      discretization: discretization.default({ method: 'fbn', bins: 32 }),
      /** Filters, each "none", "log:SIGMA_MM" or "wavelet:NAME:LEVEL[:BAND]"; features are computed on each response. */
      filters: z.array(z.string()).min(1).default(['none']),
      /** ROIs: vessel pixels, FOV background (FOV minus vessels), whole FOV. */
      rois: z.array(z.enum(ROI_NAMES)).min(1).default(['vessels', 'background']),
      /** Channel (core/channel.ts, the one selector): auto | green (default) | red | blue | gray (BT.601 luma); a grey image uses its only channel. */
      channel: z.enum(CHANNEL_NAMES).default('green'),
    })
    .default({
      enabled: true,
      families: [...FAMILY_NAMES],
      discretization: { method: 'fbn', bins: 32 },
      filters: ['none'],
      rois: ['vessels', 'background'],
      channel: 'green',
    }),
  qc: z
    .strictObject({
      /** Exclusion rule: qc.pass = 0 when the FOV covers less than this fraction of the image … */
      minFovFraction: z.number().min(0).max(1).default(0.2),
      /** … or the focus measure (variance of the Laplacian of the normalised channel in the FOV) is below this … */
      minFocus: z.number().min(0).default(0),
      /** … or the RMS contrast (SD / mean of the channel in the FOV) is below this. */
      minContrast: z.number().min(0).default(0.02),
    })
    .default({ minFovFraction: 0.2, minFocus: 0, minContrast: 0.02 }),
  tracking: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** MLflow experiment name. */
      experiment: z.string().min(1).default('vesselprint'),
    })
    .default({ enabled: true, experiment: 'vesselprint' }),
});

/** The config as written (defaults optional). */
export type ExperimentConfigInput = z.input<typeof experimentConfigSchema>;
/** The resolved config (every default filled in). */
export type ExperimentConfig = z.output<typeof experimentConfigSchema>;

/**
 * Parses and checks a config object; every problem is listed with its dotted path.
 * @throws VesselprintError CONFIG_INVALID naming the file and each offending field
 */
export function parseExperimentConfig(value: unknown, path = '<config>'): ExperimentConfig {
  return parseConfig(experimentConfigSchema, value, path, 'experiment config');
}

/** Reads and parses `experiments/NAME.json` (or `.yaml`) with the one config loader (`core/config.ts`). */
export function loadExperimentConfig(path: string): ExperimentConfig {
  return parseExperimentConfig(readConfigFile(path), path);
}
