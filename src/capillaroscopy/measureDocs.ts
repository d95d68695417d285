/** Unit and definition of every per-recording measure (`capillaroscopy.<key>` columns; docs/capillaroscopy.md). */
/** Label (for axes), unit (ASCII, as in the data dictionary) and definition of one measure. */
export interface MeasureDoc {
  label: string;
  unit: string;
  definition: string;
}

export const RECORDING_MEASURE_DOCS: Readonly<Record<string, MeasureDoc>> = {
  frames_total: { label: 'Frames in the recording', unit: 'frames', definition: 'frames in the recording' },
  frames_used: { label: 'Frames used', unit: 'frames', definition: 'frames kept after QC (blur, motion, registration)' },
  frames_dropped_blur: {
    label: 'Frames dropped for blur',
    unit: 'frames',
    definition: 'frames dropped for defocus or motion blur (focus < 0.5 × median of the first 10)',
  },
  frames_dropped_motion: {
    label: 'Frames dropped for motion',
    unit: 'frames',
    definition: 'frames dropped for displacement beyond a quarter of the registration window',
  },
  frames_dropped_registration: {
    label: 'Frames dropped for registration',
    unit: 'frames',
    definition: 'frames dropped for a phase-correlation peak below 0.05',
  },
  motion_rms_um: { label: 'RMS motion', unit: 'um', definition: 'RMS displacement of the kept frames about their mean' },
  focus_ratio_median: {
    label: 'Median focus ratio',
    unit: '1',
    definition: 'median focus of kept frames / median focus of the first 10 frames',
  },
  field_area_mm2: {
    label: 'Counting field area',
    unit: 'mm2',
    definition: 'counting field: pixels every kept frame covers, less a 40 um guard zone',
  },
  capillary_count: {
    label: 'Capillary count',
    unit: 'capillaries',
    definition: 'capillaries holding red cells (dark on the temporal mean) with centroid in the counting field',
  },
  capillary_density_per_mm2: { label: 'Capillary density', unit: '1/mm2', definition: 'capillary_count / field_area_mm2' },
  perfused_count: {
    label: 'Perfused capillary count',
    unit: 'capillaries',
    definition: 'counted capillaries whose red cells move (temporal SD on the core > 2.5 × background)',
  },
  perfused_density_per_mm2: { label: 'Perfused capillary density', unit: '1/mm2', definition: 'perfused_count / field_area_mm2' },
  perfused_fraction: { label: 'Perfused fraction', unit: '1', definition: 'perfused_count / capillary_count' },
  nn_distance_um: {
    label: 'Nearest-neighbour distance',
    unit: 'um',
    definition: 'mean distance from each capillary centroid to the nearest other one',
  },
  clark_evans_r: {
    label: 'Clark–Evans index',
    unit: '1',
    definition: 'Clark–Evans index: nn distance / (0.5 / sqrt(density)); 1 random, <1 clustered, >1 regular',
  },
  apex_diameter_mean_um: {
    label: 'Mean apex diameter',
    unit: 'um',
    definition: "mean minor axis of the capillaries' equivalent ellipses (outer loop width at the apex; dot diameter end-on)",
  },
  capillary_length_mean_um: {
    label: 'Mean capillary length',
    unit: 'um',
    definition: "mean major axis of the capillaries' equivalent ellipses",
  },
  fps: { label: 'Frame rate', unit: '1/s', definition: 'frame rate (file or manifest)' },
  duration_used_s: { label: 'Duration used', unit: 's', definition: 'frames_used / fps' },
  pixel_spacing_um: { label: 'Pixel spacing', unit: 'um/px', definition: 'pixel spacing used' },
};

/**
 * Unit and definition of every per-visit recruitment measure (`recruitment.csv` columns, and the demo's
 * subject-level `skin.<key>` columns); computed by `recruitment()` (Serné et al. 2001).
 */
export const RECRUITMENT_MEASURE_DOCS: Readonly<Record<string, MeasureDoc>> = {
  density_baseline_per_mm2: {
    label: 'Capillary density at baseline',
    unit: '1/mm2',
    definition: "capillary_density_per_mm2 of the visit's baseline (rest) recording",
  },
  density_hyperaemia_per_mm2: {
    label: 'Capillary density at peak hyperaemia',
    unit: '1/mm2',
    definition: 'capillary_density_per_mm2 of the recording at peak post-occlusive reactive hyperaemia',
  },
  density_congestion_per_mm2: {
    label: 'Capillary density in venous congestion',
    unit: '1/mm2',
    definition: 'capillary_density_per_mm2 of the recording during venous congestion',
  },
  recruitment_hyperaemia_per_mm2: {
    label: 'Capillary recruitment at peak hyperaemia',
    unit: '1/mm2',
    definition: 'density at peak hyperaemia − density at baseline',
  },
  recruitment_hyperaemia_pct: {
    label: 'Capillary recruitment at peak hyperaemia',
    unit: '%',
    definition: '(density at peak hyperaemia − baseline) / baseline × 100',
  },
  recruitment_congestion_per_mm2: {
    label: 'Capillary recruitment in venous congestion',
    unit: '1/mm2',
    definition: 'density in venous congestion − density at baseline',
  },
  recruitment_congestion_pct: {
    label: 'Capillary recruitment in venous congestion',
    unit: '%',
    definition: '(density in venous congestion − baseline) / baseline × 100',
  },
};

/** The capillaroscopy reference cited in the data dictionary. */
export const CAPILLAROSCOPY_REFERENCE = 'docs/capillaroscopy.md; Serné et al. 2001, doi:10.1161/01.HYP.38.2.238';
