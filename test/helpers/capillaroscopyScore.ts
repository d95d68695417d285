import type { SkinScene } from '../../src/synth/skinVideoScene.js';
import type { SkinRecording } from '../../src/synth/skinVideo.js';
import { recordingTruth } from '../../src/synth/skinVideoTruth.js';
import type { RecordingAnalysis } from '../../src/capillaroscopy/analyseRecording.js';
import { countingField, inField, DEFAULT_RECORDING_MEASURES } from '../../src/capillaroscopy/recordingMeasures.js';

/** Scores of one analysed synthetic recording against its truth. */
export interface RecordingScore {
  countTruth: number;
  countFound: number;
  tpFlow: number;
  fpFlow: number;
  fnFlow: number;
  /** RMS over kept frames of the 2-D registration error, px (after removing the reference's constant offset). */
  regRmsPx: number;
  /** Largest 2-D registration error of a kept frame, px. */
  regMaxPx: number;
  densityTruth: number;
  densityFound: number;
  droppedBad: number;
  badFrames: number;
  /** Good (no jerk, no defocus) frames that QC dropped. */
  droppedGood: number;
}

/**
 * Scores an analysis against the synthetic truth. The analysis measures shifts relative to its own
 * reference image (the mean of the leading frames), i.e. up to one constant offset: the offset is the
 * median over kept frames of (estimated + true shift) and is removed before the registration error.
 * Detections are matched one-to-one to truth capillaries (nearest centroid within 6 px).
 */
export function scoreRecording(scene: SkinScene, rec: SkinRecording, a: RecordingAnalysis): RecordingScore {
  const kept = a.maps.frames.filter((f) => f.dropped === null);
  const med = (v: number[]): number => v.sort((x, y) => x - y)[Math.floor(v.length / 2)]!;
  const offR = med(kept.map((f) => f.dRow + rec.frameTruth[f.index]!.shiftRow));
  const offC = med(kept.map((f) => f.dCol + rec.frameTruth[f.index]!.shiftCol));
  const errs = kept.map((f) =>
    Math.hypot(f.dRow - (offR - rec.frameTruth[f.index]!.shiftRow), f.dCol - (offC - rec.frameTruth[f.index]!.shiftCol)),
  );
  const reg = Math.sqrt(errs.reduce((s, e) => s + e * e, 0) / errs.length);
  const cf = countingField(a.maps, DEFAULT_RECORDING_MEASURES.guardUm);
  const truth = recordingTruth(scene, rec.states, { row0: cf.row0 + offR, col0: cf.col0 + offC, rows: cf.rows, cols: cf.cols });
  const visible = scene.capillaries
    .map((c, i) => ({ row: c.row - offR, col: c.col - offC, state: rec.states[i]! }))
    .filter((c) => c.state !== 'empty');
  const found = a.detection.capillaries.filter((c) => inField(c, cf));
  const used = new Set<number>();
  let tpFlow = 0,
    fpFlow = 0;
  for (const d of found) {
    let best = -1,
      bd = 6;
    visible.forEach((t, i) => {
      const dd = Math.hypot(d.row - t.row, d.col - t.col);
      if (dd < bd && !used.has(i)) {
        bd = dd;
        best = i;
      }
    });
    if (best >= 0) used.add(best);
    const flowing = best >= 0 && visible[best]!.state === 'flowing';
    if (d.perfused && flowing) tpFlow++;
    else if (d.perfused) fpFlow++;
  }
  const bad = rec.frameTruth.map((f, i) => (f.jerk || f.defocus ? i : -1)).filter((i) => i >= 0);
  const droppedGood = a.maps.frames.filter(
    (f) => f.dropped !== null && !rec.frameTruth[f.index]!.jerk && !rec.frameTruth[f.index]!.defocus,
  ).length;
  return {
    countTruth: truth.visibleCount,
    countFound: found.length,
    tpFlow,
    fpFlow,
    fnFlow: truth.flowingCount - tpFlow,
    regRmsPx: reg,
    regMaxPx: Math.max(...errs),
    densityTruth: truth.densityPerMm2,
    densityFound: a.measures.capillary_density_per_mm2,
    droppedBad: bad.filter((i) => a.maps.frames[i]!.dropped !== null).length,
    badFrames: bad.length,
    droppedGood,
  };
}
