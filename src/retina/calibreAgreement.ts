/** CRAE/CRVE/AVR of one image by two methods. */
export interface CalibrePair {
  id: string;
  auto: { craeUm: number | null; crveUm: number | null; avr: number | null };
  manual: { craeUm: number | null; crveUm: number | null; avr: number | null };
}

/** One row of the agreement table: both values and the relative difference (auto − manual) / manual per measure. */
export type AgreementRow = {
  id: string;
  crae_auto_um: number | null;
  crae_manual_um: number | null;
  crae_rel_diff: number | null;
  crve_auto_um: number | null;
  crve_manual_um: number | null;
  crve_rel_diff: number | null;
  avr_auto: number | null;
  avr_manual: number | null;
  avr_rel_diff: number | null;
};

/** The table and, per measure, the mean relative difference and mean absolute relative difference over images where both exist. */
export interface AgreementTable {
  rows: AgreementRow[];
  summary: Record<'crae' | 'crve' | 'avr', { n: number; meanRelDiff: number | null; meanAbsRelDiff: number | null }>;
}

/**
 * Agreement of automatic and manual CRAE, CRVE and AVR, per image: relative difference
 * d = (auto − manual) / manual, and over the images its mean (bias) and mean |d|. The
 * Bland–Altman statistics and figure come from `learn/stats/blandAltman` and
 * `plot/blandAltman` (fed with the two columns of this table).
 *
 * @example calibreAgreement([{ id: 'a', auto: { craeUm: 110, crveUm: 200, avr: 0.55 }, manual: { craeUm: 100, crveUm: 200, avr: 0.5 } }]).rows[0].crae_rel_diff // 0.1
 */
export function calibreAgreement(pairs: readonly CalibrePair[]): AgreementTable {
  const rel = (a: number | null, m: number | null): number | null => (a !== null && m !== null && m !== 0 ? (a - m) / m : null);
  const rows = pairs.map((p) => ({
    id: p.id,
    crae_auto_um: p.auto.craeUm,
    crae_manual_um: p.manual.craeUm,
    crae_rel_diff: rel(p.auto.craeUm, p.manual.craeUm),
    crve_auto_um: p.auto.crveUm,
    crve_manual_um: p.manual.crveUm,
    crve_rel_diff: rel(p.auto.crveUm, p.manual.crveUm),
    avr_auto: p.auto.avr,
    avr_manual: p.manual.avr,
    avr_rel_diff: rel(p.auto.avr, p.manual.avr),
  }));
  const summarize = (
    k: 'crae_rel_diff' | 'crve_rel_diff' | 'avr_rel_diff',
  ): { n: number; meanRelDiff: number | null; meanAbsRelDiff: number | null } => {
    const d = rows.map((r) => r[k]).filter((x): x is number => x !== null);
    return {
      n: d.length,
      meanRelDiff: d.length ? d.reduce((s, x) => s + x, 0) / d.length : null,
      meanAbsRelDiff: d.length ? d.reduce((s, x) => s + Math.abs(x), 0) / d.length : null,
    };
  };
  return { rows, summary: { crae: summarize('crae_rel_diff'), crve: summarize('crve_rel_diff'), avr: summarize('avr_rel_diff') } };
}
