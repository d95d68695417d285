import { join } from 'node:path';
import type { ActiveRun } from '../track/activeRun.js';
import type { ModelReport } from '../learn/analysis/runModel.js';
import type { FeatureRow } from '../table/types.js';
import type { DemoAssociation } from './runDemo.js';
import { explainTable, explanationJson } from '../explain/explainTable.js';
import { standardShapFigures } from '../plot/standardFigures.js';
import { forestPlot } from '../plot/forestPlot.js';
import { rocPoints, rocBootstrapBand } from '../plot/rocCurve.js';
import { rocFigure } from '../plot/rocFigure.js';
import { calibrationBins, calibrationFigure } from '../plot/calibration.js';
import { distributionsByGroup } from '../plot/distributions.js';
import { logFigures } from '../plot/logFigures.js';
import { exportFigure, findChromium, closeFigureExporter } from '../plot/export.js';
import type { Figure } from '../plot/types.js';
import { featureLabel } from '../features/featureLabel.js';

export interface DemoFigureInputs {
  subjects: FeatureRow[];
  associations: DemoAssociation[];
  model: ModelReport;
  /** Features of the model (and of the SHAP explanation). */
  features: string[];
  outDir: string;
  seed: number;
}

/** Builds the demo study's figures (pure): forest plot, ROC with bootstrap band, calibration, SHAP set (of the reported logistic model), a distribution by diabetes. */
export function buildDemoFigures(d: DemoFigureInputs): { figures: Record<string, Figure>; shap: ReturnType<typeof explanationJson> } {
  const figures: Record<string, Figure> = {};
  const ok = d.associations.filter((a) => a.error === undefined);
  figures.association_forest = forestPlot(
    ok.map((a) => ({ label: featureLabel(a.feature).text, estimate: a.beta, lower: a.ci_low, upper: a.ci_high, p: a.p })),
    { xTitle: 'Difference with diabetes (SD), adjusted for age and sex' },
  );
  const oof = d.model.predictions.filter((p) => p.repeat === d.model.predictions[0]?.repeat);
  const y = oof.map((p) => p.y),
    s = oof.map((p) => p.pred);
  if (new Set(y).size === 2) {
    const roc = rocPoints(y, s);
    figures.model_roc = rocFigure([
      {
        label: 'Logistic model: fingerprint + age',
        ...roc,
        ...(d.model.auc_mean !== undefined ? { auc: d.model.auc_mean } : {}),
        ...(d.model.auc_ci_low !== undefined && d.model.auc_ci_high !== undefined
          ? { aucCi: [d.model.auc_ci_low, d.model.auc_ci_high] as const }
          : {}),
        band: rocBootstrapBand(y, s, { nBoot: 200, seed: d.seed }),
      },
    ]);
    figures.model_calibration = calibrationFigure([{ label: 'logistic (out-of-fold)', bins: calibrationBins(y, s, { nBins: 5 }) }]);
  }
  const top = [...ok].sort((a, b) => a.p - b.p)[0];
  if (top) {
    const vals: number[] = [],
      groups: string[] = [];
    for (const r of d.subjects) {
      const v = r[top.feature],
        g = r.diabetes;
      if (typeof v === 'number' && (g === 0 || g === 1)) {
        vals.push(v);
        groups.push(g === 1 ? 'diabetes' : 'no diabetes');
      }
    }
    figures.feature_by_diabetes = distributionsByGroup(vals, groups, {
      feature: featureLabel(top.feature).text,
      order: ['no diabetes', 'diabetes'],
    });
  }
  // SHAP of the model the study reports (L2 logistic, C = 1, as runModel fits it), not of another model.
  const t = explainTable(d.subjects, { outcome: 'diabetes', model: 'logistic', seed: d.seed, features: d.features });
  Object.assign(
    figures,
    standardShapFigures(
      t,
      8,
      t.features.map((f) => featureLabel(f).text),
    ),
  );
  return { figures, shap: explanationJson(t) };
}

/**
 * Logs the demo figures to the run (spec JSON with the data behind each figure, plus PDF and SVG
 * when Chromium is available) and exports PDF/SVG into `OUT/figures/` for the thesis.
 */
export async function demoFigures(run: ActiveRun, d: DemoFigureInputs): Promise<{ logged: number; exported: number; chromium: boolean }> {
  const { figures, shap } = buildDemoFigures(d);
  await run.logDict(shap, 'explain/shap_logistic.json');
  let chromium = true;
  try {
    findChromium();
  } catch {
    chromium = false;
  }
  try {
    const written = await logFigures(run, figures, { dir: 'figures', formats: chromium ? ['svg', 'png'] : [], widthMm: 120, heightMm: 90 });
    let exported = 0;
    if (chromium) {
      for (const [name, fig] of Object.entries(figures)) {
        await exportFigure(fig, join(d.outDir, 'figures', `${name}.pdf`), { widthMm: 120, heightMm: 90 });
        exported++;
      }
    }
    return { logged: written.filter((w) => w.endsWith('.json')).length, exported, chromium };
  } finally {
    if (chromium) await closeFigureExporter();
  }
}
