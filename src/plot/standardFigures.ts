/**
 * The standard SHAP figure set of a table explanation: beeswarm, bar, dependence of the most
 * important feature (coloured by its strongest partner) and the waterfall of the row with the
 * highest model output. Pure: returns specs keyed by file stem.
 */
import type { TableExplanation } from '../explain/explainTable.js';
import { meanAbsShap } from './shapOrder.js';
import { shapBar } from './shapBar.js';
import { shapBeeswarm } from './shapBeeswarm.js';
import { shapDependence } from './shapDependence.js';
import { shapWaterfall } from './shapWaterfall.js';
import type { Figure } from './types.js';
import { VesselprintError } from '../core/errors.js';

/** Human names of the explained models, for figure titles. */
const MODEL_NAMES: Record<TableExplanation['model'], string> = {
  logistic: 'logistic regression',
  rf: 'random forest',
  gbm: 'gradient boosting',
  tree: 'decision tree',
};

/**
 * Builds the set; `displayNames` (default: the column names) label the features, e.g.
 * `t.features.map((f) => featureLabel(f).text)` for labels with units. Every figure is titled with the model it explains (`SHAP: logistic regression,
 * log-odds`), so a page that reports one model never shows another's explanation unlabelled.
 * @example Object.keys(standardShapFigures(explainTable(rows, { outcome: 'dm', model: 'gbm' }))) // ['shap_beeswarm', 'shap_bar', 'shap_dependence', 'shap_waterfall']
 */
export function standardShapFigures(
  t: TableExplanation,
  maxDisplay = 10,
  displayNames: readonly string[] = t.features,
): Record<string, Figure> {
  const title = `SHAP: ${MODEL_NAMES[t.model]}${t.explanation.outputScale === 'raw' ? '' : `, ${t.explanation.outputScale}`}`;
  const titled = (f: Figure): Figure => ({ data: f.data, layout: { ...f.layout, title: { text: title } } });
  if (displayNames.length !== t.features.length)
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `standardShapFigures: ${displayNames.length} display names for ${t.features.length} features`,
    );
  const names = [...displayNames];
  const e = t.explanation;
  const imp = meanAbsShap(e);
  let top = 0;
  for (let j = 1; j < imp.length; j++) if (imp[j]! > imp[top]!) top = j;
  let best = 0;
  for (let r = 1; r < e.nRows; r++) if (e.output[r]! > e.output[best]!) best = r;
  return {
    shap_beeswarm: titled(shapBeeswarm(e, t.featureValues, names, { maxDisplay })),
    shap_bar: titled(shapBar(e, names, { maxDisplay })),
    shap_dependence: titled(shapDependence(e, t.featureValues, names, names[top]!)),
    shap_waterfall: titled(shapWaterfall(e, names, best, { maxDisplay, featureValues: t.featureValues })),
  };
}
