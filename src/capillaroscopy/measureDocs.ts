/** Unit and definition of every per-recording measure (`capillaroscopy.<key>` columns; docs/capillaroscopy.md). */
export const RECORDING_MEASURE_DOCS: Readonly<Record<string, { unit: string; definition: string }>> = {
  frames_total: { unit: 'frames', definition: 'frames in the recording' },
  frames_used: { unit: 'frames', definition: 'frames kept after QC (blur, motion, registration)' },
  frames_dropped_blur: { unit: 'frames', definition: 'frames dropped for defocus or motion blur (focus < 0.5 × median of the first 10)' },
  frames_dropped_motion: { unit: 'frames', definition: 'frames dropped for displacement beyond a quarter of the registration window' },
  frames_dropped_registration: { unit: 'frames', definition: 'frames dropped for a phase-correlation peak below 0.05' },
  motion_rms_um: { unit: 'um', definition: 'RMS displacement of the kept frames about their mean' },
  focus_ratio_median: { unit: '1', definition: 'median focus of kept frames / median focus of the first 10 frames' },
  field_area_mm2: { unit: 'mm2', definition: 'counting field: pixels every kept frame covers, less a 40 um guard zone' },
  capillary_count: { unit: 'capillaries', definition: 'capillaries holding red cells (dark on the temporal mean) with centroid in the counting field' },
  capillary_density_per_mm2: { unit: '1/mm2', definition: 'capillary_count / field_area_mm2' },
  perfused_count: { unit: 'capillaries', definition: 'counted capillaries whose red cells move (temporal SD on the core > 2.5 × background)' },
  perfused_density_per_mm2: { unit: '1/mm2', definition: 'perfused_count / field_area_mm2' },
  perfused_fraction: { unit: '1', definition: 'perfused_count / capillary_count' },
  nn_distance_um: { unit: 'um', definition: 'mean distance from each capillary centroid to the nearest other one' },
  clark_evans_r: { unit: '1', definition: 'Clark–Evans index: nn distance / (0.5 / sqrt(density)); 1 random, <1 clustered, >1 regular' },
  apex_diameter_mean_um: { unit: 'um', definition: 'mean minor axis of the capillaries\' equivalent ellipses (outer loop width at the apex; dot diameter end-on)' },
  capillary_length_mean_um: { unit: 'um', definition: 'mean major axis of the capillaries\' equivalent ellipses' },
  fps: { unit: '1/s', definition: 'frame rate (file or manifest)' },
  duration_used_s: { unit: 's', definition: 'frames_used / fps' },
  pixel_spacing_um: { unit: 'um/px', definition: 'pixel spacing used' },
};

/** The capillaroscopy reference cited in the data dictionary. */
export const CAPILLAROSCOPY_REFERENCE = 'docs/capillaroscopy.md; Serné et al. 2001, doi:10.1161/01.HYP.38.2.238';
