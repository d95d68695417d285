import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { encodeTiffStack } from '../io/encodeTiffStack.js';
import { toCsv } from './csv.js';
import type { SkinScene } from './skinVideoScene.js';
import type { SkinRecording } from './skinVideo.js';
import { recordingTruth } from './skinVideoTruth.js';

/** Columns of a recording's capillary truth table (scene coordinates = frame coordinates at zero motion). */
export const RECORDING_TRUTH_COLUMNS = ['capillary_id', 'row_px', 'col_px', 'view', 'diameter_um', 'state', 'in_frame'] as const;
/** Columns of a recording's per-frame truth table. */
export const FRAME_TRUTH_COLUMNS = ['frame', 'shift_row_px', 'shift_col_px', 'jerk', 'defocus', 'gain'] as const;

/**
 * Writes a synthetic recording as `<name>.tif` (multi-page 8-bit TIFF with fps and spacing, see
 * {@link encodeTiffStack}), `<name>_capillaries.csv` (every scene capillary and its state) and
 * `<name>_frames.csv` (true shift, jerk/defocus flags and gain of every frame) in `dir`; returns the paths.
 */
export function writeSkinRecording(
  dir: string,
  name: string,
  scene: SkinScene,
  rec: SkinRecording,
): { video: string; capillaries: string; frames: string } {
  mkdirSync(dir, { recursive: true });
  const video = join(dir, `${name}.tif`);
  writeFileAtomic(
    video,
    encodeTiffStack(
      rec.frames.map((f) => f.data),
      scene.width,
      scene.height,
      { fps: rec.fps, spacingUm: rec.spacingUm },
    ),
  );
  const capillaries = join(dir, `${name}_capillaries.csv`);
  writeFileAtomic(
    capillaries,
    toCsv(
      RECORDING_TRUTH_COLUMNS,
      recordingTruth(scene, rec.states).rows.map((r) => ({ ...r })),
    ),
  );
  const frames = join(dir, `${name}_frames.csv`);
  writeFileAtomic(
    frames,
    toCsv(
      FRAME_TRUTH_COLUMNS,
      rec.frameTruth.map((f, i) => ({
        frame: i,
        shift_row_px: f.shiftRow,
        shift_col_px: f.shiftCol,
        jerk: f.jerk ? 1 : 0,
        defocus: f.defocus ? 1 : 0,
        gain: f.gain,
      })),
    ),
  );
  return { video, capillaries, frames };
}
