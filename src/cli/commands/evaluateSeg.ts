import type { Command } from 'commander';
import { VesselprintError } from '../../core/errors.js';
import { toMask, getChannel, type Image2D, type Mask2D } from '../../core/image.js';
import { readImage } from '../../io/readImage.js';
import { evaluateSegmentation, type SegmentationEvaluation } from '../../segment/metrics/evaluate.js';

interface EvalOpts {
  pred: string;
  truth: string;
  fov?: string;
  threshold?: string;
  json?: boolean;
  cldice: boolean;
}

/**
 * Scores of a prediction file in [0, 1]: 8-bit samples / 255, 16-bit / 65535, float as stored.
 * Channel 0 of a multi-channel file.
 */
function predictionScores(img: Image2D): Image2D<Float32Array> {
  const g = getChannel(img, 0);
  const div = img.data instanceof Uint8Array ? 255 : img.data instanceof Uint16Array ? 65535 : 1;
  if (div !== 1) for (let i = 0; i < g.data.length; i++) g.data[i] = g.data[i]! / div;
  return g;
}

/** The JSON object printed by `evaluate-seg --json` (the first eight keys are the stable interface). */
function evaluationJson(e: SegmentationEvaluation): Record<string, number | null> {
  const num = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return {
    auc: num(e.auc),
    auc_pr: num(e.aucPr),
    dice: num(e.dice),
    accuracy: num(e.accuracy),
    sensitivity: num(e.sensitivity),
    specificity: num(e.specificity),
    mcc: num(e.mcc),
    cldice: num(e.cldice),
    iou: num(e.iou),
    precision: num(e.precision),
    threshold: e.threshold,
    n_fov_pixels: e.nPixels,
    oracle_dice: num(e.oracleDice),
    oracle_dice_threshold: num(e.oracleDiceThreshold),
    oracle_accuracy: num(e.oracleAccuracy),
    oracle_accuracy_threshold: num(e.oracleAccuracyThreshold),
  };
}

async function readMask(path: string, what: string, ref: Image2D): Promise<Mask2D> {
  const img = await readImage(path);
  if (img.width !== ref.width || img.height !== ref.height) {
    throw new VesselprintError('SHAPE_MISMATCH', `${what} is ${img.width}x${img.height}, the prediction is ${ref.width}x${ref.height}`, {
      path,
    });
  }
  return toMask(img);
}

/**
 * `vesselprint evaluate-seg --pred PROB_OR_MASK --truth MANUAL --fov FOV [--threshold T] --json`:
 * segmentation metrics inside the FOV.
 */
export function register(program: Command): void {
  program
    .command('evaluate-seg')
    .description(
      'compare a probability map or mask with a manual segmentation inside the FOV (AUC, AUC-PR, Dice, accuracy, sensitivity, specificity, MCC, clDice)',
    )
    .requiredOption('--pred <file>', 'prediction: probability map (float TIFF in [0,1]; 8/16-bit scaled by 255/65535) or binary mask')
    .requiredOption('--truth <file>', 'manual segmentation (non-zero = vessel)')
    .option('--fov <file>', 'field-of-view mask (non-zero = inside); whole image when absent')
    .option('--threshold <t>', 'vessel where score ≥ t, scores in [0, 1]', '0.5')
    .option('--json', 'print one JSON object')
    .option('--no-cldice', 'skip clDice (skeletonisation), printed as null')
    .action(async (opts: EvalOpts) => {
      const t = Number(opts.threshold);
      if (opts.threshold === undefined || opts.threshold.trim() === '' || !Number.isFinite(t)) {
        throw new VesselprintError('BAD_ARGUMENT', `expected a number, got "${opts.threshold}"`, { field: 'threshold' });
      }
      if (t < 0 || t > 1) {
        throw new VesselprintError(
          'BAD_ARGUMENT',
          `expected a threshold in [0, 1] (scores are probabilities; 8/16-bit files are scaled to [0, 1]), got ${t}: every pixel would be one class`,
          { field: '--threshold' },
        );
      }
      const predImg = await readImage(opts.pred);
      if (predImg.channels > 1) process.stderr.write(`evaluate-seg: ${opts.pred} has ${predImg.channels} channels; using channel 0\n`);
      const scores = predictionScores(predImg);
      const truth = await readMask(opts.truth, 'truth', predImg);
      const fov = opts.fov !== undefined ? await readMask(opts.fov, 'FOV mask', predImg) : undefined;
      if (!fov) process.stderr.write('evaluate-seg: no --fov given; metrics over the whole image\n');
      let e: SegmentationEvaluation;
      try {
        e = evaluateSegmentation(scores, truth, fov, { threshold: t, cldice: opts.cldice, oneClass: 'error' });
      } catch (err) {
        if (err instanceof VesselprintError && err.code === 'EMPTY_INPUT' && err.field === 'truth')
          throw new VesselprintError('EMPTY_INPUT', err.message.replace(/^field truth: /, ''), { path: opts.truth });
        throw err;
      }
      const out = evaluationJson(e);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      const fmt = (v: number | null): string => (v === null ? 'n/a' : Number.isInteger(v) ? String(v) : v.toFixed(4));
      const lines = Object.entries(out).map(([k, v]) => `  ${k.padEnd(26)} ${fmt(v)}`);
      process.stdout.write(
        `evaluate-seg: ${opts.pred} vs ${opts.truth} (oracle_* = threshold chosen on the truth: optimistic)\n${lines.join('\n')}\n`,
      );
    });
}
