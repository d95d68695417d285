/**
 * The publication theme: journal column widths, print font sizes and a plain layout (no chart
 * junk: white background, no grid lines on categorical axes, thin axis lines, ticks outside).
 * Sizes are converted to Plotly's CSS pixels at 96 px per inch, so a figure exported at
 * `widthMm` prints with fonts of exactly `fontPt` points.
 */
import { VesselprintError } from '../core/errors.js';
import type { Figure, PlotlyTrace } from './types.js';

/** Journal widths in mm: single column ~85–89 mm, 1.5 column ~120–140 mm, double ~174–183 mm. */
export const JOURNAL_WIDTH_MM = { single: 88, oneAndHalf: 130, double: 180 } as const;

/** CSS px per mm (96 px per inch). */
export const PX_PER_MM = 96 / 25.4;
/** CSS px per typographic point. */
export const PX_PER_PT = 96 / 72;

export interface ThemeOptions {
  /** Print width in mm. Default 88 (single column). */
  widthMm?: number;
  /** Print height in mm. Default 0.75 × width. */
  heightMm?: number;
  /** Base font size in pt (allowed 6–10). Default 8; tick labels, legends and in-plot text are 1 pt smaller (7 pt by default). */
  fontPt?: number;
  /** Font family. Default Liberation Sans (metric-compatible with Arial). */
  fontFamily?: string;
}

export const DEFAULT_THEME = {
  widthMm: JOURNAL_WIDTH_MM.single,
  fontPt: 8,
  fontFamily: 'Liberation Sans, Arial, Helvetica, DejaVu Sans, sans-serif',
} as const;

/** mm → CSS px. @example mmToPx(25.4) // 96 */
export function mmToPx(mm: number): number {
  return mm * PX_PER_MM;
}

const axis = (fontPx: number): Record<string, unknown> => ({
  showline: true,
  linewidth: 0.75,
  linecolor: '#000000',
  ticks: 'outside',
  ticklen: 3,
  tickwidth: 0.75,
  tickcolor: '#000000',
  showgrid: false,
  zeroline: false,
  tickfont: { size: fontPx - PX_PER_PT },
  title: { font: { size: fontPx }, standoff: 4 },
  automargin: true,
});

/**
 * Applies the theme to a figure (returns a new spec; the input is not changed): page size,
 * fonts, margins, axes, legend.
 * @throws VesselprintError BAD_ARGUMENT for a font outside 6–10 pt or a non-positive size
 * @example applyTheme(fig, { widthMm: 180, heightMm: 90 }).layout.width // 680.3 (px)
 */
export function applyTheme(fig: Figure, options: ThemeOptions = {}): Figure {
  const widthMm = options.widthMm ?? DEFAULT_THEME.widthMm;
  const heightMm = options.heightMm ?? widthMm * 0.75;
  const fontPt = options.fontPt ?? DEFAULT_THEME.fontPt;
  if (!(fontPt >= 6 && fontPt <= 10))
    throw new VesselprintError('BAD_ARGUMENT', `applyTheme: font size must be 6–10 pt at print size, got ${fontPt}`, { field: 'fontPt' });
  if (!(widthMm > 0 && heightMm > 0))
    throw new VesselprintError('BAD_ARGUMENT', `applyTheme: size must be positive, got ${widthMm}×${heightMm} mm`, { field: 'widthMm' });
  const fontPx = fontPt * PX_PER_PT;
  const layout: Record<string, unknown> = { ...fig.layout };
  const merge = (key: string): void => {
    const own = (layout[key] ?? {}) as Record<string, unknown>;
    const base = axis(fontPx);
    layout[key] = {
      ...base,
      ...own,
      title: { ...(base.title as object), ...(own.title ?? {}) },
      tickfont: { ...(base.tickfont as object), ...(own.tickfont ?? {}) },
    };
  };
  for (const k of Object.keys(layout)) if (/^[xy]axis\d*$/.test(k)) merge(k);
  if (!('xaxis' in layout)) merge('xaxis');
  if (!('yaxis' in layout)) merge('yaxis');
  Object.assign(layout, {
    width: Math.round(mmToPx(widthMm) * 10) / 10,
    height: Math.round(mmToPx(heightMm) * 10) / 10,
    font: { family: options.fontFamily ?? DEFAULT_THEME.fontFamily, size: fontPx, color: '#000000' },
    paper_bgcolor: '#FFFFFF',
    plot_bgcolor: '#FFFFFF',
    margin: { l: 6, r: 6, t: layout.title ? 18 : 6, b: 6, pad: 0, ...(fig.layout.margin ?? {}) },
    legend: { font: { size: fontPx - PX_PER_PT }, bgcolor: 'rgba(0,0,0,0)', ...(fig.layout.legend ?? {}) },
  });
  const small = fontPx - PX_PER_PT;
  const data = fig.data.map((t) => themeTrace(t, fontPx, small));
  if (Array.isArray(layout.annotations))
    layout.annotations = (layout.annotations as Record<string, unknown>[]).map((a) => ({ ...a, font: { size: small, ...(a.font ?? {}) } }));
  if (layout.title !== undefined)
    layout.title = {
      font: { size: fontPx + PX_PER_PT },
      x: 0,
      xanchor: 'left',
      ...(typeof layout.title === 'string' ? { text: layout.title } : layout.title),
    };
  return { data, layout };
}

/** Trace-level fonts: in-plot text and colour bars follow the theme unless set explicitly. */
function themeTrace(t: PlotlyTrace, fontPx: number, small: number): PlotlyTrace {
  const out: PlotlyTrace = { ...t };
  if (t.text !== undefined && t.textposition !== undefined) out.textfont = { size: small, ...(t.textfont ?? {}) };
  const bar = (cb: unknown): Record<string, unknown> => {
    const c = (cb ?? {}) as Record<string, unknown>;
    const title = (c.title ?? {}) as Record<string, unknown>;
    return { ...c, tickfont: { size: small, ...(c.tickfont ?? {}) }, title: { ...title, font: { size: small, ...(title.font ?? {}) } } };
  };
  if (t.colorbar !== undefined) out.colorbar = bar(t.colorbar);
  const marker = t.marker as Record<string, unknown> | undefined;
  if (marker?.colorbar !== undefined) out.marker = { ...marker, colorbar: bar(marker.colorbar) };
  void fontPx;
  return out;
}
