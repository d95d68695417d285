/**
 * Shared types of the radiomics domain: the prepared region of interest that every feature family
 * reads, the feature records the extractor returns, and the registry entry shape.
 */

/** Feature families, named as on the command line (`--families`). */
export type FamilyId = 'stat' | 'ih' | 'ivh' | 'glcm' | 'glrlm' | 'glszm' | 'gldzm' | 'ngtdm' | 'ngldm' | 'morph';

/** All families in extraction order. */
export const FAMILY_IDS: readonly FamilyId[] = ['stat', 'ih', 'ivh', 'glcm', 'glrlm', 'glszm', 'gldzm', 'ngtdm', 'ngldm', 'morph'];

/**
 * IBSI aggregation code of a texture feature computed on one 2D image:
 * `BTW3` = per-direction matrices, features averaged over the 4 in-plane directions;
 * `SUJT` = the 4 directional matrices summed into one ("2D, slice-merged");
 * `8QNN` = one 2D matrix (GLSZM, GLDZM, NGTDM, NGLDM); `null` = whole-ROI families.
 */
export type Aggregation = 'BTW3' | 'SUJT' | '8QNN' | null;

/** One computed feature, as printed by `vesselprint radiomics --json`. */
export interface FeatureRecord {
  family: FamilyId;
  /** Stable snake_case feature name inside its family (`joint_maximum`). */
  name: string;
  /** IBSI 4-letter code of the feature (for 2D morphology: the code of the 3D analogue, see docs). */
  ibsi_code: string;
  aggregation: Aggregation;
  /** Feature value; `NaN` when undefined for this ROI (see the documented policy per family). */
  value: number;
}

/**
 * The prepared region of interest, shared by all families. Pixel (row r, column c) is index
 * `r * width + c`.
 */
export interface RoiImage {
  width: number;
  height: number;
  /** Intensities (after filtering, before discretization). */
  values: Float64Array;
  /** Discretized grey level (1..ng) inside the intensity mask, 0 outside. */
  levels: Int32Array;
  /** Number of grey levels N_g (the highest level; levels run 1..ng). */
  ng: number;
  /** Intensity mask (after re-segmentation): 1 inside. */
  intensityMask: Uint8Array;
  /** Morphological mask (before re-segmentation): 1 inside. */
  morphMask: Uint8Array;
  /** Pixel size in mm, when known (morphology reports mm / mm² then, else pixels). */
  spacingMm?: number;
  /**
   * Reusable scratch buffers shared by many small ROIs (sliding-window feature maps); any
   * object, used only as a key. Absent = fresh buffers per call.
   */
  workspace?: object;
}

/**
 * One entry of the feature registry. `compute` receives the family's prepared context (its
 * matrices), built once per ROI by the family's `prepare`.
 */
export interface FeatureDef<C> {
  /** Unique id: `family.name` plus `.AGGR` for texture features with several aggregations. */
  id: string;
  family: FamilyId;
  name: string;
  /** IBSI 4-letter feature code. */
  ibsi: string;
  aggregation: Aggregation;
  compute: (ctx: C) => number;
  /** One-line definition with the formula. */
  doc: string;
  /** Tag of the IBSI digital-phantom reference value this feature is tested against. */
  reference?: string;
  /** Why no reference value exists, when `reference` is absent. */
  noReferenceReason?: string;
}

/** A feature family: how to prepare its matrices from a ROI and the features read from them. */
export interface FamilyDef<C> {
  family: FamilyId;
  /** IBSI family code (e.g. `LFYI` for GLCM). */
  ibsiFamily: string;
  title: string;
  prepare: (roi: RoiImage) => C;
  features: FeatureDef<C>[];
}
