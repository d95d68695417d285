/**
 * Kaplan–Meier figure: one step curve per group (e.g. exposure tertiles) with its log(−log)
 * 95 % CI band, and the numbers at risk under the x axis at chosen times (the table journals
 * ask for; Pocock, Clayton & Altman 2002, doi:10.1016/S0140-6736(02)08594-X).
 */
import { VesselprintError } from '../core/errors.js';
import { kaplanMeier, numberAtRisk, type KaplanMeierCurve } from '../learn/survival/kaplanMeier.js';
import { quantileSorted } from '../core/quantile.js';
import { CATEGORY_COLORS } from './palettes.js';
import { sig6 } from './shapOrder.js';
import type { Figure, PlotlyTrace } from './types.js';

export interface KaplanMeierGroup {
  label: string;
  time: readonly number[];
  event: readonly number[];
}

export interface KaplanMeierFigureOptions {
  /** Times at which to print the numbers at risk. Default: 5 evenly spaced from 0 to the largest time. */
  atRiskTimes?: readonly number[];
  /** x-axis title. Default 'Follow-up time'. */
  xLabel?: string;
  /** y-axis title. Default 'Event-free survival'. */
  yLabel?: string;
  title?: string;
  /** Shade the 95 % CI of each curve. Default true. */
  showCi?: boolean;
}

/** Step coordinates of a curve, starting at (0, 1). */
function steps(c: KaplanMeierCurve, values: number[]): { x: number[]; y: number[] } {
  return { x: [0, ...c.time].map(sig6), y: [1, ...values].map(sig6) };
}

/**
 * @throws VesselprintError EMPTY_INPUT without groups.
 * @example kaplanMeierFigure([{ label: 'T1', time, event }, …], { xLabel: 'Years', atRiskTimes: [0, 2, 4, 6, 8] })
 */
export function kaplanMeierFigure(groups: readonly KaplanMeierGroup[], options: KaplanMeierFigureOptions = {}): Figure {
  if (groups.length === 0) throw new VesselprintError('EMPTY_INPUT', 'kaplanMeierFigure: no groups');
  const curves = groups.map((g) => kaplanMeier(g.time, g.event));
  const tMax = Math.max(...groups.flatMap((g) => g.time));
  const atRisk = options.atRiskTimes ?? Array.from({ length: 5 }, (_, i) => sig6((tMax * i) / 4));
  const data: PlotlyTrace[] = [];
  curves.forEach((c, k) => {
    const color = CATEGORY_COLORS[k % CATEGORY_COLORS.length]!;
    if (options.showCi ?? true) {
      const lo = steps(
        c,
        c.ciLow.map((v, i) => (Number.isFinite(v) ? v : c.survival[i]!)),
      );
      const hi = steps(
        c,
        c.ciHigh.map((v, i) => (Number.isFinite(v) ? v : c.survival[i]!)),
      );
      data.push({
        type: 'scatter',
        mode: 'lines',
        x: hi.x,
        y: hi.y,
        line: { shape: 'hv', width: 0 },
        showlegend: false,
        hoverinfo: 'skip',
        legendgroup: groups[k]!.label,
      });
      data.push({
        type: 'scatter',
        mode: 'lines',
        x: lo.x,
        y: lo.y,
        line: { shape: 'hv', width: 0 },
        fill: 'tonexty',
        fillcolor: `${color}33`,
        showlegend: false,
        hoverinfo: 'skip',
        legendgroup: groups[k]!.label,
      });
    }
    const s = steps(c, c.survival);
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: groups[k]!.label,
      x: s.x,
      y: s.y,
      line: { shape: 'hv', color, width: 1.25 },
      legendgroup: groups[k]!.label,
    });
  });
  const annotations = [
    { xref: 'paper', yref: 'paper', x: 0, xanchor: 'right', xshift: -14, y: -0.2, text: '<b>At risk</b>', showarrow: false },
    ...groups.flatMap((g, k) => [
      {
        xref: 'paper',
        yref: 'paper',
        x: 0,
        xanchor: 'right',
        xshift: -14,
        y: -0.27 - 0.07 * k,
        text: g.label,
        showarrow: false,
        font: { color: CATEGORY_COLORS[k % CATEGORY_COLORS.length] },
      },
      ...numberAtRisk(g.time, atRisk).map((m, j) => ({
        xref: 'x',
        yref: 'paper',
        x: atRisk[j],
        y: -0.27 - 0.07 * k,
        text: String(m),
        showarrow: false,
      })),
    ]),
  ];
  return {
    data,
    layout: {
      ...(options.title !== undefined ? { title: { text: options.title } } : {}),
      xaxis: { title: { text: options.xLabel ?? 'Follow-up time' }, range: [0, sig6(tMax * 1.02)], tickvals: atRisk },
      yaxis: { title: { text: options.yLabel ?? 'Event-free survival' }, range: [0, 1.02] },
      margin: { b: 60 + 22 * groups.length, l: Math.max(70, 14 + 6 * Math.max(...groups.map((g) => g.label.length))) },
      annotations,
      meta: {
        kind: 'kaplan-meier',
        atRiskTimes: atRisk,
        groups: groups.map((g, k) => ({
          label: g.label,
          n: curves[k]!.n,
          events: curves[k]!.nEvents,
          atRisk: numberAtRisk(g.time, atRisk),
        })),
      },
    },
  };
}

/**
 * Splits rows into thirds of an exposure (type-7 tertiles; ties go to the lower third) for
 * {@link kaplanMeierFigure}; rows with a non-finite exposure are left out. Labels `T1 ≤ cut`,
 * `T2`, `T3 > cut` (prefixed by `name` when short enough for the numbers-at-risk table).
 * @example kaplanMeierFigure(groupsByTertile(capDensity, years, cvd, 'capillary density'))
 */
export function groupsByTertile(
  values: readonly number[],
  time: readonly number[],
  event: readonly number[],
  name: string,
): KaplanMeierGroup[] {
  if (values.length !== time.length || values.length !== event.length)
    throw new VesselprintError('SHAPE_MISMATCH', `groupsByTertile: ${values.length} values, ${time.length} times, ${event.length} events`);
  const idx = values.map((_, i) => i).filter((i) => Number.isFinite(values[i]));
  const sorted = idx.map((i) => values[i]!).sort((a, b) => a - b);
  const cuts = [quantileSorted(sorted, 1 / 3), quantileSorted(sorted, 2 / 3)];
  const third = (v: number): number => (v <= cuts[0]! ? 0 : v <= cuts[1]! ? 1 : 2);
  const fmt = (v: number): string => v.toPrecision(3);
  return [`T1 ≤ ${fmt(cuts[0]!)}`, 'T2', `T3 > ${fmt(cuts[1]!)}`].map((label, k) => {
    const m = idx.filter((i) => third(values[i]!) === k);
    return {
      label: `${name} ${label}`.length <= 24 ? `${name} ${label}` : label,
      time: m.map((i) => time[i]!),
      event: m.map((i) => event[i]!),
    };
  });
}
