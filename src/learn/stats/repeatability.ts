/**
 * Repeatability of every feature of a long table with repeated acquisitions (one row per subject
 * × occasion, occasion = eye, visit or grader): per feature ICC(2,1)/ICC(3,1) with McGraw & Wong
 * CIs, SEM, MDC95 ({@link iccWithCi}) and Bland–Altman agreement of the first two occasions
 * ({@link blandAltman}); features ranked by ICC(2,1), highest first.
 */
import { VesselprintError } from '../../core/errors.js';
import { isMissing, toNumber, type Row } from '../types.js';
import { blandAltman, type BlandAltmanResult } from './blandAltman.js';
import { iccWithCi } from './icc.js';

export interface RepeatabilityOptions {
  /** Subject (or eye) id column. Required. */
  id: string;
  /** Occasion column (eye | visit | grader); its sorted levels are the ICC columns. Required. */
  by: string;
  /** Feature columns. Required, ≥ 1. */
  features: readonly string[];
  /** Confidence level of ICC and Bland–Altman CIs. Default 0.95. */
  level?: number;
  /** Table name for error messages. */
  source?: string;
}

/** One feature's reliability (keys are the CLI's `--json` contract). */
export interface RepeatabilityRow {
  feature: string;
  /** Subjects measured on every occasion (complete cases for this feature). */
  n: number;
  /** Occasions (levels of `by`). */
  k: number;
  icc2: number;
  icc2_ci_low: number;
  icc2_ci_high: number;
  icc3: number;
  icc3_ci_low: number;
  icc3_ci_high: number;
  sem: number;
  mdc95: number;
  /** Bland–Altman of occasion 2 − occasion 1 (sorted levels). */
  ba_bias: number;
  ba_loa_low: number;
  ba_loa_high: number;
  ba_bias_ci_low: number;
  ba_bias_ci_high: number;
  /** Set (and the numbers NaN) when this feature could not be analysed. */
  error?: string;
}

export interface RepeatabilityResult {
  /** Sorted occasion levels; Bland–Altman compares levels[1] − levels[0]. */
  levels: string[];
  /** Ranked by icc2 (descending; failures last). */
  rows: RepeatabilityRow[];
  /** Per feature, the Bland–Altman detail (for figures). */
  blandAltman: Record<string, BlandAltmanResult>;
}

const sortLevels = (lv: string[]): string[] =>
  lv.every((l) => toNumber(l) !== undefined) ? lv.sort((a, b) => Number(a) - Number(b)) : lv.sort();

/**
 * @throws VesselprintError MANIFEST_FIELD for a missing column or a subject measured twice on one
 * occasion (naming the row); BAD_ARGUMENT with fewer than 2 occasions. A feature that cannot be
 * analysed (too few complete subjects, a label value) becomes a row with `error`.
 * @example repeatability(rows, { id: 'eye_id', by: 'session', features: ['vascular.fractal_dimension_box'] }).rows[0].icc2
 */
export function repeatability(rows: readonly Row[], options: RepeatabilityOptions): RepeatabilityResult {
  const { id, by, features } = options;
  const src = options.source !== undefined ? { path: options.source } : {};
  if (features.length === 0) throw new VesselprintError('BAD_ARGUMENT', 'repeatability: no feature columns given', { field: 'features' });
  for (const c of [id, by, ...features]) {
    if (!rows.some((r) => Object.prototype.hasOwnProperty.call(r, c)))
      throw new VesselprintError('MANIFEST_FIELD', `column "${c}" does not exist in the table`, { ...src, field: c });
  }
  const levels = sortLevels([...new Set(rows.filter((r) => !isMissing(r[by])).map((r) => String(r[by])))]);
  if (levels.length < 2)
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `repeatability: column "${by}" has ${levels.length} level(s); need ≥ 2 occasions per subject`,
      { ...src, field: by },
    );
  const cell = new Map<string, number[]>(); // subject → row index per level
  rows.forEach((r, i) => {
    if (isMissing(r[id]) || isMissing(r[by])) return;
    const s = String(r[id]);
    const slot = cell.get(s) ?? new Array<number>(levels.length).fill(-1);
    const j = levels.indexOf(String(r[by]));
    if (slot[j]! >= 0)
      throw new VesselprintError(
        'MANIFEST_FIELD',
        `subject "${s}" has two rows for ${by} = "${levels[j]}" (rows ${slot[j]! + 1} and ${i + 1})`,
        { ...src, row: i + 1, field: by },
      );
    slot[j] = i;
    cell.set(s, slot);
  });
  const out: RepeatabilityRow[] = [];
  const ba: Record<string, BlandAltmanResult> = {};
  const k = levels.length;
  for (const f of features) {
    try {
      const data: number[] = [];
      let n = 0;
      for (const slot of cell.values()) {
        if (slot.some((ri) => ri < 0 || isMissing(rows[ri]![f]))) continue;
        const vals = slot.map((ri) => toNumber(rows[ri]![f]));
        const bad = vals.findIndex((v) => v === undefined);
        if (bad >= 0)
          throw new VesselprintError('MANIFEST_FIELD', `expected a number, got "${String(rows[slot[bad]!]![f])}"`, {
            ...src,
            row: slot[bad]! + 1,
            field: f,
          });
        data.push(...(vals as number[]));
        n++;
      }
      if (n < 3) throw new VesselprintError('EMPTY_INPUT', `only ${n} subject(s) measured on all ${k} occasions (need ≥ 3)`, { field: f });
      const r = iccWithCi(
        { data: Float64Array.from(data), nRows: n, nCols: k },
        options.level !== undefined ? { level: options.level } : {},
      );
      const b = blandAltman(
        Array.from({ length: n }, (_, i) => data[i * k + 1]!),
        Array.from({ length: n }, (_, i) => data[i * k]!),
        { what: f, ...(options.level !== undefined ? { level: options.level } : {}) },
      );
      ba[f] = b;
      out.push({
        feature: f,
        n,
        k,
        icc2: r.icc2,
        icc2_ci_low: r.icc2CiLow,
        icc2_ci_high: r.icc2CiHigh,
        icc3: r.icc3,
        icc3_ci_low: r.icc3CiLow,
        icc3_ci_high: r.icc3CiHigh,
        sem: r.sem,
        mdc95: r.mdc95,
        ba_bias: b.bias,
        ba_loa_low: b.loaLow,
        ba_loa_high: b.loaHigh,
        ba_bias_ci_low: b.biasCi[0],
        ba_bias_ci_high: b.biasCi[1],
      });
    } catch (e) {
      if (!(e instanceof VesselprintError)) throw e;
      out.push({
        feature: f,
        n: 0,
        k,
        icc2: NaN,
        icc2_ci_low: NaN,
        icc2_ci_high: NaN,
        icc3: NaN,
        icc3_ci_low: NaN,
        icc3_ci_high: NaN,
        sem: NaN,
        mdc95: NaN,
        ba_bias: NaN,
        ba_loa_low: NaN,
        ba_loa_high: NaN,
        ba_bias_ci_low: NaN,
        ba_bias_ci_high: NaN,
        error: e.message,
      });
    }
  }
  out.sort((a, b) => (Number.isNaN(a.icc2) ? 1 : 0) - (Number.isNaN(b.icc2) ? 1 : 0) || b.icc2 - a.icc2);
  return { levels, rows: out, blandAltman: ba };
}
