import type { CommandModule } from './types.js';

/**
 * One entry of the CLI's command catalog: the top-level command names a module registers, their
 * one-line summaries (as `--help` lists them) and how to load the module. The CLI imports a
 * command's module (and with it tfjs, sharp, DuckDB…) only when that command runs, so that
 * `vesselprint --version` and `--help` answer at once. `test/cli/catalog.test.ts` checks that
 * every summary equals the description the module itself registers.
 */
export interface CommandEntry {
  /** Top-level command name, as typed after `vesselprint`. */
  name: string;
  /** The module's `.description(…)` of that command. */
  summary: string;
  /** Imports the module that registers the command. */
  load(): Promise<CommandModule>;
}

/** Every command of the CLI, in the order `--help` lists them. */
export const COMMAND_CATALOG: readonly CommandEntry[] = [
  {
    name: 'demo',
    summary:
      'run the whole study on the bundled synthetic cohort: synth → validate → extract → associations + CV model → figures → MLflow → report',
    load: () => import('./demo.js'),
  },
  {
    name: 'synth',
    summary: 'write a synthetic cohort: fundus + skin capillary images, ground-truth masks, manifest.csv (+ schema) and truth.csv',
    load: () => import('./synth.js'),
  },
  {
    name: 'validate',
    summary: 'check a manifest (CSV or JSON) and its schema file; one line per problem, exit 1 if any error',
    load: () => import('./validate.js'),
  },
  {
    name: 'info',
    summary: 'describe image files: dimensions, channels, bit depth, spacing (never identifiers)',
    load: () => import('./info.js'),
  },
  {
    name: 'doctor',
    summary:
      'check the installation: Node, sharp, tfjs backends, WebGPU adapter, chromium, ffmpeg, jupyter, python references; says how to fix what is missing',
    load: () => import('./doctor.js'),
  },
  {
    name: 'segment',
    summary: 'segment vessels in a fundus or skin capillary image (no training needed for frangi/line)',
    load: () => import('./segment.js'),
  },
  {
    name: 'evaluate-seg',
    summary:
      'compare a probability map or mask with a manual segmentation inside the FOV (AUC, AUC-PR, Dice, accuracy, sensitivity, specificity, MCC, clDice)',
    load: () => import('./evaluateSeg.js'),
  },
  {
    name: 'train-seg',
    summary: 'train a U-Net vessel (or artery/vein, task "artery-vein") segmenter from an experiments/*.json config',
    load: () => import('./trainSeg.js'),
  },
  {
    name: 'fingerprint',
    summary: 'microvascular fingerprint (density, fractal dimension, tortuosity, calibre, branching, capillaries) of a binary vessel mask',
    load: () => import('./fingerprint.js'),
  },
  {
    name: 'retina',
    summary: 'optic disc, artery/vein segments, CRAE/CRVE/AVR (Knudtson) and zone-C measures of a fundus photograph',
    load: () => import('./retina.js'),
  },
  {
    name: 'capillaroscopy',
    summary: 'skin capillary videomicroscopy: stabilise a recording, perfusion maps, perfused capillaries, density and distribution',
    load: () => import('./capillaroscopy.js'),
  },
  { name: 'radiomics', summary: 'IBSI-compliant 2D radiomics features of an image inside a mask', load: () => import('./radiomics.js') },
  {
    name: 'extract',
    summary: 'run a manifest through read → segment → fingerprint + radiomics + QC into OUT/features.csv, features.parquet, failures.csv',
    load: () => import('./extract.js'),
  },
  {
    name: 'merge',
    summary: 'join the shard parts of OUT/parts/ (from extract --shard i/N) into OUT/features.csv, features.parquet, failures.csv',
    load: () => import('./merge.js'),
  },
  {
    name: 'model',
    summary:
      'cross-validated prediction from a feature table (logistic | elasticnet | rf | gbm | tree); logs one MLflow run with folds as nested runs',
    load: () => import('./analyze.js'),
  },
  {
    name: 'associate',
    summary:
      'covariate-adjusted association (linear, logistic or Cox; cluster-robust or GEE for two eyes/visits; interactions and splines), one exposure or an exposure-wide table with FDR; logs one MLflow run',
    load: () => import('./analyze.js'),
  },
  {
    name: 'repeatability',
    summary:
      'test–retest / inter-grader repeatability per feature: ICC(2,1), ICC(3,1) with 95% CIs, SEM, MDC95, Bland–Altman; logs one MLflow run',
    load: () => import('./repeatability.js'),
  },
  {
    name: 'explain',
    summary: 'SHAP values of a model: fitted on a table (--table) or refitted from a logged run (RUN_ID)',
    load: () => import('./explain.js'),
  },
  { name: 'figure', summary: 'export a saved Plotly spec (JSON) to PDF, SVG or PNG at print size', load: () => import('./figure.js') },
  {
    name: 'runs',
    summary: 'list MLflow runs (file store ./mlruns or MLFLOW_TRACKING_URI) with status and key metrics',
    load: () => import('./runs.js'),
  },
  {
    name: 'report',
    summary: 'write a static HTML review site (runs, figures, config, comparison, notebooks) from the MLflow store',
    load: () => import('./report.js'),
  },
];
