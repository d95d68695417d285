import type { Mask2D } from '../core/image.js';
import type { Modality } from '../core/modality.js';
import { VesselprintError, oneOf } from '../core/errors.js';
import { skeletonize } from './skeletonize.js';
import { distanceTransform } from './distanceTransform.js';
import { pruneSpursWithGraph, type PruneSpursOptions } from './pruneSpurs.js';
import { measureSegments, type SegmentMeasure, type SegmentMeasureOptions } from './segmentMeasures.js';
import { fractalDimension, type FractalDimensionOptions } from './fractalDimension.js';
import { branching, type Bifurcation, type BranchingOptions } from './branching.js';
import { capillaries, type CapillaryResult } from './capillaries.js';
import { zoneBMask, QUADRANTS, type OpticDisc } from './regions.js';
import { knudtson } from './knudtson.js';
import type { VesselGraph } from './types.js';

/** Imaging modality: decides whether the skin-capillary features are computed. */

/** Options of {@link computeFingerprint}. */
export interface FingerprintOptions {
  /** µm per pixel. Required unless the mask carries `spacingUm`. */
  spacingUm?: number;
  /** Field of view (1 = inside). Default: the whole image. Vessel pixels outside are ignored. */
  fov?: Mask2D;
  /** `"fundus"` (default) or `"skin"` (adds the capillary features). */
  modality?: Modality;
  /** Optic disc (px). Enables the zone B features, quadrants around the disc, and CRAE/CRVE (with `arteryVein`). */
  disc?: OpticDisc;
  /** Per-pixel artery/vein labels (row-major, 1 = artery, 2 = vein, 0 = unknown). Needed for CRAE/CRVE. */
  arteryVein?: Uint8Array;
  /** Compute the quadrant (and zone B) features. Default true. */
  regions?: boolean;
  /** Spur pruning (see `pruneSpurs`); `distance` is filled in. Default: widthFactor 1, minLengthPx 0. */
  prune?: Omit<PruneSpursOptions, 'distance'>;
  /** Centre-line smoothing and tortuosity options (see `measureSegments`). */
  segments?: SegmentMeasureOptions;
  /** Segments shorter than this (px) do not enter the tortuosity aggregates (their arc/chord is dominated by pixel noise). Default 20. */
  tortuosityMinLengthPx?: number;
  /**
   * Segments with arc/chord above this are skeleton loops (two centre lines joining where vessels
   * cross or touch), not vessel courses; they are left out of the tortuosity aggregates and counted
   * in `tortuosity_excluded_loop_count`. Retinal vessel segments have arc/chord ≈ 1.0–1.5
   * (Grisan et al. 2008). Default 2.
   */
  tortuosityMaxArcChord?: number;
  /** Box-counting options. */
  fractal?: FractalDimensionOptions;
  /** Bifurcation options. */
  branching?: BranchingOptions;
  /** Capillaries smaller than this area (µm²) are ignored (skin). Default 0. */
  minCapillaryAreaUm2?: number;
}

/** Defaults of {@link FingerprintOptions}. */
export const DEFAULT_FINGERPRINT = { modality: 'fundus', regions: true, tortuosityMinLengthPx: 20, tortuosityMaxArcChord: 2, minCapillaryAreaUm2: 0 } as const;

/** The flat feature record: stable snake_case keys, numbers in the unit named by the key or in docs/fingerprint.md; `null` = undefined for this image (reason in {@link FINGERPRINT_ABSENT_REASONS}). */
export type Fingerprint = Record<string, number | null>;

/** Why a feature can be `null`. */
export const FINGERPRINT_ABSENT_REASONS: Readonly<Record<string, string>> = {
  crae_um: 'needs artery/vein labels and the optic disc position (zone B); none were given, so CRAE is not computed',
  crve_um: 'needs artery/vein labels and the optic disc position (zone B); none were given, so CRVE is not computed',
  av_ratio: 'CRAE / CRVE; needs artery/vein labels and the optic disc',
  fractal_dimension_box: 'empty mask (no vessel pixel) or image too small for two box sizes',
  vessel_width_mean_um: 'no skeleton pixel, or no background pixel to measure the distance to',
  branching_angle_mean_deg: 'no junction of degree 3',
  murray_exponent_median: 'no bifurcation whose parent is wider than both children',
  intercapillary_distance_mean_um: 'fewer than two capillaries',
};

