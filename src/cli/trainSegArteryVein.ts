/** The artery/vein branch of `vesselprint train-seg` (configs with `task: "artery-vein"`). */
import { dirname, resolve } from 'node:path';
import type { UnetExperiment } from '../segment/unet/experimentConfig.js';
import { runArteryVeinExperiment } from '../segment/unet/runArteryVeinExperiment.js';
import { Progress } from '../pipeline/progress.js';
import type { ActiveRun } from '../track/activeRun.js';

export interface TrainSegArteryVeinFlags {
  resume?: boolean;
  quiet?: boolean;
  evaluate?: boolean;
  compare?: string;
}

/**
 * Trains (or, with `--evaluate`, only evaluates) an artery/vein U-Net from a config; prints the
 * best epoch and the held-out vessel AUC and centreline A/V accuracy (and those of `--compare`, a
 * vessel-only model, and of Frangi).
 */
export async function trainSegArteryVein(
  config: UnetExperiment,
  configPath: string,
  flags: TrainSegArteryVeinFlags,
  say: (s: string) => void,
  run?: ActiveRun,
): Promise<void> {
  const bar = new Progress(config.training.epochs * config.training.stepsPerEpoch, { label: 'train-seg', quiet: flags.quiet === true });
  let lastLoss = Number.NaN;
  const report = await runArteryVeinExperiment(config, {
    configDir: dirname(resolve(configPath)),
    resume: flags.resume === true,
    evaluateOnly: flags.evaluate === true,
    ...(flags.compare !== undefined ? { compareModelDir: resolve(flags.compare) } : {}),
    log: say,
    callbacks: {
      onStep: (s) => {
        lastLoss = s.loss;
        bar.tick(true);
      },
      onEpochEnd: async (rec, isBest) => {
        say(
          `\nepoch ${rec.epoch + 1}/${config.training.epochs}: loss ${rec.loss.toFixed(4)} (last ${lastLoss.toFixed(4)}), val vessel AUC ${rec.valAuc.toFixed(4)}, ` +
            `val A/V accuracy ${rec.valAvAccuracy.toFixed(4)}, ${rec.msPerStep.toFixed(0)} ms/step, lr ${rec.learningRate.toExponential(2)}${isBest ? ' *best*' : ''}`,
        );
        await run?.logMetrics(
          {
            loss: rec.loss,
            val_auc: rec.valAuc,
            val_av_accuracy: rec.valAvAccuracy,
            learning_rate: rec.learningRate,
            ms_per_step: rec.msPerStep,
          },
          rec.epoch,
        );
      },
    },
  });
  bar.finish();
  const lines = [
    `best epoch ${report.bestEpoch + 1}, model in ${report.modelDir} (${report.parameters} parameters, ${report.backend}, ${report.trainSeconds.toFixed(0)} s)`,
  ];
  for (const [method, m] of Object.entries(report.testMean)) {
    lines.push(
      `held-out test, ${method}: vessel AUC ${m.auc.toFixed(4)}${m.avAccuracy !== undefined ? `, centreline A/V accuracy ${m.avAccuracy.toFixed(4)}` : ''}`,
    );
  }
  const av = report.testMean['unet-av'];
  if (av !== undefined) await run?.logMetrics({ test_auc: av.auc, test_av_accuracy: av.avAccuracy ?? Number.NaN });
  process.stdout.write(lines.join('\n') + '\n');
}
