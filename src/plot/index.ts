/** Public API of plot/: Plotly spec builders (no I/O), the publication theme, static export. */
export type { Figure, PlotlyTrace, FigureSize } from './types.js';
export {
  OKABE_ITO,
  CATEGORY_COLORS,
  SHAP_DIVERGING,
  SIGNED_DIVERGING,
  MISSING_GREY,
  SHAP_POSITIVE,
  SHAP_NEGATIVE,
  lightness,
} from './palettes.js';
export { applyTheme, JOURNAL_WIDTH_MM, mmToPx, PX_PER_MM, PX_PER_PT, DEFAULT_THEME, type ThemeOptions } from './theme.js';
export { shapBeeswarm, clippedColour, type BeeswarmOptions } from './shapBeeswarm.js';
export { shapBar, type ShapBarOptions } from './shapBar.js';
export { shapDependence, autoInteraction, type DependenceOptions } from './shapDependence.js';
export { shapWaterfall, type WaterfallOptions } from './shapWaterfall.js';
export { rocPoints, rocBootstrapBand, tprAt, type RocPoints } from './rocCurve.js';
export { rocFigure, type RocCurveInput } from './rocFigure.js';
export { calibrationBins, calibrationFigure, wilson, type CalibrationBin } from './calibration.js';
export { blandAltmanFigure, type BlandAltmanFigureOptions } from './blandAltman.js';
export { kaplanMeierFigure, groupsByTertile, type KaplanMeierGroup, type KaplanMeierFigureOptions } from './kaplanMeier.js';
export { doseResponseFigure, type DoseResponseFigureOptions } from './doseResponse.js';
export { forestPlot, type ForestRow, type ForestOptions } from './forestPlot.js';
export { imageFigure, type Overlay, type ImageFigureOptions } from './imageOverlay.js';
export { trainingCurves, type TrainingCurveOptions } from './trainingCurves.js';
export { distributionsByGroup, type DistributionOptions } from './distributions.js';
export { withPngDpi, pngDpi, crc32 } from './pngDpi.js';
export {
  exportFigure,
  renderFigure,
  closeFigureExporter,
  findChromium,
  formatOf,
  type ExportOptions,
  type ExportFormat,
} from './export.js';
export { standardShapFigures } from './standardFigures.js';
export { logFigures, type FigureSink, type LogFiguresOptions } from './logFigures.js';
export { figureHtml, plotlyScriptHtml } from './html.js';
