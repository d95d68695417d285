import type { Command } from 'commander';
import { dirname, resolve } from 'node:path';
import { VesselprintError, oneOf } from '../../core/errors.js';
import { BACKEND_NAMES } from '../../backend/types.js';
import { readUnetExperiment } from '../../segment/unet/experimentConfig.js';
import { runUnetExperiment } from '../../segment/unet/runExperiment.js';
import { Progress } from '../../pipeline/progress.js';
import type { ActiveRun } from '../../track/activeRun.js';
import { configParams } from '../../track/flatten.js';

interface TrainSegFlags {
  resume?: boolean;
  track?: boolean;
  backend?: string;
  quiet?: boolean;
  evaluate?: boolean;
  workers?: string;
  compare?: string;
}

/**
 * `vesselprint train-seg CONFIG`: trains a U-Net vessel segmenter from an experiment config
 * (see docs/unet.md), writing `<output>/best/` (model.json, weights.bin, metadata.json),
 * `<output>/last/` (resumable) and `<output>/report.json`.
 */
export function register(program: Command): void {
  program
    .command('train-seg')
    .description('train a U-Net vessel (or artery/vein, task "artery-vein") segmenter from an experiments/*.json config')
    .argument('<config>', 'experiment config (JSON)')
    .option('--resume', 'continue from <output>/last/ when it exists')
    .option('--track', 'log params, per-epoch metrics and the report to MLflow (MLFLOW_TRACKING_URI, else ./mlruns)')
    .option('--backend <name>', `tfjs backend: auto, ${BACKEND_NAMES.join(', ')} (overrides the config)`)
    .option('--workers <n>', 'worker threads for data-parallel training on CPU (overrides training.workers; see docs)')
    .option('--evaluate', 'no training: evaluate <output>/best/ on the test subjects (U-Net vs Frangi) into report-test.json')
    .option('--compare <dir>', 'task "artery-vein": also evaluate this vessel-only U-Net folder on the test subjects')
    .option('--quiet', 'no progress bar')
    .action(async (configPath: string, flags: TrainSegFlags) => {
      const config = readUnetExperiment(configPath);
      if (flags.workers !== undefined) {
        const n = Number(flags.workers);
        if (!Number.isInteger(n) || n < 1)
          throw new VesselprintError('BAD_ARGUMENT', `--workers must be an integer ≥ 1, got "${flags.workers}"`, { field: 'workers' });
        config.training.workers = n;
      }
      if (flags.backend !== undefined) config.backend = oneOf('--backend', flags.backend, ['auto', ...BACKEND_NAMES] as const);
      const say = (s: string): void => {
        if (!flags.quiet) process.stderr.write(`${s}\n`);
      };
      let run: ActiveRun | undefined;
      if (flags.track) {
        const { startRun } = await import('../../track/startRun.js');
        run = await startRun({
          experiment: config.name,
          config: configParams(config),
          seed: config.seed,
          sourceName: 'vesselprint train-seg',
          libraries: ['@tensorflow/tfjs'],
        });
        say(`tracking run ${run.runId}`);
      }
      if (config.task === 'artery-vein') {
        const { trainSegArteryVein } = await import('../trainSegArteryVein.js');
        try {
          await trainSegArteryVein(config, configPath, flags, say, run);
          await run?.end('FINISHED');
        } catch (e) {
          await run?.end('FAILED');
          throw e;
        }
        return;
      }
      const total = config.training.epochs * config.training.stepsPerEpoch;
      const bar = new Progress(total, { label: 'train-seg', quiet: flags.quiet === true });
      let lastLoss = Number.NaN;
      try {
        const report = await runUnetExperiment(config, {
          configDir: dirname(resolve(configPath)),
          resume: flags.resume === true,
          evaluateOnly: flags.evaluate === true,
          log: say,
          callbacks: {
            onStep: (s) => {
              lastLoss = s.loss;
              bar.tick(true);
            },
            onEpochEnd: async (rec, isBest) => {
              say(
                `\nepoch ${rec.epoch + 1}/${config.training.epochs}: loss ${rec.loss.toFixed(4)} (last ${lastLoss.toFixed(4)}), val AUC ${rec.valAuc.toFixed(4)}, ` +
                  `val Dice ${rec.valDice.toFixed(4)}, ${rec.msPerStep.toFixed(0)} ms/step, lr ${rec.learningRate.toExponential(2)}${isBest ? ' *best*' : ''}`,
              );
              await run?.logMetrics(
                { loss: rec.loss, val_auc: rec.valAuc, val_dice: rec.valDice, learning_rate: rec.learningRate, ms_per_step: rec.msPerStep },
                rec.epoch,
              );
            },
          },
        });
        bar.finish();
        const lines = [
          `best epoch ${report.bestEpoch + 1}, model in ${report.modelDir} (${report.parameters} parameters, ${report.backend}, ${report.trainSeconds.toFixed(0)} s)`,
        ];
        if (report.testMean) {
          const m = report.testMean;
          lines.push(
            `held-out test (${report.test.length / 2} subjects): U-Net AUC ${m.unet.auc.toFixed(4)} Dice ${m.unet.dice.toFixed(4)}; Frangi AUC ${m.frangi.auc.toFixed(4)} Dice ${m.frangi.dice.toFixed(4)}`,
          );
          await run?.logMetrics({
            test_auc: m.unet.auc,
            test_dice: m.unet.dice,
            frangi_test_auc: m.frangi.auc,
            frangi_test_dice: m.frangi.dice,
          });
        }
        process.stdout.write(lines.join('\n') + '\n');
        await run?.end('FINISHED');
      } catch (e) {
        await run?.end('FAILED');
        throw e;
      }
    });
}
