/**
 * The supervisor review report: a static HTML site (runs table, run pages with figures and
 * config, run comparison, executed notebooks) written from an MLflow tracking store.
 * User guide: docs/report.md.
 */
export type { ArtifactKind, ReportArtifact, ReportNotebook, ReportOptions, ReportResult, ReportRun } from './types.js';
export { writeReport, plotlyBundlePath, REPORT_MARKER, DEFAULT_REPORT_OPTIONS } from './writeReport.js';
export { collectRuns } from './collectRuns.js';
export type { CollectOptions } from './collectRuns.js';
export { classifyArtifact } from './classifyArtifact.js';
export type { ArtifactClass } from './classifyArtifact.js';
export { renderNotebooks, defaultJupyter, executedNotebooksDir } from './renderNotebooks.js';
export { indexPage, MAX_TABLE_COLUMNS } from './indexPage.js';
export { runPage, PLOTLY_RENDER_SCRIPT } from './runPage.js';
export { comparePage } from './comparePage.js';
export { notebooksPage } from './notebooksPage.js';
export { escapeHtml, scriptJson, formatNumber, hrefPath, page } from './html.js';
export type { PageOptions } from './html.js';
export { shortCommit, startText, durationText, runPagePath, varyingParams } from './runLabels.js';
export { toDisplayBytes, imagePngDataUrl, segmentationOverlay, imageQuality, svgImgHtml } from './notebookHelpers.js';
