import type { Image2D, Mask2D } from '../core/image.js';
import { assertSameSize } from '../core/image.js';
import { selectChannel, type ChannelChoice } from '../core/channel.js';
import { VesselprintError } from '../core/errors.js';
import type { FamilyId, FeatureRecord, RoiImage } from './types.js';
import { FAMILY_IDS } from './types.js';
import { DEFAULT_DISCRETIZATION, discretize, type Discretization } from './discretize.js';
import { resegment, type ResegmentOptions } from './roi.js';
import { FAMILIES } from './registry.js';
import { applyFilter, type FilterSpec } from './filters/applyFilter.js';

/** Options of {@link extractRadiomics}. */
export interface ExtractOptions {
  /** Discretization (default FBN with 32 bins). */
  discretization?: Discretization;
  /** Families to compute (default: all, in registry order). */
  families?: readonly FamilyId[];
  /** Channel (see `selectChannel` in core/channel.ts): a name or an index. Default 'auto': green for RGB(A), 0 for grey. */
  channel?: ChannelChoice;
  /** Image filter applied before feature extraction (default none). */
  filter?: FilterSpec;
  /** Re-segmentation of the intensity mask (default none). */
  resegment?: ResegmentOptions;
}

/** Defaults of {@link ExtractOptions}. */
export const DEFAULT_EXTRACT_OPTIONS = {
  discretization: DEFAULT_DISCRETIZATION,
  families: FAMILY_IDS,
  filter: { kind: 'none' } as FilterSpec,
} as const;

/**
 * Prepares the {@link RoiImage} for one 2D image: masks (IBSI intensity + morphological),
 * discretized levels, pixel size in mm.
 */
export function prepareRoi(
  values: Float64Array,
  width: number,
  height: number,
  mask: ArrayLike<number>,
  options: { discretization?: Discretization; resegment?: ResegmentOptions; spacingMm?: number } = {},
): RoiImage {
  const { intensityMask, morphMask } = resegment(values, mask, options.resegment ?? {});
  const { levels, ng } = discretize(values, intensityMask, options.discretization ?? DEFAULT_EXTRACT_OPTIONS.discretization);
  const roi: RoiImage = { width, height, values, levels, ng, intensityMask, morphMask };
  if (options.spacingMm !== undefined) roi.spacingMm = options.spacingMm;
  return roi;
}

/** Computes the features of the requested families from a prepared ROI. */
export function extractFromRoi(roi: RoiImage, families: readonly FamilyId[] = DEFAULT_EXTRACT_OPTIONS.families): FeatureRecord[] {
  const out: FeatureRecord[] = [];
  for (const fam of FAMILIES) {
    if (!families.includes(fam.family)) continue;
    const ctx = fam.prepare(roi);
    for (const f of fam.features) {
      out.push({ family: f.family, name: f.name, ibsi_code: f.ibsi, aggregation: f.aggregation, value: f.compute(ctx) });
    }
  }
  return out;
}

/**
 * Extracts IBSI radiomics features from one 2D image and mask: channel selection, optional
 * filter (LoG / wavelet), re-segmentation, discretization, then the requested families.
 * Texture families use the 2D aggregations of IBSI (BTW3 and SUJT for GLCM/GLRLM, 8QNN for the
 * others); statistics, histogram, IVH and morphology are whole-ROI (aggregation null).
 *
 * @param image grey or RGB(A) image; `spacingUm` sets morphology units (mm) and the LoG σ in mm
 * @param mask non-zero = ROI; same size as `image`
 * @returns one record per feature, in registry order
 * @throws VesselprintError SHAPE_MISMATCH, EMPTY_INPUT (empty ROI), BAD_ARGUMENT (options)
 * @example
 * const recs = extractRadiomics(image, mask, { discretization: { method: 'fbn', bins: 32 }, families: ['glcm'] });
 * recs[0] // { family: 'glcm', name: 'joint_maximum', ibsi_code: 'GYBY', aggregation: 'BTW3', value: 0.0123 }
 */
export function extractRadiomics(image: Image2D, mask: Mask2D, options: ExtractOptions = {}): FeatureRecord[] {
  assertSameSize(image, mask, 'image and mask');
  const families = options.families ?? DEFAULT_EXTRACT_OPTIONS.families;
  for (const f of families) {
    if (!FAMILY_IDS.includes(f))
      throw new VesselprintError('BAD_ARGUMENT', `unknown feature family "${f}"; expected ${FAMILY_IDS.join(', ')}`, { field: 'families' });
  }
  let values: Float64Array = Float64Array.from(selectChannel(image, options.channel ?? 'auto').data);
  const spacingMm = image.spacingUm !== undefined ? image.spacingUm / 1000 : undefined;
  values = applyFilter(values, image.width, image.height, options.filter ?? DEFAULT_EXTRACT_OPTIONS.filter, spacingMm);
  const opts: { discretization?: Discretization; resegment?: ResegmentOptions; spacingMm?: number } = {};
  if (options.discretization) opts.discretization = options.discretization;
  if (options.resegment) opts.resegment = options.resegment;
  if (spacingMm !== undefined) opts.spacingMm = spacingMm;
  const roi = prepareRoi(values, image.width, image.height, mask.data, opts);
  return extractFromRoi(roi, families);
}
