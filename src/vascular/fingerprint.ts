import type { Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import { parseModality, type Modality } from '../core/modality.js';
import { skeletonize } from './skeletonize.js';
import { distanceTransform } from './distanceTransform.js';
import { pruneSpursWithGraph, type PruneSpursOptions } from './pruneSpurs.js';
import { measureSegments, type SegmentMeasure, type SegmentMeasureOptions } from './segmentMeasures.js';
import type { FractalDimensionOptions } from './fractalDimension.js';
import { branching, type Bifurcation, type BranchingOptions } from './branching.js';
import type { CapillaryResult } from './capillaries.js';
import type { OpticDisc } from './regions.js';
import type { VesselGraph } from './types.js';
import type { Fingerprint, FingerprintContext } from './featureTypes.js';
import { FINGERPRINT_FEATURES, FINGERPRINT_GROUPS, fingerprintFeature, unitNeedsSpacing } from './registry.js';
import { resolveScale, type ScaleOptions } from './scale.js';

export type { Fingerprint } from './featureTypes.js';
export type { Modality } from '../core/modality.js';

/** Options of {@link computeFingerprint}. */
export interface FingerprintOptions {
  /** µm per pixel (else the mask's `spacingUm`). Without any, pixel defaults are used, every feature with a length unit is null, and `notes` says so. */
  spacingUm?: number;
  /** Field of view (1 = inside). Default: the whole image. Vessel pixels outside are ignored. */
  fov?: Mask2D;
  /** `"fundus"` (default) or `"skin"` (adds the capillary features and selects the skin scale defaults). */
  modality?: Modality;
  /** Optic disc (px). Enables zones B and C, quadrants around the disc, and CRAE/CRVE (with `arteryVein`). */
  disc?: OpticDisc;
  /** Per-pixel artery/vein labels (row-major, 1 = artery, 2 = vein, 0 = unknown). Enables the per-type features; with `disc`, CRAE/CRVE. */
  arteryVein?: Uint8Array;
  /** Compute the quadrant (and zone) features. Default true. */
  regions?: boolean;
  /** Length parameters in µm / mm (defaults per modality: `DEFAULT_SCALE_FUNDUS`, `DEFAULT_SCALE_SKIN`). */
  scale?: ScaleOptions;
  /** Spur pruning; `distance` is filled in. Default: widthFactor 1, minLengthPx from `scale.minSpurLengthUm`. */
  prune?: Omit<PruneSpursOptions, 'distance'>;
  /** Centre-line smoothing and tortuosity options in px; when given they override the `scale` values. */
  segments?: SegmentMeasureOptions;
  /** Minimum arc length (px) of the tortuosity segments; when given it overrides `scale.tortuosityMinLengthUm`. */
  tortuosityMinLengthPx?: number;
  /**
   * Segments with arc/chord above this are skeleton loops (two centre lines joining where vessels
   * cross or touch), not vessel courses; they are left out of the tortuosity aggregates and counted
   * in `tortuosity_excluded_loop_count`. Retinal vessel segments have arc/chord ≈ 1.0–1.5
   * (Grisan et al. 2008). Default 2.
   */
  tortuosityMaxArcChord?: number;
  /** Box-counting options in px; when given they override `scale.fractalBoxMinMm` / `fractalBoxMaxMm`. */
  fractal?: FractalDimensionOptions;
  /** Bifurcation options. */
  branching?: BranchingOptions;
  /** Capillaries smaller than this area (µm²) are ignored (skin). Default 0. */
  minCapillaryAreaUm2?: number;
}

/** Defaults of {@link FingerprintOptions} (length parameters: see `scale.ts`). */
export const DEFAULT_FINGERPRINT = { modality: 'fundus', regions: true, tortuosityMaxArcChord: 2, minCapillaryAreaUm2: 0 } as const;

/** Why a feature can be `null`, from the registry. */
export const FINGERPRINT_ABSENT_REASONS: Readonly<Record<string, string>> = Object.fromEntries(
  FINGERPRINT_FEATURES.filter((f) => f.absentReason).map((f) => [f.key, f.absentReason!]),
);

/** Everything computed on the way to the fingerprint (for plots and debugging). */
export interface VesselAnalysis {
  /** µm per px, or null when the image had none. */
  spacingUm: number | null;
  /** Vessel mask restricted to the field of view. */
  mask: Mask2D;
  fovPixels: number;
  skeleton: Mask2D;
  distance: Float64Array;
  graph: VesselGraph;
  segments: SegmentMeasure[];
  bifurcations: Bifurcation[];
  capillaries?: CapillaryResult;
  fingerprint: Fingerprint;
  /** Notes on the parameters (no spacing: pixel defaults; a floor reached at a coarse spacing). */
  notes: string[];
}

/**
 * Computes the microvascular fingerprint of a binary vessel mask: the flat, unit-bearing
 * feature record (keys, units and definitions in the registry, `src/vascular/registry.ts`, and
 * docs/fingerprint.md). Pipeline: mask ∧ FOV → exact EDT → Guo–Hall skeleton → spur pruning →
 * vessel graph → per-segment length, tortuosity and width → the feature groups.
 *
 * @param mask vessel mask, non-zero = vessel
 * @param options see {@link FingerprintOptions}
 * @throws VesselprintError BAD_ARGUMENT (spacing ≤ 0, unknown modality), SHAPE_MISMATCH (FOV or labels of another size), EMPTY_INPUT (empty FOV)
 * @example
 * computeFingerprint(mask, { spacingUm: 10 }).vessel_length_density_mm_per_mm2
 */
export function computeFingerprint(mask: Mask2D, options: FingerprintOptions = {}): Fingerprint {
  return analyzeVessels(mask, options).fingerprint;
}

/** Like {@link computeFingerprint} but also returns the skeleton, graph, per-segment measures and notes. */
export function analyzeVessels(input: Mask2D, options: FingerprintOptions = {}): VesselAnalysis {
  const given = options.spacingUm ?? input.spacingUm;
  if (given !== undefined && !(Number.isFinite(given) && given > 0)) {
    throw new VesselprintError('BAD_ARGUMENT', `computeFingerprint: pixel spacing must be a positive number of µm, got ${given}`, {
      field: 'spacingUm',
    });
  }
  const modality = parseModality(options.modality ?? DEFAULT_FINGERPRINT.modality, 'computeFingerprint: modality');
  const { width, height } = input;
  const n = width * height;
  const fov = options.fov;
  if (fov && (fov.width !== width || fov.height !== height)) {
    throw new VesselprintError('SHAPE_MISMATCH', `computeFingerprint: FOV is ${fov.width}x${fov.height}, mask is ${width}x${height}`, {
      field: 'fov',
    });
  }
  if (options.arteryVein && options.arteryVein.length !== n) {
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `computeFingerprint: artery/vein labels have ${options.arteryVein.length} pixels, mask has ${n}`,
      { field: 'arteryVein' },
    );
  }
  const data = new Uint8Array(n);
  let fovPixels = 0,
    vesselPixels = 0;
  const src = input.data,
    fd = fov?.data;
  for (let i = 0; i < n; i++) {
    if (fd && fd[i] === 0) continue;
    fovPixels++;
    if (src[i] !== 0) {
      data[i] = 1;
      vesselPixels++;
    }
  }
  if (fovPixels === 0) throw new VesselprintError('EMPTY_INPUT', 'computeFingerprint: the field of view is empty', { field: 'fov' });
  const spacing = given ?? 1;
  const mask: Mask2D = { data, width, height, spacingUm: spacing };
  const scale = resolveScale(given, modality, options.scale);
  const mmPerPx = spacing / 1000;

  const distance = vesselPixels < n ? distanceTransform(mask) : new Float64Array(n).fill(Infinity);
  const prune = { minLengthPx: scale.minSpurLengthPx, ...options.prune, distance };
  const { skeleton, graph } = pruneSpursWithGraph(skeletonize(mask), prune);
  const segOpts: SegmentMeasureOptions = {
    smoothingSigmaPx: scale.smoothingSigmaPx,
    angleSmoothingSigmaPx: scale.angleSmoothingSigmaPx,
    angleStepPx: scale.angleStepPx,
    ...options.segments,
  };
  const segments = measureSegments(graph, distance, segOpts);
  const bifurcations = branching(graph, segments, distance, options.branching);
  let skeletonPixels = 0;
  for (let i = 0; i < n; i++) skeletonPixels += skeleton.data[i]!;
  if (options.tortuosityMinLengthPx !== undefined) scale.tortuosityMinLengthPx = options.tortuosityMinLengthPx;

  const ctx: FingerprintContext = {
    mask,
    fov,
    fovPixels,
    vesselPixels,
    spacingUm: spacing,
    hasSpacing: given !== undefined,
    mmPerPx,
    fovAreaMm2: fovPixels * mmPerPx * mmPerPx,
    distance,
    skeleton,
    skeletonPixels,
    graph,
    segments,
    bifurcations,
    modality,
    scale,
    fractal: {
      minBoxPx: scale.fractalMinBoxPx,
      ...(scale.fractalMaxBoxPx !== undefined ? { maxBoxPx: scale.fractalMaxBoxPx } : {}),
      ...options.fractal,
    },
    maxArcChord: options.tortuosityMaxArcChord ?? DEFAULT_FINGERPRINT.tortuosityMaxArcChord,
    disc: options.disc,
    arteryVein: options.arteryVein,
    regions: options.regions ?? DEFAULT_FINGERPRINT.regions,
    minCapillaryAreaUm2: options.minCapillaryAreaUm2 ?? DEFAULT_FINGERPRINT.minCapillaryAreaUm2,
    extras: {},
  };
  const f: Fingerprint = {};
  for (const g of FINGERPRINT_GROUPS) {
    if (g.modality !== 'both' && g.modality !== modality) continue;
    Object.assign(f, g.compute(ctx));
  }
  if (!ctx.hasSpacing) {
    for (const k of Object.keys(f)) if (unitNeedsSpacing(fingerprintFeature(k)?.unit ?? '')) f[k] = null;
  }
  const out: VesselAnalysis = {
    spacingUm: given ?? null,
    mask,
    fovPixels,
    skeleton,
    distance,
    graph,
    segments,
    bifurcations,
    fingerprint: f,
    notes: scale.notes,
  };
  if (ctx.extras.capillaries) out.capillaries = ctx.extras.capillaries;
  return out;
}
