import { VesselprintError } from '../core/errors.js';

/** The three capillaroscopy phases of a visit. */
export type CapillaroscopyPhase = 'baseline' | 'hyperaemia' | 'congestion';
export const CAPILLAROSCOPY_PHASES: readonly CapillaroscopyPhase[] = ['baseline', 'hyperaemia', 'congestion'];

/** Capillary recruitment of one visit (flat, units in the names; NaN where a phase is missing). */
export interface Recruitment {
  density_baseline_per_mm2: number;
  density_hyperaemia_per_mm2: number;
  density_congestion_per_mm2: number;
  /** Peak post-occlusive hyperaemia − baseline, capillaries per mm². */
  recruitment_hyperaemia_per_mm2: number;
  /** (hyperaemia − baseline) / baseline × 100, %. */
  recruitment_hyperaemia_pct: number;
  /** Venous congestion − baseline, capillaries per mm². */
  recruitment_congestion_per_mm2: number;
  /** (congestion − baseline) / baseline × 100, %. */
  recruitment_congestion_pct: number;
}

/**
 * Capillary recruitment from the capillary densities of one visit's three recordings: absolute
 * (density at peak reactive hyperaemia or during venous congestion minus baseline, per mm²) and
 * relative ((peak − baseline) / baseline × 100 %), as in skin capillary videomicroscopy studies of
 * microvascular function.
 *
 * Reference: E. H. Serné, R. O. B. Gans, J. C. ter Maaten, G.-J. Tangelder, A. J. M. Donker & C. D. A. Stehouwer,
 * "Impaired skin capillary recruitment in essential hypertension is caused by both functional and structural
 * capillary rarefaction", Hypertension 38(2):238–242, 2001, doi:10.1161/01.HYP.38.2.238.
 *
 * @throws VesselprintError BAD_ARGUMENT when a density is negative
 * @example recruitment({ baseline: 60, hyperaemia: 75, congestion: 84 }).recruitment_hyperaemia_pct // 25
 */
export function recruitment(density: Partial<Record<CapillaroscopyPhase, number>>): Recruitment {
  for (const p of CAPILLAROSCOPY_PHASES) {
    const v = density[p];
    if (v !== undefined && !(v >= 0) && !Number.isNaN(v))
      throw new VesselprintError('BAD_ARGUMENT', `recruitment: density at ${p} must be ≥ 0, got ${v}`, { field: p });
  }
  const b = density.baseline ?? NaN,
    h = density.hyperaemia ?? NaN,
    c = density.congestion ?? NaN;
  const pct = (x: number): number => (b > 0 ? ((x - b) / b) * 100 : NaN);
  return {
    density_baseline_per_mm2: b,
    density_hyperaemia_per_mm2: h,
    density_congestion_per_mm2: c,
    recruitment_hyperaemia_per_mm2: h - b,
    recruitment_hyperaemia_pct: pct(h),
    recruitment_congestion_per_mm2: c - b,
    recruitment_congestion_pct: pct(c),
  };
}
