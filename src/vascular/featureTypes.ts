/**
 * Types of the fingerprint feature registry: one {@link FingerprintFeature} per column, grouped
 * into {@link FeatureGroup}s that each compute their columns from a shared
 * {@link FingerprintContext} (built once per image by `analyzeVessels`).
 */
import type { Mask2D } from '../core/image.js';
import type { Modality } from '../core/modality.js';
import type { Bifurcation } from './branching.js';
import type { OpticDisc } from './regions.js';
import type { SegmentMeasure } from './segmentMeasures.js';
import type { VesselGraph } from './types.js';
import type { ResolvedScale } from './scale.js';
import type { FractalDimensionOptions } from './fractalDimension.js';
import type { CapillaryResult } from './capillaries.js';

/** The flat feature record: stable snake_case keys, numbers in the unit of the registry; `null` = undefined for this image. */
export type Fingerprint = Record<string, number | null>;

/** Ids of the feature groups, in output order. */
export type FeatureGroupId =
  'image' | 'density' | 'fractal' | 'tortuosity' | 'calibre' | 'branching' | 'arteryVein' | 'regions' | 'capillaries';

/**
 * How a feature behaves when the same scene is imaged at a coarser resolution (spacing ×2, ×4):
 * the largest relative change allowed by the resolution-invariance test, or why the feature
 * cannot be invariant (a count of pixels, a property of digitisation …). `note` explains a
 * tolerance wider than the goal of issue 19 (10 % at ×2, 20 % at ×4).
 */
export type Invariance = { x2: number; x4: number; note?: string } | { notInvariant: string };

/** One fingerprint feature (one column of the table, without the `vascular.` prefix). */
export interface FingerprintFeature {
  /** Key in the fingerprint record; the table column is `vascular.<key>`. */
  key: string;
  /** Human label for tables and figure axes (sentence case, no unit). */
  label: string;
  /** Unit: `1` (dimensionless), `µm`, `mm`, `mm²`, `µm²`, `mm⁻¹`, `mm⁻²`, `mm/mm²`, `rad/mm`, `°`, `px`, `µm/px`. */
  unit: string;
  /** Definition, with the formula. */
  definition: string;
  /** Literature reference with DOI, or why there is none. */
  reference: string;
  /** Modality the feature applies to. */
  modality: Modality | 'both';
  /** Group (function) that computes it. */
  group: FeatureGroupId;
  /** Resolution invariance (issue 19). */
  invariance: Invariance;
  /** When the value can be `null`: why. */
  absentReason?: string;
}

/** Everything a group needs, computed once per image. Lengths in px unless named otherwise. */
export interface FingerprintContext {
  /** Vessel mask restricted to the FOV (0/1). */
  mask: Mask2D;
  fov: Mask2D | undefined;
  fovPixels: number;
  vesselPixels: number;
  /** µm per px; 1 when the image has no spacing (then `hasSpacing` is false and physical features are null). */
  spacingUm: number;
  hasSpacing: boolean;
  /** mm per px (`spacingUm / 1000`). */
  mmPerPx: number;
  fovAreaMm2: number;
  distance: Float64Array;
  skeleton: Mask2D;
  skeletonPixels: number;
  graph: VesselGraph;
  segments: SegmentMeasure[];
  bifurcations: Bifurcation[];
  modality: Modality;
  /** Length parameters converted to px. */
  scale: ResolvedScale;
  fractal: FractalDimensionOptions;
  /** Segments with a larger arc/chord are loops, left out of the tortuosity aggregates. */
  maxArcChord: number;
  disc: OpticDisc | undefined;
  arteryVein: Uint8Array | undefined;
  regions: boolean;
  /** Capillaries smaller than this area (µm²) are ignored (skin). */
  minCapillaryAreaUm2: number;
  /** Filled by the capillary group (skin). */
  extras: { capillaries?: CapillaryResult };
}

/** A group of features computed together, in the spirit of a radiomics family. */
export interface FeatureGroup {
  id: FeatureGroupId;
  title: string;
  /** Modality the whole group applies to. */
  modality: Modality | 'both';
  features: readonly FingerprintFeature[];
  /** Computes the group's features (a subset of `features` when an input such as the disc is missing). */
  compute: (ctx: FingerprintContext) => Fingerprint;
}
