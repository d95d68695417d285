import type { Image2D, Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import type { ArteryVeinMaps } from '../segment/arteryVeinMaps.js';
import { detectOpticDisc, discRadiusOptions, type DetectOpticDiscOptions } from './opticDisc.js';
import { labelSegments, type LabelSegmentsOptions, type LabelledVessels } from './labelSegments.js';
import { craeCrve, type CraeCrveResult } from './craeCrve.js';
import { zoneCMeasures, type ZoneCMeasures } from './zoneCMeasures.js';
import { profileZoneBWidths, levelZoneBWidths } from './profileWidths.js';
import { removeSmallComponents } from '../preprocess/components.js';
import type { OpticDisc } from './types.js';
import { zoneVisibleFraction } from './zones.js';
import { fovCircle } from '../preprocess/fovCircle.js';
import {
  avMapsFromSegments,
  classifyAvSegments,
  CNN_ONLY_AV_SEGMENT_MODEL,
  DEFAULT_AV_SEGMENT_MODEL,
  type ClassifyAvSegmentsOptions,
} from './avSegmentClassifier.js';
import { balanceArteryVein, DEFAULT_BALANCE_ARTERY_VEIN, type BalanceArteryVeinOptions } from './avBalance.js';

/** Options of {@link analyzeRetina}. */
export interface AnalyzeRetinaOptions {
  /** Field-of-view mask (same size as the maps); required. */
  fov: Mask2D;
  /** µm per pixel; without it the µm values are null (AVR, counts and ratios are still given). */
  spacingUm?: number;
  /** Optic disc; detected from the image when absent. */
  disc?: OpticDisc;
  /**
   * Which eye the photograph is said to show (a manifest's `eye`): `eye_mismatch` is then 1 when the
   * disc lies on the other side of the field (see {@link eyeFromDisc}), 0 when on the expected side.
   */
  eye?: 'OD' | 'OS';
  /**
   * Vessel probability threshold for the binary vessel mask. Default: the maps' own calibrated
   * `vesselThreshold` (the model's, see `predictArteryVeinAdapter`), else 0.5.
   */
  vesselThreshold?: number;
  /**
   * Specks: connected vessel components (8-connected) smaller than this × R² pixels (R = disc
   * radius) are dropped from the vessel mask before the skeleton. Default 0.02 (≈ 400 px for an
   * HRF disc of R ≈ 140 px: a blob 20 px across, or a 4 px wide vessel piece 100 px long).
   */
  minComponentAreaDiscR2?: number;
  /**
   * Segments shorter than this × R (smoothed length) are not counted in `n_segments`,
   * `n_*_segments` and `n_unsure_excluded_zone_b` (skeleton fragments, not vessels); they are
   * counted in `n_short_segments`. They still give widths. Default 0.5.
   */
  minSegmentLengthDiscRadii?: number;
  /**
   * Zone-B width of a vessel: `'mask'` — median perpendicular width of the class mask
   * (distance transform, `labelSegments`); `'level'` — median sub-pixel width of the vessel
   * probability at `widthLevel` normal to the centre line (`levelZoneBWidths`); `'profile'` —
   * median half-height width of the green channel's intensity profile normal to the centre line
   * (`profileZoneBWidths`). Default: `'level'` when the maps carry a model-calibrated
   * `widthLevel` (the shipped CNN's, from its metadata.json), else `'mask'` (label maps).
   */
  widthMethod?: 'mask' | 'profile' | 'level';
  /** Level of the `'level'` width, in (0, 1). Default: the maps' calibrated `widthLevel`, else 0.5 (for binary label maps: the border-to-border width). */
  widthLevel?: number;
  /**
   * Plausibility of a detected disc: when the brightness at the detected centre, relative to its
   * smooth surroundings (`DetectedDisc.brightness`), is below this, no disc is taken as found
   * (`disc_found` 0) and every disc-relative value (zone B/C counts, CRAE, CRVE, AVR, zone-C
   * measures) is null with a reason — a photograph without the disc in its field, or no fundus at
   * all. Default 1.25: the 24 shared HRF images give 1.39–2.79, images without a disc
   * (a uniform or noise image, a skin image, the disc-free half of 15_h) 1.00–1.15 (docs/retina.md).
   * A given `disc` is always used.
   */
  minDiscBrightness?: number;
  /**
   * The camera's optic disc radius / FOV circle radius when it is not HRF's 0.081 (`discRadiusOptions`,
   * calibration in docs/retina.md): the detector's radius; `retinaFromPhotograph` also scales the CNN's
   * input by it. Overrides `discDetector`'s radius fractions. Default: 0.081.
   */
  discRadiusFraction?: number;
  /** Options of the disc detector (besides fov and vessel). */
  discDetector?: Omit<DetectOpticDiscOptions, 'fov' | 'vessel'>;
  /** Options of the segment labelling. */
  segments?: LabelSegmentsOptions;
  /**
   * Relabel the maps segment by segment before the segment vote (`classifyAvSegments` +
   * `avMapsFromSegments`, with these options when an object: `{ model: CNN_ONLY_AV_SEGMENT_MODEL }`
   * propagates the CNN's own evidence over the junctions, `true` uses the default classifier with
   * colour features); needs an RGB image. The relabelled maps are the result's `avMaps` (so `av.png`
   * and the overlay show them); `av_relabel` in the record says which. Default false: on the held-out
   * HRF images it raises the centre-line A/V accuracy of the shipped CNN from 0.821 to 0.866
   * (classifier) or 0.861 (propagation) at full resolution and brings the per-type zone-C tortuosity closer to the manual
   * labels', but it does not make CRAE/CRVE agree better (docs/retina.md). Keep it off for manual label
   * maps (`--av-maps`), which it can only degrade.
   */
  avSegmentClassifier?: boolean | ClassifyAvSegmentsOptions;
  /**
   * Image-level artery/vein prior (`balanceArteryVein`) applied to the maps over the vessel mask
   * before the segment vote. Default: applied when the maps carry a model-calibrated
   * `arteryFraction` (the shipped CNN's, from its metadata.json, via `predictArteryVeinAdapter`),
   * never for label maps; `true` applies it (fraction: the maps', else 0.47), an object with these
   * options (over the same defaults), `false` never.
   */
  avBalance?: boolean | BalanceArteryVeinOptions;
}

/** Defaults of {@link AnalyzeRetinaOptions}. */
export const DEFAULT_ANALYZE_RETINA = {
  vesselThreshold: 0.5,
  minComponentAreaDiscR2: 0.02,
  minSegmentLengthDiscRadii: 0.5,
  widthMethod: 'mask',
  widthLevel: 0.5,
  minDiscBrightness: 1.25,
} as const;

/** Why a retina value can be absent, by output field. */
export const RETINA_ABSENT_REASONS: Readonly<Record<string, string>> = {
  crae_um: 'no arteriole with a clear artery label crosses zone B (or no pixel spacing was given)',
  crve_um: 'no venule with a clear vein label crosses zone B (or no pixel spacing was given)',
  avr: 'needs both CRAE and CRVE',
};

/** The record fields measured relative to the disc: null when no disc was found. */
const DISC_RELATIVE_FIELDS = [
  'crae_um',
  'crve_um',
  'avr',
  'n_arterioles_zone_b',
  'n_venules_zone_b',
  'n_crossings_excluded_zone_b',
  'n_unsure_excluded_zone_b',
  'zone_b_visible_fraction',
  'zone_c_visible_fraction',
  'disc_offset_fov',
  'eye_mismatch',
  ...(['artery', 'vein'] as const).flatMap((t) =>
    ['tortuosity', 'fractal_dimension', 'branching_angle_deg'].map((f) => `${t}_${f}_zone_c`),
  ),
];

/** |disc offset| (FOV radii) below which {@link eyeFromDisc} does not decide: a disc-centred photograph. */
export const EYE_FROM_DISC_MIN_OFFSET = 0.2;

/**
 * The eye a fundus photograph shows, from the side of the field its optic disc lies on: in the
 * standard (not mirrored) orientation the disc lies nasal of the macula, on the right of a right eye's
 * (OD) photograph and on the left of a left eye's (OS). `offset` = (disc column − FOV circle's centre
 * column) / FOV radius; null within ±0.2 (disc-centred fields). Macula-centred 45° photographs give
 * |offset| ≈ 0.4–0.7 (our annotated HRF discs 0.40–0.69, the synthetic generator 0.51). A mismatch with the recorded eye
 * flags a mislabelled or mirrored photograph.
 * @example eyeFromDisc(-0.49) // 'OS' (HRF 08_h: disc at column 955 of a field centred at 1752)
 */
export function eyeFromDisc(offset: number): 'OD' | 'OS' | null {
  if (!Number.isFinite(offset) || Math.abs(offset) < EYE_FROM_DISC_MIN_OFFSET) return null;
  return offset > 0 ? 'OD' : 'OS';
}

/** Full result of {@link analyzeRetina}. */
export interface RetinaAnalysis {
  /** The disc used: the given one, or the detected candidate (check `discFound`). */
  disc: OpticDisc;
  discDetected: boolean;
  /** False when the detected candidate failed the plausibility check (`minDiscBrightness`): disc-relative values are then null. */
  discFound: boolean;
  vesselMask: Mask2D;
  vessels: LabelledVessels;
  /** CRAE/CRVE around `disc` (computed even when `discFound` is false; the record then nulls them). */
  calibre: CraeCrveResult;
  zoneC: Record<'artery' | 'vein', ZoneCMeasures>;
  /** The artery/vein maps the segments were labelled from: the input maps, balanced (`avBalance`), then relabelled per segment (`avSegmentClassifier`). */
  avMaps: ArteryVeinMaps;
  /** Flat record for the CLI and the cohort table (see docs/retina.md for every field). */
  record: Record<string, number | string | null>;
}

/**
 * The retinal calibre pipeline on artery/vein maps: optic disc (given or detected), vessel
 * mask (vessel probability ≥ threshold — the model's calibrated one when the maps carry it —
 * inside the FOV, specks smaller than 0.02 R² removed), skeleton segments labelled artery /
 * vein / unsure / crossing, CRAE / CRVE / AVR over zone B (Knudtson 2003) and per-type
 * tortuosity, fractal dimension and branching angle over zone C. See docs/retina.md.
 *
 * @throws VesselprintError SHAPE_MISMATCH when image, FOV and maps differ in size
 * @example analyzeRetina(rgb, maps, { fov, spacingUm: 5 }).record.avr // 0.68
 */
export function analyzeRetina(
  image: Image2D,
  maps: ArteryVeinMaps & { vesselThreshold?: number; arteryFraction?: number; widthLevel?: number },
  options: AnalyzeRetinaOptions,
): RetinaAnalysis {
  const { width, height } = maps;
  for (const [what, o] of [
    ['image', image],
    ['fov', options.fov],
  ] as const) {
    if (o.width !== width || o.height !== height) {
      throw new VesselprintError('SHAPE_MISMATCH', `analyzeRetina: ${what} is ${o.width}x${o.height}, A/V maps are ${width}x${height}`, {
        field: what,
      });
    }
  }
  const thr = options.vesselThreshold ?? maps.vesselThreshold ?? DEFAULT_ANALYZE_RETINA.vesselThreshold;
  const raw: Mask2D = { data: new Uint8Array(width * height), width, height };
  for (let i = 0; i < raw.data.length; i++) raw.data[i] = options.fov.data[i] && maps.vessel[i]! >= thr ? 1 : 0;
  const detected = options.disc
    ? undefined
    : detectOpticDisc(image, {
        ...options.discDetector,
        ...(options.discRadiusFraction !== undefined && discRadiusOptions(options.discRadiusFraction)),
        fov: options.fov,
        vessel: maps.vessel,
      });
  const disc: OpticDisc = options.disc ?? detected!;
  const minBrightness = options.minDiscBrightness ?? DEFAULT_ANALYZE_RETINA.minDiscBrightness;
  const discFound = detected === undefined || detected.brightness >= minBrightness;
  const minArea = (options.minComponentAreaDiscR2 ?? DEFAULT_ANALYZE_RETINA.minComponentAreaDiscR2) * disc.radiusPx ** 2;
  const vesselMask = minArea >= 1 ? removeSmallComponents(raw, Math.round(minArea), 8) : raw;
  const sc = options.avSegmentClassifier ?? false;
  const bo = options.avBalance;
  const balance: BalanceArteryVeinOptions | undefined =
    bo === false || (bo === undefined && maps.arteryFraction === undefined)
      ? undefined
      : { arteryFraction: maps.arteryFraction ?? DEFAULT_BALANCE_ARTERY_VEIN.arteryFraction, ...(typeof bo === 'object' ? bo : {}) };
  const balanced = balance !== undefined ? balanceArteryVein(maps, vesselMask, balance) : undefined;
  const balancedMaps: ArteryVeinMaps = balanced?.maps ?? maps;
  const scOptions = sc === true ? {} : sc === false ? undefined : sc;
  const avMaps =
    scOptions === undefined
      ? balancedMaps
      : avMapsFromSegments(balancedMaps, classifyAvSegments(image, options.fov, balancedMaps, vesselMask, scOptions));
  const relabel =
    scOptions === undefined
      ? 'none'
      : (scOptions.model ?? DEFAULT_AV_SEGMENT_MODEL) === DEFAULT_AV_SEGMENT_MODEL
        ? 'classifier'
        : scOptions.model === CNN_ONLY_AV_SEGMENT_MODEL
          ? 'propagation'
          : 'custom';
  const labelled = labelSegments(vesselMask, avMaps, disc, { ...options.segments });
  const widthMethod = options.widthMethod ?? (maps.widthLevel !== undefined ? 'level' : DEFAULT_ANALYZE_RETINA.widthMethod);
  const widthLevel = widthMethod === 'level' ? (options.widthLevel ?? maps.widthLevel ?? DEFAULT_ANALYZE_RETINA.widthLevel) : null;
  const vessels =
    widthMethod === 'profile'
      ? profileZoneBWidths(labelled, image, disc)
      : widthLevel !== null
        ? levelZoneBWidths(labelled, maps.vessel, disc, widthLevel)
        : labelled;
  const spacing = options.spacingUm;
  const minLength = (options.minSegmentLengthDiscRadii ?? DEFAULT_ANALYZE_RETINA.minSegmentLengthDiscRadii) * disc.radiusPx;
  const calibre = craeCrve(vessels, disc, { spacingUm: spacing ?? 1, minUnsureLengthPx: minLength });
  const zoneC = zoneCMeasures(vessels, disc);
  const segs = [...vessels.artery.segments, ...vessels.vein.segments];
  const all = segs.filter((s) => s.lengthPx >= minLength);
  const count = (l: string): number => all.filter((s) => s.label === l).length;
  const circle = fovCircle(options.fov);
  const offset = circle !== undefined ? (disc.col - circle.col) / circle.radiusPx : null;
  const eyeSeen = offset !== null ? eyeFromDisc(offset) : null;
  const record: Record<string, number | string | null> = {
    disc_row: disc.row,
    disc_col: disc.col,
    disc_radius_px: disc.radiusPx,
    disc_detected: options.disc ? 0 : 1,
    disc_found: discFound ? 1 : 0,
    disc_score: detected !== undefined && Number.isFinite(detected.score) ? detected.score : null,
    disc_brightness: detected !== undefined && Number.isFinite(detected.brightness) ? detected.brightness : null,
    disc_vessel_density_ratio: detected !== undefined && Number.isFinite(detected.vesselDensityRatio) ? detected.vesselDensityRatio : null,
    pixel_spacing_um: spacing ?? null,
    crae_um: spacing !== undefined ? calibre.craeUm : null,
    crve_um: spacing !== undefined ? calibre.crveUm : null,
    avr: calibre.avr,
    n_arterioles_zone_b: calibre.nArterioles,
    n_venules_zone_b: calibre.nVenules,
    n_crossings_excluded_zone_b: calibre.nCrossingExcluded,
    n_unsure_excluded_zone_b: calibre.nUnsureExcluded,
    zone_b_visible_fraction: zoneVisibleFraction(options.fov, disc, 'B'),
    zone_c_visible_fraction: zoneVisibleFraction(options.fov, disc, 'C'),
    disc_offset_fov: offset,
    eye_mismatch: options.eye !== undefined && eyeSeen !== null ? (eyeSeen === options.eye ? 0 : 1) : null,
    vessel_threshold: thr,
    cnn_downsample: maps.networkDownsample ?? null,
    width_method: widthMethod,
    width_level: widthLevel,
    av_balance_shift: balanced !== undefined ? balanced.shift : null,
    av_relabel: relabel,
    n_segments: all.length,
    n_short_segments: segs.length - all.length,
    n_artery_segments: count('artery'),
    n_vein_segments: count('vein'),
    n_unsure_segments: count('unsure'),
  };
  for (const kind of ['artery', 'vein'] as const) {
    const z = zoneC[kind];
    record[`${kind}_tortuosity_zone_c`] = z.tortuosity;
    record[`${kind}_fractal_dimension_zone_c`] = z.fractalDimension;
    record[`${kind}_branching_angle_deg_zone_c`] = z.branchingAngleDeg;
  }
  if (!discFound) {
    const why = `no optic disc found: the detected candidate is only ${detected!.brightness.toFixed(2)} x as bright as its surroundings (a disc: >= ${minBrightness}); the disc may lie outside the field, or the image is not a gradable fundus photograph (give the disc to measure anyway)`;
    for (const k of DISC_RELATIVE_FIELDS) {
      record[k] = null;
      record[`${k}_absent_reason`] = why;
    }
  }
  for (const [k, reason] of Object.entries(RETINA_ABSENT_REASONS))
    if (record[k] === null && record[`${k}_absent_reason`] === undefined) record[`${k}_absent_reason`] = reason;
  for (const kind of ['artery', 'vein'] as const) {
    for (const f of ['tortuosity', 'fractal_dimension', 'branching_angle_deg']) {
      const k = `${kind}_${f}_zone_c`;
      if (record[k] === null && record[`${k}_absent_reason`] === undefined)
        record[`${k}_absent_reason`] =
          `no ${kind} ${f === 'tortuosity' ? 'segment' : f === 'fractal_dimension' ? 'pixel' : 'bifurcation'} in zone C`;
    }
  }
  return { disc, discDetected: !options.disc, discFound, vesselMask, vessels, calibre, zoneC, avMaps, record };
}
