/**
 * The Cox step of `associate(…, { family: 'cox' })`: fits a Cox model on a regression design
 * (from `buildDesign`, outcome = the event column), dropping the intercept, reading follow-up
 * time and strata from the rows, and returns the fit re-expressed on the full design (intercept
 * slot 0 with a dummy variance) so that design column indices stay valid for contrasts and Wald
 * tests, plus the Schoenfeld PH tests of the model-based fit.
 */
import { VesselprintError } from '../../core/errors.js';
import { toNumber, type Row } from '../types.js';
import { clusterIndex, type ClusterIndex } from '../stats/cluster.js';
import type { DesignMatrix } from '../stats/designMatrix.js';
import type { RegressionFit } from '../stats/regressionTypes.js';
import { coxFit, type CoxTies } from './cox.js';
import { coxPhTest, type PhTestRow } from './phTest.js';

export interface CoxOnDesignOptions {
  /** Follow-up time column. */
  time: string;
  strata?: string;
  ties?: CoxTies;
  clusters?: ClusterIndex;
  level?: number;
  source?: string;
}

/**
 * @throws VesselprintError MANIFEST_FIELD for a missing/negative time (naming the table row), and the errors of {@link coxFit}.
 * @example coxOnDesign(rows, buildDesign(rows, parseFormula('event ~ x + age'), { binaryOutcome: true, require: ['years'] }), { time: 'years' }).fit.coef
 */
export function coxOnDesign(
  rows: readonly Row[],
  d: DesignMatrix,
  o: CoxOnDesignOptions,
): { fit: RegressionFit; nEvents: number; phTest: PhTestRow[] } {
  const time = Float64Array.from(d.rowIndex, (i) => {
    const t = toNumber(rows[i]![o.time]);
    if (t === undefined || !(t >= 0))
      throw new VesselprintError('MANIFEST_FIELD', `follow-up time must be a number ≥ 0, got "${String(rows[i]![o.time])}"`, {
        ...(o.source !== undefined ? { path: o.source } : {}),
        row: i + 1,
        field: o.time,
      });
    return t;
  });
  const strata = o.strata !== undefined ? clusterIndex(d.rowIndex.map((i) => rows[i]![o.strata!])).index : undefined;
  const pc = d.p - 1;
  const xc = new Float64Array(d.n * pc);
  for (let i = 0; i < d.n; i++) for (let j = 1; j < d.p; j++) xc[i * pc + j - 1] = d.x[i * d.p + j]!;
  const coxOpts = {
    names: d.names.slice(1),
    ...(o.level !== undefined ? { level: o.level } : {}),
    ...(o.ties ? { ties: o.ties } : {}),
    ...(strata ? { strata } : {}),
  };
  const model = coxFit(xc, d.n, pc, time, d.y, coxOpts);
  const c = o.clusters ? coxFit(xc, d.n, pc, time, d.y, { ...coxOpts, clusters: o.clusters }) : model;
  const pad = (v: Float64Array, first = 0): Float64Array => Float64Array.from([first, ...v]);
  const cov = new Float64Array(d.p * d.p);
  for (let i = 1; i < d.p; i++) for (let j = 1; j < d.p; j++) cov[i * d.p + j] = c.cov[(i - 1) * pc + j - 1]!;
  cov[0] = 1;
  const fit: RegressionFit = {
    family: 'cox',
    names: d.names,
    coef: pad(c.coef),
    se: pad(c.se),
    stat: pad(c.stat),
    p: pad(c.p, NaN),
    ciLow: pad(c.ciLow),
    ciHigh: pad(c.ciHigh),
    cov,
    covType: c.covType,
    useT: false,
    n: d.n,
    ...(o.clusters ? { nClusters: o.clusters.nClusters } : {}),
    dfModel: pc,
    dfResid: d.n - pc,
    logLik: c.logLik,
    aic: -2 * c.logLik + 2 * pc,
    bic: -2 * c.logLik + Math.log(c.nEvents) * pc,
  };
  return { fit, nEvents: c.nEvents, phTest: coxPhTest(model, xc, d.n, pc, time, d.y, strata) };
}
