/** Types shared by the capillaroscopy modules. */

/** Why a frame was left out of the perfusion maps. */
export type DropReason = 'blur' | 'motion' | 'registration';

/** Registration and QC record of one frame. */
export interface FrameRecord {
  /** 0-based frame index in the recording. */
  index: number;
  /** Displacement of the frame's content relative to the reference frame, px (frame(r, c) ≈ reference(r − dRow, c − dCol)). */
  dRow: number;
  dCol: number;
  /** Height of the coarse phase-correlation surface at the registered shift (the peak, for frames registered by phase correlation), 0–1. */
  peak: number;
  /** Focus: band-pass (0.04–0.15 cycles/px) spectral energy less the white-noise floor, / mean², over the registration window (dimensionless). */
  focus: number;
  /** Reason the frame was dropped, or null when kept. */
  dropped: DropReason | null;
}

/**
 * Temporal maps of a stabilised recording over the analysed field (the pixels every kept frame
 * covers), in reference-frame coordinates offset by (row0, col0). Intensities are gain-corrected
 * grey levels of the analysed channel.
 */
export interface PerfusionMaps {
  width: number;
  height: number;
  /** Top-left of the field in the reference frame, px. */
  row0: number;
  col0: number;
  spacingUm: number;
  mean: Float32Array;
  min: Float32Array;
  /** Temporal standard deviation (population, divisor N). */
  sd: Float32Array;
  framesTotal: number;
  framesUsed: number;
  dropped: Record<DropReason, number>;
  /** Number of leading frames whose mean is the registration reference (shifts are relative to that mean image). */
  referenceFrames: number;
  frames: FrameRecord[];
}