/** Everything computed on the way to the fingerprint (for plots and debugging). */
export interface VesselAnalysis {
  spacingUm: number;
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
}

/**
 * Computes the microvascular fingerprint of a binary vessel mask: the flat, unit-bearing
 * feature record (keys in docs/fingerprint.md). Pipeline: mask ∧ FOV → exact EDT →
 * skeleton (`skeletonize`, Guo–Hall A1 by default) → spur pruning → vessel graph → per-segment length, tortuosity and
 * width → density, fractal dimension, branching, capillaries (skin), regions.
 *
 * @param mask vessel mask, non-zero = vessel
 * @param options see {@link FingerprintOptions}
 * @throws VesselprintError BAD_ARGUMENT (spacing missing or ≤ 0, unknown modality), SHAPE_MISMATCH (FOV or labels of another size), EMPTY_INPUT (empty FOV)
 * @example
 * computeFingerprint(mask, { spacingUm: 10 }).vessel_length_density_mm_per_mm2
 */
export function computeFingerprint(mask: Mask2D, options: FingerprintOptions = {}): Fingerprint {
  return analyzeVessels(mask, options).fingerprint;
}

/** Like {@link computeFingerprint} but also returns the skeleton, graph and per-segment measures. */
export function analyzeVessels(input: Mask2D, options: FingerprintOptions = {}): VesselAnalysis {
  const spacing = options.spacingUm ?? input.spacingUm;
  if (spacing === undefined || !Number.isFinite(spacing) || spacing <= 0) {
    throw new VesselprintError('BAD_ARGUMENT', `computeFingerprint: pixel spacing must be a positive number of µm, got ${spacing}`, { field: 'spacingUm' });
  }
  const modality = oneOf('modality', options.modality ?? DEFAULT_FINGERPRINT.modality, ['fundus', 'skin'] as const);
  const { width, height } = input;
  const n = width * height;
  const fov = options.fov;
  if (fov && (fov.width !== width || fov.height !== height)) {
    throw new VesselprintError('SHAPE_MISMATCH', `computeFingerprint: FOV is ${fov.width}x${fov.height}, mask is ${width}x${height}`, { field: 'fov' });
  }
  if (options.arteryVein && options.arteryVein.length !== n) {
    throw new VesselprintError('SHAPE_MISMATCH', `computeFingerprint: artery/vein labels have ${options.arteryVein.length} pixels, mask has ${n}`, { field: 'arteryVein' });
  }
  const data = new Uint8Array(n);
  let fovPixels = 0, vesselPixels = 0;
  const src = input.data, fd = fov?.data;
  for (let i = 0; i < n; i++) {
    if (fd && fd[i] === 0) continue;
    fovPixels++;
    if (src[i] !== 0) {
      data[i] = 1;
      vesselPixels++;
    }
  }
  if (fovPixels === 0) throw new VesselprintError('EMPTY_INPUT', 'computeFingerprint: the field of view is empty', { field: 'fov' });
  const mask: Mask2D = { data, width, height, spacingUm: spacing };
  const mmPerPx = spacing / 1000;
  const fovAreaMm2 = fovPixels * mmPerPx * mmPerPx;

  const distance = vesselPixels < n ? distanceTransform(mask) : new Float64Array(n).fill(Infinity);
  const { skeleton, graph } = pruneSpursWithGraph(skeletonize(mask), { ...options.prune, distance });
  const segments = measureSegments(graph, distance, options.segments);
  const bifurcations = branching(graph, segments, distance, options.branching);

  const f: Fingerprint = {};
  f.image_width_px = width;
  f.image_height_px = height;
  f.spacing_um = spacing;
  f.fov_area_mm2 = fovAreaMm2;
  f.vessel_area_fraction = vesselPixels / fovPixels;

  // lengths
  let lengthPx = 0, chainPx = 0;
  for (const s of segments) {
    lengthPx += s.lengthPx;
    chainPx += s.chainLengthPx;
  }
  f.vessel_length_mm = lengthPx * mmPerPx;
  f.vessel_length_density_mm_per_mm2 = (lengthPx * mmPerPx) / fovAreaMm2;
  f.skeleton_chain_length_mm = chainPx * mmPerPx;
  let skelPixels = 0;
  for (let i = 0; i < n; i++) skelPixels += skeleton.data[i]!;
  f.skeleton_pixel_count = skelPixels;

  // graph counts
  let branchPts = 0, endPts = 0;
  for (const node of graph.nodes) {
    if (node.degree >= 3) branchPts++;
    else if (node.degree === 1) endPts++;
  }
  f.segment_count = graph.segments.length;
  f.branch_point_count = branchPts;
  f.end_point_count = endPts;
  f.branch_point_density_per_mm2 = branchPts / fovAreaMm2;
  f.end_point_density_per_mm2 = endPts / fovAreaMm2;
  f.segment_length_mean_um = segments.length ? (lengthPx / segments.length) * spacing : null;

  // fractal dimension
  const fdOk = Math.min(width, height) / 4 >= 2 * (options.fractal?.minBoxPx ?? 2) || options.fractal?.maxBoxPx !== undefined;
  const fdMask = vesselPixels > 0 && fdOk ? fractalDimension(mask, options.fractal) : null;
  const fdSkel = skelPixels > 0 && fdOk ? fractalDimension(skeleton, options.fractal) : null;
  f.fractal_dimension_box = fdMask ? finiteOrNull(fdMask.dimension) : null;
  f.fractal_dimension_box_r2 = fdMask ? finiteOrNull(fdMask.r2) : null;
  f.fractal_dimension_box_skeleton = fdSkel ? finiteOrNull(fdSkel.dimension) : null;

  // tortuosity (length-weighted over open segments long enough)
  const minT = options.tortuosityMinLengthPx ?? DEFAULT_FINGERPRINT.tortuosityMinLengthPx;
  const maxAc = options.tortuosityMaxArcChord ?? DEFAULT_FINGERPRINT.tortuosityMaxArcChord;
  let wSum = 0, acSum = 0, tdSum = 0, soamSum = 0, infl = 0, tLen = 0, loops = 0;
  for (const s of segments) {
    const t = s.tortuosity;
    if (!Number.isFinite(t.arcChord) || t.arcLengthPx < minT) continue;
    if (t.arcChord > maxAc) {
      loops++;
      continue;
    }
    const w = t.arcLengthPx;
    wSum += w;
    acSum += w * t.arcChord;
    tdSum += w * t.densityPerPx;
    soamSum += w * t.soamRadPerPx;
    infl += t.inflections;
    tLen += t.arcLengthPx;
  }
  f.tortuosity_arc_chord = wSum > 0 ? acSum / wSum : null;
  f.tortuosity_density = wSum > 0 ? tdSum / wSum / mmPerPx : null;
  f.tortuosity_soam_rad_per_mm = wSum > 0 ? soamSum / wSum / mmPerPx : null;
  f.inflection_count = wSum > 0 ? infl : null;
  f.inflection_density_per_mm = wSum > 0 ? infl / (tLen * mmPerPx) : null;
  f.tortuosity_segment_count = segments.filter((s) => Number.isFinite(s.tortuosity.arcChord) && s.tortuosity.arcLengthPx >= minT && s.tortuosity.arcChord <= maxAc).length;
  f.tortuosity_excluded_loop_count = loops;

  // calibre
  const ws: number[] = [];
  for (const s of segments) for (const w of s.widthsPx) if (Number.isFinite(w)) ws.push(w);
  const wm = mean(ws);
  f.vessel_width_mean_um = ws.length ? wm * spacing : null;
  f.vessel_width_sd_um = ws.length ? sd(ws, wm) * spacing : null;
  f.vessel_width_median_um = ws.length ? median(ws) * spacing : null;

  // branching
  const angles = bifurcations.map((b) => b.angleDeg).filter(Number.isFinite);
  f.bifurcation_count = bifurcations.length;
  f.branching_angle_mean_deg = angles.length ? mean(angles) : null;
  f.branching_angle_sd_deg = angles.length ? sd(angles, mean(angles)) : null;
  const murray = bifurcations.map((b) => b.murrayExponent).filter(Number.isFinite);
  f.murray_exponent_median = murray.length ? median(murray) : null;
  f.murray_exponent_count = murray.length;
  const ratios = bifurcations.filter((b) => b.parentWidthPx > 0).map((b) => (b.childWidthsPx[0] ** 2 + b.childWidthsPx[1] ** 2) / b.parentWidthPx ** 2).filter(Number.isFinite);
  f.branching_area_ratio_mean = ratios.length ? mean(ratios) : null;

  // CRAE / CRVE
  const av = options.arteryVein && options.disc ? craeCrve(graph, segments, options.arteryVein, options.disc) : null;
  f.crae_um = av && av.crae !== null ? av.crae * spacing : null;
  f.crve_um = av && av.crve !== null ? av.crve * spacing : null;
  f.av_ratio = f.crae_um !== null && f.crve_um !== null ? f.crae_um / f.crve_um : null;

  // regions
  if (options.regions ?? DEFAULT_FINGERPRINT.regions) {
    const cr = options.disc ? options.disc.row : (height - 1) / 2;
    const cc = options.disc ? options.disc.col : (width - 1) / 2;
    // quadrant label per pixel (same split as quadrantMasks: a pixel on a line goes down / right)
    const quadOf = new Uint8Array(n);
    for (let r = 0; r < height; r++) {
      const up = r < cr ? 0 : 2;
      for (let c = 0; c < width; c++) quadOf[r * width + c] = up + (c < cc ? 0 : 1);
    }
    regional(f, QUADRANTS.map((q) => `quadrant_${q}`), quadOf, mask, fov, graph, segments, spacing);
    if (options.disc) {
      // zone B ring → label 0, elsewhere 255 (ignored)
      const zone = zoneBMask(width, height, options.disc).data;
      for (let i = 0; i < n; i++) zone[i] = zone[i] ? 0 : 255;
      regional(f, ['zone_b'], zone, mask, fov, graph, segments, spacing);
    }
  }

  // skin capillaries
  let capRes: CapillaryResult | undefined;
  if (modality === 'skin') {
    const minAreaPx = Math.max(1, Math.ceil((options.minCapillaryAreaUm2 ?? DEFAULT_FINGERPRINT.minCapillaryAreaUm2) / (spacing * spacing)));
    capRes = capillaries(mask, { minAreaPx });
    const caps = capRes.capillaries;
    f.capillary_count = caps.length;
    f.capillary_density_per_mm2 = caps.length / fovAreaMm2;
    const nn = Array.from(capRes.nearestNeighbourPx);
    f.intercapillary_distance_mean_um = nn.length ? mean(nn) * spacing : null;
    f.intercapillary_distance_sd_um = nn.length ? sd(nn, mean(nn)) * spacing : null;
    // capillary diameter = limb calibre: the mean local width along the centre line of each
    // elongated capillary (centre-line length ≥ 2 × its mean width: a hairpin or limb seen
    // side-on). A round dot (a loop seen end-on) shows the loop's footprint, not the calibre,
    // so it does not enter; when no capillary is elongated, the mean equivalent-circle
    // diameter of all capillaries is reported instead.
    const wSum = new Float64Array(caps.length), wN = new Float64Array(caps.length), lenC = new Float64Array(caps.length);
    for (const s of segments) {
      const path = graph.segments[s.id]!.path;
      for (let k = 0; k < path.length; k++) {
        const lab = capRes.labels[path[k]!]!;
        if (lab > 0) lenC[lab - 1] += s.pointLengthPx[k]!;
      }
      for (let j = 0; j < s.widthIndices.length; j++) {
        const lab = capRes.labels[path[s.widthIndices[j]!]!]!;
        const w = s.widthsPx[j]!;
        if (lab > 0 && Number.isFinite(w)) {
          wSum[lab - 1] += w;
          wN[lab - 1]++;
        }
      }
    }
    const limb: number[] = [];
    caps.forEach((_, i) => {
      if (wN[i]! > 0 && lenC[i]! >= 2 * (wSum[i]! / wN[i]!)) limb.push(wSum[i]! / wN[i]!);
    });
    f.capillary_elongated_count = limb.length;
    f.capillary_diameter_mean_um = limb.length ? mean(limb) * spacing : caps.length ? mean(caps.map((c) => c.diameterPx)) * spacing : null;
    f.capillary_equivalent_diameter_mean_um = caps.length ? mean(caps.map((c) => c.diameterPx)) * spacing : null;
    const areas = caps.map((c) => c.areaPx * spacing * spacing);
    f.capillary_area_mean_um2 = areas.length ? mean(areas) : null;
  }
  const out: VesselAnalysis = { spacingUm: spacing, mask, fovPixels, skeleton, distance, graph, segments, bifurcations, fingerprint: f };
  if (capRes) out.capillaries = capRes;
  return out;
}

