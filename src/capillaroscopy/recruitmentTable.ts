import type { FeatureRow } from '../table/types.js';
import { CAPILLAROSCOPY_PHASES, recruitment, type CapillaroscopyPhase, type Recruitment } from './recruitment.js';

/** Feature-table column holding a recording's capillary density (written by `extract` for rows with a phase). */
export const DENSITY_COLUMN = 'capillaroscopy.capillary_density_per_mm2';

/**
 * One row per subject visit with capillaroscopy recordings: `subject_id`, `visit`, the number of
 * phases found and the {@link recruitment} columns (prefixed `capillaroscopy.`), from feature rows that
 * carry `phase` and {@link DENSITY_COLUMN}. When a visit has two recordings of one phase their mean
 * density is used. Rows are sorted by subject and visit.
 *
 * @example recruitmentRows([{ subject_id: 'S1', visit: '1', phase: 'baseline', 'capillaroscopy.capillary_density_per_mm2': 60 }, …])
 */
export function recruitmentRows(rows: readonly FeatureRow[]): FeatureRow[] {
  const visits = new Map<string, { subject: string; visit: string; sums: Map<CapillaroscopyPhase, number[]> }>();
  for (const r of rows) {
    const phase = r.phase,
      d = r[DENSITY_COLUMN];
    if (
      typeof phase !== 'string' ||
      !(CAPILLAROSCOPY_PHASES as readonly string[]).includes(phase) ||
      typeof d !== 'number' ||
      !Number.isFinite(d)
    )
      continue;
    const subject = String(r.subject_id ?? ''),
      visit = String(r.visit ?? '');
    const key = JSON.stringify([subject, visit]);
    let v = visits.get(key);
    if (!v) {
      v = { subject, visit, sums: new Map() };
      visits.set(key, v);
    }
    const list = v.sums.get(phase as CapillaroscopyPhase) ?? [];
    list.push(d);
    v.sums.set(phase as CapillaroscopyPhase, list);
  }
  const out: FeatureRow[] = [];
  for (const v of [...visits.values()].sort((a, b) => a.subject.localeCompare(b.subject) || a.visit.localeCompare(b.visit))) {
    const dens: Partial<Record<CapillaroscopyPhase, number>> = {};
    for (const [p, list] of v.sums) dens[p] = list.reduce((a, b) => a + b, 0) / list.length;
    const row: FeatureRow = { subject_id: v.subject, visit: v.visit, 'capillaroscopy.phases': v.sums.size };
    for (const [k, val] of Object.entries(recruitment(dens)) as [keyof Recruitment, number][])
      row[`capillaroscopy.${k}`] = Number.isFinite(val) ? val : null;
    out.push(row);
  }
  return out;
}
