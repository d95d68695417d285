/** Fractal dimensions of the vessel mask and of its skeleton. */
import type { FeatureGroup, FingerprintContext, Fingerprint } from '../featureTypes.js';
import type { Mask2D } from '../../core/image.js';
import { fractalDimension, type FractalDimensionResult } from '../fractalDimension.js';
import { inGroup, SHAPE_GOAL } from './define.js';
import { finiteOrNull } from '../summary.js';

const LIEW = 'box counting with averaged grid positions: Liew et al., Ophthalmology 115:1951, 2008, doi:10.1016/j.ophtha.2008.05.029';
const BOXES = 'box sides s = b·2ᵏ from `fractalBoxMinMm` (fundus 0.05 mm, skin 0.005 mm; ≥ 2 px) to `fractalBoxMaxMm` (default a quarter of the shorter image side), rounded to whole pixels; N(s) = occupied boxes averaged over 4 × 4 grid offsets (a box cut by the image border counts with the fraction inside); D = least-squares slope of log N(s) on log(1/s)';
const ABSENT = 'empty mask, or fewer than two box sizes between the smallest and largest box';

/** Group `fractal`. */
export const fractalGroup: FeatureGroup = {
  id: 'fractal',
  title: 'Fractal dimension',
  modality: 'both',
  features: inGroup('fractal', [
    { key: 'fractal_dimension_box', label: 'Fractal dimension (mask)', unit: '1', definition: `box-counting dimension of the vessel mask: ${BOXES}`, reference: LIEW, invariance: SHAPE_GOAL, absentReason: ABSENT },
    { key: 'fractal_dimension_box_r2', label: 'Fractal fit R² (mask)', unit: '1', definition: 'R² of the log–log fit of `fractal_dimension_box`', reference: LIEW, invariance: { x2: 0.02, x4: 0.05 }, absentReason: ABSENT },
    { key: 'fractal_dimension_box_skeleton', label: 'Fractal dimension (skeleton)', unit: '1', definition: `box-counting dimension of the pruned skeleton (one-pixel centre lines), same boxes`, reference: LIEW, invariance: SHAPE_GOAL, absentReason: ABSENT },
  ]),
  compute: fractalFeatures,
};

/** True when at least two box sizes fit. */
export function boxesFit(ctx: FingerprintContext): boolean {
  const min = ctx.fractal.minBoxPx ?? 2;
  const max = ctx.fractal.maxBoxPx ?? Math.min(ctx.mask.width, ctx.mask.height) / 4;
  return Math.round(2 * min) <= max;
}

/** Box-counting result of `m` with the context's boxes, or null when empty or the boxes do not fit. */
export function boxDimension(ctx: FingerprintContext, m: Mask2D, pixels: number): FractalDimensionResult | null {
  return pixels > 0 && boxesFit(ctx) ? fractalDimension(m, ctx.fractal) : null;
}

function fractalFeatures(ctx: FingerprintContext): Fingerprint {
  const fdMask = boxDimension(ctx, ctx.mask, ctx.vesselPixels);
  const fdSkel = boxDimension(ctx, ctx.skeleton, ctx.skeletonPixels);
  return {
    fractal_dimension_box: fdMask ? finiteOrNull(fdMask.dimension) : null,
    fractal_dimension_box_r2: fdMask ? finiteOrNull(fdMask.r2) : null,
    fractal_dimension_box_skeleton: fdSkel ? finiteOrNull(fdSkel.dimension) : null,
  };
}
