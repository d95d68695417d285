/**
 * Distribution of one feature by group: violins with an inner box (median, quartiles) and the
 * points, one colour per group (Okabe–Ito); missing values are dropped and counted in the labels.
 */
import { VesselprintError } from '../core/errors.js';
import { CATEGORY_COLORS } from './palettes.js';
import { sig6 } from './shapOrder.js';
import type { Figure, PlotlyTrace } from './types.js';

export interface DistributionOptions {
  /** 'violin' (default) or 'box'. */
  kind?: 'violin' | 'box';
  /** Feature name for the axis. */
  feature?: string;
  /** Group order. Default: order of first appearance. */
  order?: readonly string[];
}

/**
 * Builds the spec.
 * @example distributionsByGroup([1.2, 1.4, 0.9], ['case', 'control', 'case'], { feature: 'vessel density' })
 */
export function distributionsByGroup(values: ArrayLike<number>, groups: readonly string[], options: DistributionOptions = {}): Figure {
  if (values.length !== groups.length)
    throw new VesselprintError('SHAPE_MISMATCH', `distributionsByGroup: ${values.length} values but ${groups.length} group labels`);
  const order = options.order ?? [...new Set(groups)];
  const kind = options.kind ?? 'violin';
  const data: PlotlyTrace[] = order.map((g, i) => {
    const v: number[] = [];
    let missing = 0;
    for (let k = 0; k < groups.length; k++)
      if (groups[k] === g) {
        if (Number.isFinite(values[k]!)) v.push(sig6(values[k]!));
        else missing++;
      }
    const col = CATEGORY_COLORS[i % CATEGORY_COLORS.length]!;
    const name = `${g} (n=${v.length}${missing ? `, ${missing} missing` : ''})`;
    return kind === 'violin'
      ? {
          type: 'violin',
          name,
          y: v,
          x0: name,
          box: { visible: true, width: 0.25 },
          meanline: { visible: false },
          points: 'all',
          jitter: 0.3,
          pointpos: 0,
          marker: { size: 2, color: col },
          line: { color: col, width: 1 },
          fillcolor: 'rgba(0,0,0,0)',
          spanmode: 'hard',
          showlegend: false,
        }
      : {
          type: 'box',
          name,
          y: v,
          boxpoints: 'all',
          jitter: 0.3,
          pointpos: 0,
          marker: { size: 2, color: col },
          line: { color: col, width: 1 },
          showlegend: false,
        };
  });
  return {
    data,
    layout: {
      yaxis: { title: { text: options.feature ?? 'Value' } },
      xaxis: { showline: true },
      meta: { kind: 'distributions', groups: order },
    },
  };
}
