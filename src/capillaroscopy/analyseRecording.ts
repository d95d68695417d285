import type { Image2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import { createPerfusionStack, type PerfusionStackOptions } from './perfusionStack.js';
import { detectCapillaries, type CapillaryDetection, type DetectCapillariesOptions } from './detectCapillaries.js';
import { recordingMeasures, type RecordingMeasures, type RecordingMeasuresOptions } from './recordingMeasures.js';
import type { PerfusionMaps } from './types.js';

/** Fewest usable frames for temporal maps (an SD over fewer frames says nothing about flow). */
export const MIN_FRAMES = 3;

/** Options of {@link analyseRecording}: those of its three steps, plus the recording's spacing and rate. */
export interface AnalyseRecordingOptions extends PerfusionStackOptions, DetectCapillariesOptions, RecordingMeasuresOptions {
  /** Frames per second (reported; default NaN when unknown). */
  fps?: number;
}

/** Output of {@link analyseRecording}. */
export interface RecordingAnalysis {
  maps: PerfusionMaps;
  detection: CapillaryDetection;
  measures: RecordingMeasures & { fps: number; duration_used_s: number; pixel_spacing_um: number };
}

/**
 * Analyses one capillaroscopy recording end to end: stabilise and accumulate perfusion maps while the
 * frames stream in ({@link createPerfusionStack}), detect capillaries and their perfusion
 * ({@link detectCapillaries}), and measure ({@link recordingMeasures}). Accepts any (async) iterable of
 * frames, e.g. `openVideo(path).frames()`.
 *
 * @throws VesselprintError BAD_ARGUMENT when no pixel spacing is known (give `spacingUm`); EMPTY_INPUT below {@link MIN_FRAMES} usable frames
 * @example const a = await analyseRecording((await openVideo('rec.tif')).frames(), { spacingUm: 2.5, fps: 30 }); a.measures.capillary_density_per_mm2
 */
export async function analyseRecording(
  frames: AsyncIterable<Image2D> | Iterable<Image2D>,
  options: AnalyseRecordingOptions = {},
): Promise<RecordingAnalysis> {
  const stack = createPerfusionStack(options);
  for await (const f of frames) stack.push(f);
  const maps = stack.finish();
  if (maps.framesUsed < MIN_FRAMES) {
    throw new VesselprintError(
      'EMPTY_INPUT',
      `only ${maps.framesUsed} of ${maps.framesTotal} frames are usable; flow needs at least ${MIN_FRAMES} (a still image shows no perfusion)`,
    );
  }
  if (!(maps.spacingUm > 0)) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      'the recording carries no pixel spacing: give spacingUm (µm per pixel, --spacing-um on the command line)',
      { field: 'spacingUm' },
    );
  }
  const detection = detectCapillaries(maps, options);
  const fps = options.fps ?? NaN;
  return {
    maps,
    detection,
    measures: {
      ...recordingMeasures(maps, detection.capillaries, options),
      fps,
      duration_used_s: maps.framesUsed / fps,
      pixel_spacing_um: maps.spacingUm,
    },
  };
}
