import type { ReportNotebook } from './types.js';
import { escapeHtml, hrefPath, page } from './html.js';

/** `notebooks.html`: links to the executed notebooks rendered to HTML, and any that could not be rendered. */
export function notebooksPage(notebooks: readonly ReportNotebook[], problems: readonly string[]): string {
  const body = `<h1>Executed notebooks</h1>
${notebooks.length > 0 ? `<ul>${notebooks.map((n) => `<li><a href="${hrefPath(n.sitePath)}">${escapeHtml(n.name)}</a></li>`).join('')}</ul>` : '<p>No executed notebooks were found. Run <code>npm run notebooks</code> (writes <code>out/notebooks/</code>), then the report again.</p>'}
${problems.length > 0 ? `<h2>Not rendered</h2><ul>${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : ''}`;
  return page('Notebooks', body, { root: '' });
}
