import type { PerfusionMaps } from './types.js';
import type { DetectedCapillary } from './detectCapillaries.js';

/** Options of {@link recordingMeasures}. */
export interface RecordingMeasuresOptions {
  /** Guard zone inside the analysed field's border, µm: capillaries are counted when their centroid lies in the inner (counting) field, whose area is the denominator of densities; it should be at least half the longest capillary. Default 40. */
  guardUm?: number;
}

export const DEFAULT_RECORDING_MEASURES: Required<RecordingMeasuresOptions> = { guardUm: 40 };

/** The counting field: the analysed field less a guard zone, in reference-frame pixels. */
export interface CountingField {
  row0: number;
  col0: number;
  rows: number;
  cols: number;
}

/** The analysed field of `maps` shrunk by `guardUm` on every side (never below one pixel). */
export function countingField(maps: PerfusionMaps, guardUm: number): CountingField {
  const g = Math.min(Math.round(guardUm / maps.spacingUm), Math.floor((Math.min(maps.width, maps.height) - 1) / 2));
  return { row0: maps.row0 + g, col0: maps.col0 + g, rows: maps.height - 2 * g, cols: maps.width - 2 * g };
}

/** True when a point (reference-frame px) lies in the field (pixel centres: half-open at −0.5). */
export function inField(p: { row: number; col: number }, f: CountingField): boolean {
  return p.row >= f.row0 - 0.5 && p.row < f.row0 + f.rows - 0.5 && p.col >= f.col0 - 0.5 && p.col < f.col0 + f.cols - 0.5;
}

/** Per-recording measures (flat, units in the names). */
export interface RecordingMeasures {
  frames_total: number;
  frames_used: number;
  frames_dropped_blur: number;
  frames_dropped_motion: number;
  frames_dropped_registration: number;
  /** RMS displacement of the kept frames about their mean, µm (hand motion). */
  motion_rms_um: number;
  /** Median focus of kept frames / median focus of the reference frames. */
  focus_ratio_median: number;
  /** Area of the counting field, mm². */
  field_area_mm2: number;
  capillary_count: number;
  capillary_density_per_mm2: number;
  perfused_count: number;
  perfused_density_per_mm2: number;
  perfused_fraction: number;
  nn_distance_um: number;
  clark_evans_r: number;
  apex_diameter_mean_um: number;
  capillary_length_mean_um: number;
}

/**
 * Measures of one recording: capillary count and density per mm² of the counting field (the pixels
 * every kept frame covers, less a guard zone of `guardUm`: a capillary cut by the border is still
 * seen whole when its centroid is inside the counting field, so border capillaries are neither lost
 * nor counted from a fragment — the guard-area rule of stereology), perfused count, density and fraction, mean nearest-neighbour distance
 * between capillary centroids r̄ (µm, brute force) and the Clark–Evans aggregation index
 * R = r̄ / (0.5 / √ρ) with ρ = count / area (R = 1 for a Poisson pattern, < 1 clustered, > 1 regular; no edge
 * correction), and QC (frames kept and dropped, motion RMS, focus).
 * NaN where undefined: nn and R need two capillaries, fractions and means one.
 *
 * Reference: P. J. Clark & F. C. Evans, "Distance to nearest neighbor as a measure of spatial relationships in
 * populations", Ecology 35(4):445–453, 1954, doi:10.2307/1931034.
 *
 * @example recordingMeasures(maps, detection.capillaries).capillary_density_per_mm2
 */
export function recordingMeasures(
  maps: PerfusionMaps,
  detected: readonly DetectedCapillary[],
  options: RecordingMeasuresOptions = {},
): RecordingMeasures {
  const s = maps.spacingUm;
  const field = countingField(maps, options.guardUm ?? DEFAULT_RECORDING_MEASURES.guardUm);
  const area = field.rows * field.cols * (s / 1000) ** 2;
  const caps = detected.filter((c) => inField(c, field));
  const n = caps.length;
  let nnSum = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < n; j++) if (j !== i) best = Math.min(best, Math.hypot(caps[i]!.row - caps[j]!.row, caps[i]!.col - caps[j]!.col));
    nnSum += best;
  }
  const nn = n >= 2 ? (nnSum / n) * s : NaN;
  const density = n / area;
  const perfused = caps.filter((c) => c.perfused).length;
  const kept = maps.frames.filter((f) => f.dropped === null);
  const mr = kept.reduce((a, f) => a + f.dRow, 0) / kept.length,
    mc = kept.reduce((a, f) => a + f.dCol, 0) / kept.length;
  const rms = Math.sqrt(kept.reduce((a, f) => a + (f.dRow - mr) ** 2 + (f.dCol - mc) ** 2, 0) / kept.length) * s;
  const lead = maps.frames
    .slice(0, maps.referenceFrames)
    .map((f) => f.focus)
    .sort((a, b) => a - b);
  const refFocus = lead[Math.floor((lead.length - 1) / 2)]!;
  const foc = kept.map((f) => f.focus / refFocus).sort((a, b) => a - b);
  const mean = (f: (c: DetectedCapillary) => number): number => (n > 0 ? caps.reduce((a, c) => a + f(c), 0) / n : NaN);
  return {
    frames_total: maps.framesTotal,
    frames_used: maps.framesUsed,
    frames_dropped_blur: maps.dropped.blur,
    frames_dropped_motion: maps.dropped.motion,
    frames_dropped_registration: maps.dropped.registration,
    motion_rms_um: rms,
    focus_ratio_median: foc[Math.floor((foc.length - 1) / 2)]!,
    field_area_mm2: area,
    capillary_count: n,
    capillary_density_per_mm2: density,
    perfused_count: perfused,
    perfused_density_per_mm2: perfused / area,
    perfused_fraction: n > 0 ? perfused / n : NaN,
    nn_distance_um: nn,
    clark_evans_r: n >= 2 ? nn / (0.5 / Math.sqrt(density / 1e6)) : NaN,
    apex_diameter_mean_um: mean((c) => c.apexDiameterUm),
    capillary_length_mean_um: mean((c) => c.lengthUm),
  };
}