/** Regional density and width: region k = the pixels whose `labels` value is k (k < prefixes.length; other values are ignored). One pass over the pixels and one over the skeleton. */
function regional(f: Fingerprint, prefixes: readonly string[], labels: Uint8Array, mask: Mask2D, fov: Mask2D | undefined, graph: VesselGraph, segments: SegmentMeasure[], spacing: number): void {
  const R = prefixes.length;
  const area = new Float64Array(R), vessel = new Float64Array(R), len = new Float64Array(R), wSum = new Float64Array(R), wN = new Float64Array(R);
  const n = labels.length;
  const md = mask.data;
  if (fov) {
    const fd = fov.data;
    for (let i = 0; i < n; i++) {
      const k = labels[i]!;
      if (k < R && fd[i]) {
        area[k]++;
        vessel[k] += md[i]!;
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const k = labels[i]!;
      if (k < R) {
        area[k]++;
        vessel[k] += md[i]!;
      }
    }
  }
  for (const s of segments) {
    const path = graph.segments[s.id]!.path;
    for (let j = 0; j < path.length; j++) {
      const k = labels[path[j]!]!;
      if (k < R) len[k] += s.pointLengthPx[j]!;
    }
    for (let j = 0; j < s.widthIndices.length; j++) {
      const k = labels[path[s.widthIndices[j]!]!]!;
      const w = s.widthsPx[j]!;
      if (k < R && Number.isFinite(w)) {
        wSum[k] += w;
        wN[k]++;
      }
    }
  }
  const mmPerPx = spacing / 1000;
  prefixes.forEach((prefix, k) => {
    const a = area[k]!;
    f[`${prefix}_area_mm2`] = a * mmPerPx * mmPerPx;
    f[`${prefix}_vessel_area_fraction`] = a > 0 ? vessel[k]! / a : null;
    f[`${prefix}_vessel_length_density_mm_per_mm2`] = a > 0 ? (len[k]! * mmPerPx) / (a * mmPerPx * mmPerPx) : null;
    f[`${prefix}_vessel_width_mean_um`] = wN[k]! > 0 ? (wSum[k]! / wN[k]!) * spacing : null;
  });
}

/** CRAE / CRVE (px) from segments with width samples in zone B, labelled by majority vote of the A/V map over their zone-B pixels. */
function craeCrve(graph: VesselGraph, segments: SegmentMeasure[], labels: Uint8Array, disc: OpticDisc): { crae: number | null; crve: number | null } {
  const zone = zoneBMask(graph.width, graph.height, disc).data;
  const art: number[] = [], vein: number[] = [];
  for (const s of segments) {
    const path = graph.segments[s.id]!.path;
    let a = 0, v = 0;
    const w: number[] = [];
    for (let j = 0; j < s.widthIndices.length; j++) {
      const p = path[s.widthIndices[j]!]!;
      if (!zone[p]) continue;
      if (labels[p] === 1) a++;
      else if (labels[p] === 2) v++;
      if (Number.isFinite(s.widthsPx[j]!)) w.push(s.widthsPx[j]!);
    }
    if (w.length === 0 || a === v) continue;
    (a > v ? art : vein).push(mean(w));
  }
  return { crae: art.length ? knudtson(art, 'artery') : null, crve: vein.length ? knudtson(vein, 'vein') : null };
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}
function sd(xs: readonly number[], m: number): number {
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / xs.length);
}
function median(xs: readonly number[]): number {
  const a = [...xs].sort((p, q) => p - q);
  const h = a.length >> 1;
  return a.length % 2 ? a[h]! : (a[h - 1]! + a[h]!) / 2;
}
