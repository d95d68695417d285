/** Fractal dimensions of the vessel mask and of its skeleton. */
import type { FeatureGroup, FingerprintContext, Fingerprint } from '../featureTypes.js';
import type { Mask2D } from '../../core/image.js';
import { fractalDimension, type FractalDimensionResult } from '../fractalDimension.js';
import { multifractal, type MultifractalResult } from '../multifractal.js';
import { inGroup, SHAPE_GOAL } from './define.js';
import { finiteOrNull } from '../summary.js';
import { VesselprintError } from '../../core/errors.js';

const LIEW = 'box counting with averaged grid positions: Liew et al., Ophthalmology 115:1951, 2008, doi:10.1016/j.ophtha.2008.05.029';
const BOXES =
  'box sides s = b·2ᵏ from `fractalBoxMinMm` (fundus 0.05 mm, skin 0.005 mm; ≥ 2 px) to `fractalBoxMaxMm` (default a quarter of the shorter image side), rounded to whole pixels; N(s) = occupied boxes averaged over 4 × 4 grid offsets (a box cut by the image border counts with the fraction inside); D = least-squares slope of log N(s) on log(1/s)';
const SANDBOX =
  'sandbox method: Tél, Fülöp & Vicsek, Physica A 159:155, 1989, doi:10.1016/0378-4371(89)90563-3; retinal vessels: Stosic & Stosic, IEEE TMI 25:1101, 2006, doi:10.1109/TMI.2006.879316';
const MF =
  'of the vessel mask by the sandbox method: boxes of the same sides centred on up to 20000 vessel pixels (an even subsample, far enough from the border for the largest box), p = vessel pixels in the box / all vessel pixels, Z(q, s) = ⟨p^(q−1)⟩, τ(q) = slope of ln Z on ln s';
const ABSENT =
  'empty mask, fewer than two box sizes between the smallest and largest box, or (multifractal) no vessel pixel half the largest box inside the border';

/** Group `fractal`. */
export const fractalGroup: FeatureGroup = {
  id: 'fractal',
  title: 'Fractal dimension',
  modality: 'both',
  features: inGroup('fractal', [
    {
      key: 'fractal_dimension_box',
      label: 'Fractal dimension (mask)',
      unit: '1',
      definition: `box-counting dimension of the vessel mask: ${BOXES}`,
      reference: LIEW,
      invariance: SHAPE_GOAL,
      absentReason: ABSENT,
    },
    {
      key: 'fractal_dimension_box_r2',
      label: 'Fractal fit R² (mask)',
      unit: '1',
      definition: 'R² of the log–log fit of `fractal_dimension_box`',
      reference: LIEW,
      invariance: { x2: 0.02, x4: 0.05 },
      absentReason: ABSENT,
    },
    {
      key: 'fractal_d0',
      label: 'Capacity dimension D0',
      unit: '1',
      definition: `generalised dimension D0 = −τ(0) ${MF}`,
      reference: SANDBOX,
      invariance: SHAPE_GOAL,
      absentReason: ABSENT,
    },
    {
      key: 'fractal_d1_information',
      label: 'Information dimension D1',
      unit: '1',
      definition: `D1 = slope of ⟨ln p⟩ on ln s, ${MF}`,
      reference: SANDBOX,
      invariance: SHAPE_GOAL,
      absentReason: ABSENT,
    },
    {
      key: 'fractal_d2_correlation',
      label: 'Correlation dimension D2',
      unit: '1',
      definition: `D2 = τ(2), ${MF}`,
      reference: SANDBOX,
      invariance: SHAPE_GOAL,
      absentReason: ABSENT,
    },
    {
      key: 'fractal_singularity_length',
      label: 'Singularity length Δα',
      unit: '1',
      definition: `width of the singularity spectrum Δα = α(−5) − α(5), α(q) = dτ/dq (slope of ⟨p^(q−1) ln p⟩/⟨p^(q−1)⟩ on ln s), ${MF}`,
      reference: SANDBOX,
      invariance: {
        notInvariant:
          'Δα is a small difference (≈ 0.1–0.3) of two slopes; the negative moments weigh the sparsest boxes, which a coarser image fills or loses',
      },
      absentReason: ABSENT,
    },
    {
      key: 'fractal_dimension_box_skeleton',
      label: 'Fractal dimension (skeleton)',
      unit: '1',
      definition: `box-counting dimension of the pruned skeleton (one-pixel centre lines), same boxes`,
      reference: LIEW,
      invariance: SHAPE_GOAL,
      absentReason: ABSENT,
    },
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
  const mf = fdMask && boxesFit(ctx) ? multifractalOrNull(ctx) : null;
  return {
    fractal_d0: mf ? finiteOrNull(mf.d0) : null,
    fractal_d1_information: mf ? finiteOrNull(mf.d1) : null,
    fractal_d2_correlation: mf ? finiteOrNull(mf.d2) : null,
    fractal_singularity_length: mf ? finiteOrNull(mf.deltaAlpha) : null,
    fractal_dimension_box: fdMask ? finiteOrNull(fdMask.dimension) : null,
    fractal_dimension_box_r2: fdMask ? finiteOrNull(fdMask.r2) : null,
    fractal_dimension_box_skeleton: fdSkel ? finiteOrNull(fdSkel.dimension) : null,
  };
}

/** The multifractal analysis of the vessel mask, or null when no centre lies far enough from the border. */
function multifractalOrNull(ctx: FingerprintContext): MultifractalResult | null {
  const { minBoxPx, maxBoxPx } = ctx.fractal;
  try {
    return multifractal(ctx.mask, { ...(minBoxPx !== undefined ? { minBoxPx } : {}), ...(maxBoxPx !== undefined ? { maxBoxPx } : {}) });
  } catch (e) {
    if (e instanceof VesselprintError && e.code === 'BAD_ARGUMENT') return null;
    throw e;
  }
}
