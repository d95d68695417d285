/**
 * Figures are plain Plotly specs `{ data, layout }` (https://plotly.com/javascript/reference/):
 * JSON-serialisable, built without I/O, exported by plot/export.ts.
 */

/** One Plotly trace (scatter, bar, heatmap, waterfall, violin, …). */
export type PlotlyTrace = Record<string, unknown> & { type: string };

/** A Plotly figure spec. `layout.width/height` are CSS px (96 px per inch). */
export interface Figure {
  data: PlotlyTrace[];
  layout: Record<string, unknown>;
}

/** Size of a printed figure in millimetres. */
export interface FigureSize {
  widthMm: number;
  heightMm: number;
}
