/**
 * Artery/vein evaluation: vessel AUC of the vessel probability inside the FOV (as for the
 * vessel-only model, `evaluateSegmentation`), and artery/vein accuracy on the centreline pixels of
 * the manual vessels — the skeleton (Guo–Hall thinning, `vascular/skeletonize`) of the manual vessel
 * mask, each skeleton pixel labelled by the manual A/V image, crossing/uncertain pixels excluded,
 * the prediction being artery when p_artery ≥ p_vein (the protocol of Hemelings et al. 2019,
 * doi:10.1016/j.compmedimag.2019.05.004, §3.3, which evaluates A/V on centreline pixels).
 */
import type { Mask2D } from '../../core/image.js';
import { assertSameSize } from '../../core/image.js';
import { VesselprintError } from '../../core/errors.js';
import { skeletonize } from '../../vascular/skeletonize.js';
import { evaluateSegmentation } from '../metrics/evaluate.js';
import { AV_LABEL, type LabelMap } from './avLabels.js';

/** Result of {@link centrelineAvAccuracy}. */
export interface CentrelineAvAccuracy {
  /** Fraction of artery/vein centreline pixels whose predicted type is right. */
  accuracy: number;
  /** Fraction of artery centreline pixels predicted artery (sensitivity for arteries). */
  arteryRecall: number;
  /** Fraction of vein centreline pixels predicted vein. */
  veinRecall: number;
  /** Centreline pixels scored (artery + vein), of them arteries and veins, and excluded (unknown/crossing). */
  n: number;
  nArtery: number;
  nVein: number;
  excluded: number;
}

/**
 * A/V accuracy on the centreline of the manual vessels (see the file comment).
 * @param artery per-pixel artery probability (row-major, labels' size)
 * @param vein per-pixel vein probability
 * @param labels manual labels ({@link AV_LABEL})
 * @throws VesselprintError SHAPE_MISMATCH for arrays of another size, EMPTY_INPUT when the skeleton has no artery/vein pixel
 * @example centrelineAvAccuracy(maps.artery, maps.vein, labels).accuracy // e.g. 0.9
 */
export function centrelineAvAccuracy(artery: Float32Array, vein: Float32Array, labels: LabelMap): CentrelineAvAccuracy {
  const n = labels.width * labels.height;
  if (artery.length !== n || vein.length !== n)
    throw new VesselprintError('SHAPE_MISMATCH', `artery/vein maps hold ${artery.length}/${vein.length} pixels, labels ${n}`);
  const vessel: Mask2D = { data: labels.data.map((v) => (v !== 0 ? 1 : 0)), width: labels.width, height: labels.height };
  const skel = skeletonize(vessel);
  let na = 0;
  let nv = 0;
  let ca = 0;
  let cv = 0;
  let excluded = 0;
  for (let k = 0; k < n; k++) {
    if (skel.data[k] === 0) continue;
    const l = labels.data[k];
    const predArtery = artery[k]! >= vein[k]!;
    if (l === AV_LABEL.artery) {
      na++;
      if (predArtery) ca++;
    } else if (l === AV_LABEL.vein) {
      nv++;
      if (!predArtery) cv++;
    } else excluded++;
  }
  const correct = ca + cv;
  if (na + nv === 0) throw new VesselprintError('EMPTY_INPUT', 'centrelineAvAccuracy: no artery or vein pixel on the manual centreline');
  return {
    accuracy: correct / (na + nv),
    arteryRecall: na > 0 ? ca / na : NaN,
    veinRecall: nv > 0 ? cv / nv : NaN,
    n: na + nv,
    nArtery: na,
    nVein: nv,
    excluded,
  };
}

/** Vessel AUC (and Dice at `threshold`) of a vessel probability against the manual vessels inside the FOV. */
export function vesselAuc(vessel: Float32Array, labels: LabelMap, fov: Mask2D, threshold = 0.5): { auc: number; dice: number } {
  assertSameSize(labels, fov, 'labels and FOV');
  const truth: Mask2D = { data: labels.data.map((v) => (v !== 0 ? 1 : 0)), width: labels.width, height: labels.height };
  const e = evaluateSegmentation({ data: vessel, width: labels.width, height: labels.height, channels: 1 }, truth, fov, {
    cldice: false,
    threshold,
  });
  return { auc: e.auc, dice: e.dice };
}
