/**
 * Training curves: metrics per epoch (e.g. train and validation loss, Dice), one line each,
 * Okabe–Ito colours, validation lines dashed, and the best epoch of `bestBy` marked.
 */
import { VesselprintError } from '../core/errors.js';
import { CATEGORY_COLORS } from './palettes.js';
import { sig6 } from './shapOrder.js';
import type { Figure, PlotlyTrace } from './types.js';

export interface TrainingCurveOptions {
  /** Metric keys to draw. Default every numeric key except `epoch`. */
  metrics?: readonly string[];
  /** Mark the epoch minimising (or, for names with dice/auc/acc, maximising) this metric. */
  bestBy?: string;
  /** y-axis title. Default 'Value'. */
  yTitle?: string;
}

/**
 * Builds the training-curve spec from one record per epoch.
 * @example trainingCurves([{ epoch: 1, loss: 0.7, val_loss: 0.8 }, { epoch: 2, loss: 0.5, val_loss: 0.6 }], { bestBy: 'val_loss' })
 */
export function trainingCurves(history: readonly Record<string, number>[], options: TrainingCurveOptions = {}): Figure {
  if (history.length === 0) throw new VesselprintError('EMPTY_INPUT', 'trainingCurves: the history is empty');
  const metrics = options.metrics ?? Object.keys(history[0]!).filter((k) => k !== 'epoch' && typeof history[0]![k] === 'number');
  const ep = history.map((h, i) => h.epoch ?? i + 1);
  const data: PlotlyTrace[] = metrics.map((m, i) => {
    if (!history.some((h) => m in h))
      throw new VesselprintError('BAD_ARGUMENT', `trainingCurves: no epoch has metric "${m}"`, { field: 'metrics' });
    return {
      type: 'scatter',
      mode: 'lines',
      name: m,
      x: ep,
      y: history.map((h) => (Number.isFinite(h[m]) ? sig6(h[m]!) : null)),
      line: { color: CATEGORY_COLORS[i % CATEGORY_COLORS.length], width: 1.25, dash: /^val/.test(m) ? 'dash' : 'solid' },
    };
  });
  const shapes: unknown[] = [];
  let best: number | null = null;
  if (options.bestBy) {
    const key = options.bestBy,
      maximise = /dice|auc|acc|iou|r2/i.test(key);
    let bv = maximise ? -Infinity : Infinity;
    history.forEach((h, i) => {
      const v = h[key];
      if (v !== undefined && Number.isFinite(v) && (maximise ? v > bv : v < bv)) {
        bv = v;
        best = ep[i]!;
      }
    });
    if (best === null)
      throw new VesselprintError('BAD_ARGUMENT', `trainingCurves: bestBy metric "${key}" has no values`, { field: 'bestBy' });
    shapes.push({
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: best,
      x1: best,
      y0: 0,
      y1: 1,
      line: { color: '#888888', width: 0.75, dash: 'dot' },
    });
  }
  return {
    data,
    layout: {
      xaxis: { title: { text: 'Epoch' } },
      yaxis: { title: { text: options.yTitle ?? 'Value' } },
      shapes,
      legend: { x: 0.98, xanchor: 'right', y: 0.98 },
      meta: { kind: 'training-curves', bestEpoch: best },
    },
  };
}
