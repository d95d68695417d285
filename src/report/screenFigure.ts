/**
 * Prepares a logged Plotly spec for the report's run page. Specs are logged without the
 * publication theme (that is applied at export), so on screen Plotly's default 80-px margins
 * would clip long tick labels (feature names on a forest plot's or SHAP plot's y axis). This
 * turns on `automargin` for every axis (Plotly grows the margin to fit the labels) and keeps
 * a small base margin; the title goes to the left (clear of the mode bar); a print width is dropped (the page's column decides); what the figure says is unchanged.
 */

/** Default on-screen height of a figure without one (CSS px). */
const SCREEN_FIGURE_HEIGHT = 440;

/**
 * Returns a copy of `fig` whose axes grow their margins to fit their labels.
 * @example screenFigure({ data: [], layout: { yaxis: { ticktext: ['a long feature name'] } } }).layout.yaxis // { ticktext: [...], automargin: true }
 */
export function screenFigure(fig: { data: unknown[]; layout?: unknown }): { data: unknown[]; layout: Record<string, unknown> } {
  const layout: Record<string, unknown> = typeof fig.layout === 'object' && fig.layout !== null ? { ...(fig.layout as Record<string, unknown>) } : {};
  const axes = Object.keys(layout).filter((k) => /^[xy]axis\d*$/.test(k));
  for (const k of new Set(['xaxis', 'yaxis', ...axes])) {
    const own = (layout[k] ?? {}) as Record<string, unknown>;
    layout[k] = { ...own, automargin: true };
  }
  // A print width (e.g. a forest plot's double column) does not fit the page's figure column: the
  // figure takes the column's width on screen (the div is responsive) and keeps its height.
  delete layout.width;
  if (layout.height === undefined) layout.height = SCREEN_FIGURE_HEIGHT;
  layout.margin = { l: 10, r: 10, t: layout.title ? 40 : 10, b: 10, ...((layout.margin ?? {})) };
  // Plotly's mode bar sits at the top right while the mouse is over a figure: a centred title runs under it.
  if (layout.title) layout.title = { ...(typeof layout.title === 'string' ? { text: layout.title } : (layout.title as Record<string, unknown>)), x: 0, xref: 'paper', xanchor: 'left' };
  return { data: fig.data, layout };
}
