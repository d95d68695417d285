/**
 * clDice, the topology-aware overlap of Shit et al., "clDice – a novel topology-preserving loss
 * function for tubular structure segmentation", CVPR 2021, doi:10.1109/CVPR46437.2021.01629.
 */
import type { Mask2D } from '../../core/image.js';
import { assertSameSize } from '../../core/image.js';
import { skeletonize } from '../../vascular/skeletonize.js';

/** clDice and its two parts. */
export interface ClDiceResult {
  /** Topology precision Tprec = |S(P) ∩ V_T| / |S(P)| (eq. 1). */
  tprec: number;
  /** Topology sensitivity Tsens = |S(T) ∩ V_P| / |S(T)| (eq. 1). */
  tsens: number;
  /** clDice = 2·Tprec·Tsens / (Tprec + Tsens) (eq. 2); 0 when both parts are 0. */
  cldice: number;
}

/**
 * clDice of a binary prediction against a binary truth; both are restricted to `fov` (when
 * given) before skeletonisation, skeletons by the project's one thinning, `skeletonize`
 * (vascular/skeletonize.ts, Guo–Hall A1 by default). An empty skeleton gives a
 * part of 0.
 * @example clDice(mask, mask).cldice // 1
 */
export function clDice(pred: Mask2D, truth: Mask2D, fov?: Mask2D): ClDiceResult {
  assertSameSize(pred, truth, 'prediction and truth');
  if (fov) assertSameSize(pred, fov, 'prediction and FOV');
  const n = pred.width * pred.height;
  const p = new Uint8Array(n);
  const t = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const inside = !fov || fov.data[i] !== 0;
    p[i] = inside && pred.data[i] !== 0 ? 1 : 0;
    t[i] = inside && truth.data[i] !== 0 ? 1 : 0;
  }
  const sp = skeletonize({ data: p, width: pred.width, height: pred.height }).data;
  const st = skeletonize({ data: t, width: pred.width, height: pred.height }).data;
  let spN = 0;
  let spIn = 0;
  let stN = 0;
  let stIn = 0;
  for (let i = 0; i < n; i++) {
    if (sp[i]) {
      spN++;
      if (t[i]) spIn++;
    }
    if (st[i]) {
      stN++;
      if (p[i]) stIn++;
    }
  }
  const tprec = spN === 0 ? 0 : spIn / spN;
  const tsens = stN === 0 ? 0 : stIn / stN;
  const cldice = tprec + tsens === 0 ? 0 : (2 * tprec * tsens) / (tprec + tsens);
  return { tprec, tsens, cldice };
}
