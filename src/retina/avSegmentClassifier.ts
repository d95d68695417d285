import type { Image2D, Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import type { ArteryVeinMaps } from '../segment/arteryVeinMaps.js';
import { avSegmentGraph, type AvSegmentGraph, type AvSegmentGraphOptions } from './avSegmentGraph.js';
import { avSegmentFeatures, type AvSegmentFeatureRow, type AvSegmentFeaturesOptions } from './avSegmentFeatures.js';
import { avJunctionConstraints, type AvConstraint, type AvJunctionConstraintsOptions } from './avJunctionConstraints.js';
import { avPropagate, type AvPropagateOptions } from './avPropagate.js';
import { avSegmentLogit, type AvSegmentModel } from './avSegmentModel.js';
import { DEFAULT_AV_SEGMENT_MODEL } from './avSegmentDefaultModel.js';

export { CNN_ONLY_AV_SEGMENT_MODEL, DEFAULT_AV_SEGMENT_MODEL } from './avSegmentDefaultModel.js';

/** Options of {@link classifyAvSegments}. */
export interface ClassifyAvSegmentsOptions {
  /** Per-segment logistic model. Default {@link DEFAULT_AV_SEGMENT_MODEL} (fitted on the 18 HRF images outside the test split; see its file). */
  model?: AvSegmentModel;
  /** Propagate across junctions (`avJunctionConstraints` + `avPropagate`). Default true. */
  propagate?: boolean;
  /** A segment's own log-odds are scaled by min(1, centre-line px / this): short segments carry less evidence, and take their type from their neighbours. Default: 1/12 of the image's smaller side (97 px on half-resolution HRF). */
  lengthRefPx?: number;
  /** Overrides the model's `evidenceScale` (weight of a segment's own log-odds in the propagation; for calibration grids). */
  evidenceScale?: number;
  /** A segment is `unsure` when |P(artery) − 0.5| < this. Default 0 (every segment labelled). */
  unsureMargin?: number;
  graph?: AvSegmentGraphOptions;
  features?: AvSegmentFeaturesOptions;
  junctions?: AvJunctionConstraintsOptions;
  propagation?: AvPropagateOptions;
}

/** Defaults of {@link ClassifyAvSegmentsOptions} (besides the nested option objects). */
export const DEFAULT_CLASSIFY_AV_SEGMENTS = { propagate: true, lengthRefFraction: 1 / 12, unsureMargin: 0 } as const;

/** Output of {@link classifyAvSegments}. */
export interface AvSegmentClassification extends AvSegmentGraph {
  features: AvSegmentFeatureRow[];
  constraints: AvConstraint[];
  /** Per segment id: the model's own log-odds (× evidenceScale, length-scaled), and after propagation. */
  unary: Float64Array;
  logOdds: Float64Array;
  /** Per segment id: P(artery) = σ(logOdds). */
  pArtery: Float64Array;
  label: Array<'artery' | 'vein' | 'unsure'>;
}

/**
 * Segment-level artery/vein classification of a vessel mask: one skeleton graph of all vessels
 * ({@link avSegmentGraph}), per-segment CNN, colour and width features normalised within the
 * image ({@link avSegmentFeatures}), a logistic model per segment ({@link avSegmentLogit}), then
 * propagation of the evidence across junctions and crossings ({@link avJunctionConstraints},
 * {@link avPropagate}; Dashtbozorg, Mendonça & Campilho 2014, doi:10.1109/TIP.2013.2292794).
 * Deterministic. See docs/retina.md ("Segment-level artery/vein classifier") for held-out figures.
 *
 * @param image RGB image at the maps' size; @param fov field of view; @param maps CNN maps; @param mask binary vessel mask
 * @throws VesselprintError SHAPE_MISMATCH for inputs of different sizes
 * @example classifyAvSegments(rgb, fov, maps, vesselMask).label[0] // 'artery'
 */
export function classifyAvSegments(
  image: Image2D,
  fov: Mask2D,
  maps: ArteryVeinMaps,
  mask: Mask2D,
  options: ClassifyAvSegmentsOptions = {},
): AvSegmentClassification {
  const model = options.model ?? DEFAULT_AV_SEGMENT_MODEL;
  const lengthRef = options.lengthRefPx ?? Math.round(Math.min(mask.width, mask.height) * DEFAULT_CLASSIFY_AV_SEGMENTS.lengthRefFraction);
  const margin = options.unsureMargin ?? DEFAULT_CLASSIFY_AV_SEGMENTS.unsureMargin;
  if (maps.width !== mask.width || maps.height !== mask.height)
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `classifyAvSegments: maps are ${maps.width}x${maps.height}, vessel mask is ${mask.width}x${mask.height}`,
      { field: 'maps' },
    );
  const g = avSegmentGraph(mask, options.graph);
  const features = avSegmentFeatures(image, fov, maps, mask, g, options.features);
  const scale = options.evidenceScale ?? model.evidenceScale ?? 1;
  if (!(scale > 0))
    throw new VesselprintError('BAD_ARGUMENT', `classifyAvSegments: evidenceScale must be > 0, got ${scale}`, { field: 'evidenceScale' });
  const unary = Float64Array.from(features, (r) => scale * avSegmentLogit(model, r.x) * Math.min(1, r.pathPx / lengthRef));
  const { constraints } = avJunctionConstraints(g.graph, g.dist, options.junctions);
  const logOdds =
    (options.propagate ?? DEFAULT_CLASSIFY_AV_SEGMENTS.propagate) ? avPropagate(unary, constraints, options.propagation) : unary.slice();
  const pArtery = Float64Array.from(logOdds, (t) => 1 / (1 + Math.exp(-t)));
  const label = Array.from(pArtery, (p) =>
    Math.abs(p - 0.5) < margin ? ('unsure' as const) : p >= 0.5 ? ('artery' as const) : ('vein' as const),
  );
  return { ...g, features, constraints, unary, logOdds, pArtery, label };
}

/**
 * Artery/vein maps rewritten from a segment classification, for `labelSegments` and CRAE/CRVE: every
 * vessel pixel owned by a segment gets artery = vessel·P(artery of its segment), vein =
 * vessel·(1 − P); pixels owned by no segment keep the CNN's values. `vessel` is unchanged.
 * @example avMapsFromSegments(maps, classifyAvSegments(rgb, fov, maps, mask)).artery
 */
export function avMapsFromSegments(maps: ArteryVeinMaps, c: AvSegmentClassification): ArteryVeinMaps {
  const artery = maps.artery.slice(),
    vein = maps.vein.slice();
  for (let i = 0; i < artery.length; i++) {
    const s = c.owner[i]!;
    if (s < 0) continue;
    const v = Math.max(maps.vessel[i]!, maps.artery[i]! + maps.vein[i]!);
    artery[i] = v * c.pArtery[s]!;
    vein[i] = v * (1 - c.pArtery[s]!);
  }
  const out: ArteryVeinMaps = { width: maps.width, height: maps.height, vessel: maps.vessel, artery, vein };
  if (maps.spacingUm !== undefined) out.spacingUm = maps.spacingUm;
  return out;
}
