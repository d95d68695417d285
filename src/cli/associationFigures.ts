/**
 * Figures of a single-exposure association for `vesselprint associate` (`--out` and the MLflow
 * run): Kaplan–Meier curves by exposure tertile with numbers at risk (Cox), and the spline
 * dose–response curve when the exposure is `rcs(x, k)`.
 */
import type { AssociateReport } from '../learn/analysis/runAssociate.js';
import type { AssociateConfig } from '../learn/analysis/config.js';
import { toNumber, type Row } from '../learn/types.js';
import { groupsByTertile, kaplanMeierFigure } from '../plot/kaplanMeier.js';
import { doseResponseFigure } from '../plot/doseResponse.js';
import type { Figure } from '../plot/types.js';
import { featureLabel } from '../features/featureLabel.js';

/** `{ 'km_by_tertile': …, 'dose_response': … }` as they apply (possibly empty). */
export function associationFigures(rows: readonly Row[], cfg: AssociateConfig, r: AssociateReport): Record<string, Figure> {
  const figs: Record<string, Figure> = {};
  if (r.family === 'cox' && cfg.time !== undefined && cfg.event !== undefined) {
    const ok = rows.filter((q) => [q[r.exposure], q[cfg.time!], q[cfg.event!]].every((v) => toNumber(v) !== undefined));
    const n = (q: Row, c: string): number => toNumber(q[c])!;
    figs.km_by_tertile = kaplanMeierFigure(
      groupsByTertile(
        ok.map((q) => n(q, r.exposure)),
        ok.map((q) => n(q, cfg.time!)),
        ok.map((q) => n(q, cfg.event!)),
        featureLabel(r.exposure).text,
      ),
      { xLabel: featureLabel(cfg.time).text, title: `${cfg.event} by thirds of ${featureLabel(r.exposure).text}` },
    );
  }
  if (r.dose_response) {
    const ratio = r.family !== 'gaussian';
    figs.dose_response = doseResponseFigure(r.dose_response, {
      scale: ratio ? 'ratio' : 'beta',
      xLabel: featureLabel(r.exposure).text,
      yLabel:
        r.family === 'cox'
          ? 'Hazard ratio vs reference'
          : r.family === 'binomial'
            ? 'Odds ratio vs reference'
            : `Difference in ${r.outcome} vs reference`,
    });
  }
  return figs;
}
